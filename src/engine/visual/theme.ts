/**
 * Theme-aware colours of the one visual language (kinds, status, edges and chrome all draw with these).
 * Each colour names the VS Code CSS variable to read inside a webview, with fallbacks for light, dark and
 * high-contrast themes for consumers that have no VS Code theme (CLI, exporters).
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ThemeColor {
  /** VS Code theme variable, e.g. `--vscode-charts-blue`. */
  readonly cssVar: string;
  readonly light: string;
  readonly dark: string;
  readonly highContrast: string;
}

export function themeColor(cssVar: string, light: string, dark: string, highContrast: string): ThemeColor {
  return { cssVar, light, dark, highContrast };
}

/** The colour to use when the CSS variable is not available. */
export function fallbackColor(c: ThemeColor, theme: ThemeKind): string {
  switch (theme) {
    case 'light':
      return c.light;
    case 'dark':
      return c.dark;
    case 'high-contrast':
      return c.highContrast;
    case 'high-contrast-light':
      // High-contrast light is a light theme with stronger borders; the light palette reads well on it.
      return c.light;
  }
}

/** Colours of the surfaces around the graph. */
export const CHROME = {
  background: themeColor('--vscode-editor-background', '#ffffff', '#1e1e1e', '#000000'),
  foreground: themeColor('--vscode-editor-foreground', '#3b3b3b', '#cccccc', '#ffffff'),
  muted: themeColor('--vscode-descriptionForeground', '#717171', '#9d9d9d', '#ffffff'),
  edge: themeColor('--vscode-charts-lines', '#61616180', '#cccccc80', '#ffffff'),
  focus: themeColor('--vscode-focusBorder', '#0090f1', '#007fd4', '#f38518'),
  /** Search matches, in the colour of the editor's find-match highlight. */
  match: themeColor('--vscode-editor-findMatchHighlightBackground', '#ea5c0055', '#ea5c0055', '#f38518'),
  error: themeColor('--vscode-errorForeground', '#a1260d', '#f48771', '#f48771'),
} as const satisfies Record<string, ThemeColor>;

/**
 * Namespace boxes: a faint wash of the text colour with a soft border of the muted colour. Derived from
 * the foreground rather than a widget background so the box shows on every theme's editor background.
 */
export const GROUP_VISUAL = {
  fill: CHROME.foreground,
  fillOpacity: 0.045,
  border: CHROME.muted,
  borderOpacity: 0.5,
  label: CHROME.muted,
  padding: 20,
} as const;
