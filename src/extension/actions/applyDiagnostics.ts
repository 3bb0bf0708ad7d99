/**
 * A refused apply's problems in the Problems view, at the line of each field the API server named: a 422's invalid
 * fields and a 409's fields owned by another manager. Edit places them in its copy; Apply to Cluster in each file
 * (or unsaved editor) the objects came from, in the document of each object.
 */
import * as vscode from 'vscode';
import { conflictProblems, fieldConflicts, invalidFields, type FieldProblem } from '../../engine/actions/applyStatus.js';
import { placeProblems } from '../../engine/actions/fieldLine.js';
import type { SourceLocation } from '../../engine/model/graph.js';
import { ApiError } from '../cluster/apiClient.js';

const SOURCE = 'kubilitics apply';

/** The fields a refused apply names; none for a refusal that is not about fields (403, 5xx, a network error). */
export function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (error.kind === 'invalid') return invalidFields(error.apiStatus);
  if (error.kind === 'conflict') return conflictProblems(fieldConflicts(error.apiStatus));
  return [];
}

/** Diagnostics for `problems` of the object whose document starts at `documentLine` of `text`. */
export function diagnosticsFor(text: string, documentLine: number, problems: readonly FieldProblem[]): vscode.Diagnostic[] {
  const lines = text.split(/\r?\n/);
  return placeProblems(text, documentLine, problems).map(({ line, message }) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(line - 1, 0, line - 1, lines[line - 1]?.length ?? 0), message);
    diagnostic.source = SOURCE;
    return diagnostic;
  });
}

/** A file the applied objects were read from: where its diagnostics go, and the text the lines count in. */
export interface AppliedText {
  readonly uri: vscode.Uri;
  readonly text: string;
}

export interface Refusal {
  readonly source?: SourceLocation | undefined;
  readonly error?: unknown;
}

/**
 * Replaces the diagnostics of every file of `texts` (keyed by the intake's file name) with the refusals placed in
 * them; a file without refusals is cleared. Returns how many were placed.
 */
export function markRefusals(
  diagnostics: vscode.DiagnosticCollection,
  texts: ReadonlyMap<string, AppliedText>,
  refusals: readonly Refusal[],
): number {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const { source, error } of refusals) {
    const file = source ? texts.get(source.file) : undefined;
    const problems = problemsOf(error);
    if (!source || !file || problems.length === 0) continue;
    byFile.set(source.file, [...(byFile.get(source.file) ?? []), ...diagnosticsFor(file.text, source.line, problems)]);
  }
  for (const [file, { uri }] of texts) diagnostics.set(uri, byFile.get(file) ?? []);
  return [...byFile.values()].reduce((sum, list) => sum + list.length, 0);
}
