/**
 * The subset of VS Code theme variables the webview reads, with the values of the default Light Modern,
 * Dark Modern and Dark High Contrast themes. The test page sets them the way VS Code does: on the root element's style,
 * with a `vscode-light` / `vscode-dark` class on the body.
 */
export interface TestTheme {
  readonly bodyClass: string;
  readonly vars: Readonly<Record<string, string>>;
}

const COMMON = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", system-ui, Ubuntu, "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
};

export const DARK: TestTheme = {
  bodyClass: 'vscode-dark',
  vars: {
    ...COMMON,
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-sideBar-background': '#181818',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': '#313131',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-charts-lines': '#cccccc80',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-terminal-ansiCyan': '#11a8cd',
    '--vscode-terminal-ansiMagenta': '#bc3fbc',
    '--vscode-terminal-ansiGreen': '#0dbc79',
    '--vscode-testing-iconPassed': '#73c991',
    '--vscode-testing-iconFailed': '#f14c4c',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-errorForeground': '#f85149',
    '--vscode-list-highlightForeground': '#2aaaff',
    '--vscode-editor-findMatchHighlightBackground': '#ea5c0055',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-input-background': '#313131',
    '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-menu-background': '#1f1f1f',
    '--vscode-widget-shadow': '#0000005c',
  },
};

export const LIGHT: TestTheme = {
  bodyClass: 'vscode-light',
  vars: {
    ...COMMON,
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-charts-lines': '#61616180',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-red': '#e51400',
    '--vscode-terminal-ansiCyan': '#0598bc',
    '--vscode-terminal-ansiMagenta': '#bc05bc',
    '--vscode-terminal-ansiGreen': '#107c10',
    '--vscode-testing-iconPassed': '#388a34',
    '--vscode-testing-iconFailed': '#f14c4c',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-errorForeground': '#f85149',
    '--vscode-list-highlightForeground': '#0066bf',
    '--vscode-editor-findMatchHighlightBackground': '#ea5c0055',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#3b3b3b',
    '--vscode-input-border': '#cecece',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-menu-background': '#ffffff',
    '--vscode-widget-shadow': '#00000029',
  },
};

/**
 * Dark High Contrast: black and white, every control outlined in the contrast border colour, the active element in
 * the active contrast border colour. (VS Code sets `vscode-high-contrast` on the body.)
 */
export const HIGH_CONTRAST: TestTheme = {
  bodyClass: 'vscode-high-contrast',
  vars: {
    ...DARK.vars,
    '--vscode-editor-background': '#000000',
    '--vscode-editor-foreground': '#ffffff',
    '--vscode-descriptionForeground': '#ffffffb3',
    '--vscode-sideBar-background': '#000000',
    '--vscode-editorWidget-background': '#0c141f',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-focusBorder': '#f38518',
    '--vscode-editorWidget-border': '#6fc3df',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-button-border': '#6fc3df',
    '--vscode-button-secondaryBackground': '#000000',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-input-background': '#000000',
    '--vscode-input-foreground': '#ffffff',
    '--vscode-input-border': '#6fc3df',
    '--vscode-menu-background': '#000000',
    '--vscode-menu-border': '#6fc3df',
    '--vscode-badge-background': '#000000',
    '--vscode-badge-foreground': '#ffffff',
    '--vscode-errorForeground': '#f48771',
  },
};
