// ESLint keeps the house in order where the compiler cannot: the layer boundaries between src/ folders, no import
// cycles, and the house style (import type, no default exports). Formatting is Prettier's job (npm run format).
//
// The layers (see the README's picture): the engine is pure and the base; the protocol is what host and webview
// share; the host (extension), the webview and the CLI sit on top and never import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { housePlugin } from './scripts/lint/houseRules.mjs';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'zlib',
  'util',
  'stream',
];

/** An import of `vscode` outside the host is an error: the engine, protocol, webview and CLI run without VS Code. */
const noVscode = {
  name: 'vscode',
  message: 'Only src/extension may import vscode (the engine, protocol, webview and CLI run without it).',
};

/** Each zone: files in `target` may not import from `from`. Paths are relative to the repository root. */
const LAYER_ZONES = [
  {
    target: './src/engine',
    from: ['./src/extension', './src/webview', './src/cli', './src/protocol', './src/tools'],
    message: 'The engine is the base layer: it imports nothing from the host, the webview, the CLI or the protocol.',
  },
  {
    target: './src/tools',
    from: ['./src/extension', './src/webview', './src/cli', './src/protocol'],
    message: 'src/tools runs helm/kustomize for both the host and the CLI: it imports only the engine.',
  },
  {
    target: './src/protocol',
    from: ['./src/extension', './src/webview', './src/cli', './src/tools'],
    message: 'The protocol is shared by host and webview: it imports neither (only engine types).',
  },
  {
    target: './src/webview',
    from: ['./src/extension', './src/cli', './src/tools'],
    message: 'The webview never imports host, CLI or process-running code.',
  },
  {
    target: './src/extension',
    from: ['./src/webview', './src/cli'],
    message: 'The host talks to the webview only through src/protocol; it never imports webview or CLI code.',
  },
  {
    target: './src/cli',
    from: ['./src/extension', './src/webview', './src/protocol'],
    message: 'The CLI runs the engine headless: no host, webview or protocol code.',
  },
];

/** Browser globals the pure engine and the protocol must not touch (the compiler checks the host's files too). */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'Element',
  'localStorage',
  'self',
  'location',
  'requestAnimationFrame',
].map((name) => ({ name, message: 'The engine and the protocol have no DOM: this code also runs in Node (host, CLI, tests).' }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'coverage/**',
      '**/*.js',
      '**/*.cjs',
      'test/cluster/controlplane/modules/**',
      'test/tools/modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    plugins: { 'import-x': importX, house: housePlugin },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'src/webview/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      // The compiler already reports undefined names, with types; ESLint's copy would not know DOM vs Node globals.
      'no-undef': 'off',
      // Not import-x/no-cycle: it skips type-only imports, and type cycles are the ones this house grows.
      'house/no-import-cycle': 'error',
      'import-x/no-default-export': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/engine/**', 'src/protocol/**', 'src/webview/**', 'src/cli/**', 'src/tools/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/engine/**', 'src/protocol/**'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] },
  },
  {
    // The protocol and the webview run in a browser: no Node built-ins (the webview tsconfig has no Node types either).
    files: ['src/protocol/**', 'src/webview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [{ group: NODE_BUILTINS, message: 'The webview and the protocol run in a browser: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    // Config files and scripts are the one place where tools require a default export.
    files: ['*.config.ts', '*.config.mjs', 'eslint.config.mjs', 'scripts/**'],
    rules: { 'import-x/no-default-export': 'off' },
  },
);
