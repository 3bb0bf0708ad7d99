import * as vscode from 'vscode';
import type { IntakeWarning } from '../../engine/intake/manifests.js';
import type { Insight } from '../../engine/insights.js';
import { DiagnosticLedger } from './diagnosticLedger.js';

/** YAML errors and broken references in the Problems panel, at the line of the document that holds them. */
export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kubilitics');
  private readonly ledger = new DiagnosticLedger<vscode.Diagnostic>((diagnostic) =>
    `${diagnostic.range.start.line}\u0000${String(diagnostic.code)}\u0000${diagnostic.message}`);
  private readonly uris = new Map<string, vscode.Uri>();

  update(owner: object, uriOf: (file: string) => vscode.Uri, warnings: readonly IntakeWarning[], insights: readonly Insight[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, line: number, message: string, severity: vscode.DiagnosticSeverity, code: string): void => {
      const range = new vscode.Range(Math.max(0, line - 1), 0, Math.max(0, line - 1), Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, message, severity);
      diagnostic.source = 'Kubilitics';
      diagnostic.code = code;
      const uri = uriOf(file);
      const key = uri.toString();
      this.uris.set(key, uri);
      byFile.set(key, [...(byFile.get(key) ?? []), diagnostic]);
    };
    for (const warning of warnings) {
      if (warning.severity === 'error' && warning.file) add(warning.file, warning.line, warning.message, vscode.DiagnosticSeverity.Error, 'manifest');
    }
    for (const insight of insights) {
      if (!insight.source) continue;
      const severity = insight.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      add(insight.source.file, insight.source.line, insight.message, severity, insight.kind);
    }
    this.publish(this.ledger.replace(owner, byFile));
  }

  clear(owner: object): void {
    this.publish(this.ledger.clear(owner));
  }

  dispose(): void {
    this.collection.dispose();
  }

  private publish(files: readonly string[]): void {
    for (const file of files) {
      const uri = this.uris.get(file);
      if (!uri) continue;
      const diagnostics = this.ledger.merged(file);
      if (diagnostics.length) {
        this.collection.set(uri, diagnostics);
      } else {
        this.collection.delete(uri);
        this.uris.delete(file);
      }
    }
  }
}
