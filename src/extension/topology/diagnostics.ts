import * as vscode from 'vscode';
import type { IntakeWarning } from '../../engine/intake/manifests.js';
import type { Insight } from '../../engine/insights.js';

/** YAML errors and broken references in the Problems panel, at the line of the document that holds them. */
export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kubilitics');
  private readonly byOwner = new Map<object, vscode.Uri[]>();

  update(owner: object, uriOf: (file: string) => vscode.Uri, warnings: readonly IntakeWarning[], insights: readonly Insight[]): void {
    this.clear(owner);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, line: number, message: string, severity: vscode.DiagnosticSeverity, code: string): void => {
      const range = new vscode.Range(Math.max(0, line - 1), 0, Math.max(0, line - 1), Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, message, severity);
      diagnostic.source = 'Kubilitics';
      diagnostic.code = code;
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    };
    for (const warning of warnings) {
      if (warning.severity === 'error' && warning.file) add(warning.file, warning.line, warning.message, vscode.DiagnosticSeverity.Error, 'manifest');
    }
    for (const insight of insights) {
      if (!insight.source) continue;
      const severity = insight.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      add(insight.source.file, insight.source.line, insight.message, severity, insight.kind);
    }
    const uris: vscode.Uri[] = [];
    for (const [file, diagnostics] of byFile) {
      const uri = uriOf(file);
      uris.push(uri);
      this.collection.set(uri, [...(this.collection.get(uri) ?? []), ...diagnostics]);
    }
    this.byOwner.set(owner, uris);
  }

  clear(owner: object): void {
    for (const uri of this.byOwner.get(owner) ?? []) this.collection.delete(uri);
    this.byOwner.delete(owner);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
