import * as vscode from 'vscode';

const SECTION = 'kubilitics';

/** Typed reads of the extension's settings. */
export const settings = {
  defaultNamespace(): string {
    return vscode.workspace.getConfiguration(SECTION).get<string>('defaultNamespace', 'default') || 'default';
  },
  manifestDebounceMs(): number {
    const value = vscode.workspace.getConfiguration(SECTION).get<number>('manifests.debounceMs', 300);
    return Math.min(Math.max(value, 50), 5000);
  },
  exportDirectory(): string {
    return vscode.workspace.getConfiguration(SECTION).get<string>('export.directory', 'docs/topology');
  },
};
