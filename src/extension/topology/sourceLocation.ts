import * as vscode from 'vscode';

/** Where an object's YAML starts, from its engine source (1-based lines; VS Code counts from 0). */
export function sourceLocation(
  source: { readonly file: string; readonly line: number } | undefined,
  uriOf: (file: string) => vscode.Uri,
): vscode.Location | undefined {
  if (!source) return undefined;
  return new vscode.Location(uriOf(source.file), new vscode.Position(Math.max(0, source.line - 1), 0));
}
