import * as vscode from 'vscode';
import type { Finding, FindingSeverity } from '../../engine/findings.js';
import { DiagnosticLedger } from './diagnosticLedger.js';

const SEVERITY: Readonly<Record<FindingSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Findings in the Problems panel, one per line of the document that holds it, with the finding's own severity:
 * the panel lists the same list the view's status bar and the CLI count.
 */
export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kubilitics');
  private readonly ledger = new DiagnosticLedger<vscode.Diagnostic>(
    (diagnostic) => `${diagnostic.range.start.line}\u0000${String(diagnostic.code)}\u0000${diagnostic.message}`,
  );
  private readonly uris = new Map<string, vscode.Uri>();

  update(owner: object, uriOf: (file: string) => vscode.Uri, findings: readonly Finding[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      if (!finding.source?.file) continue;
      const line = Math.max(0, finding.source.line - 1);
      const range = new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
      diagnostic.source = 'Kubilitics';
      diagnostic.code = finding.kind;
      const uri = uriOf(finding.source.file);
      const key = uri.toString();
      this.uris.set(key, uri);
      const list = byFile.get(key) ?? [];
      list.push(diagnostic);
      byFile.set(key, list);
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
