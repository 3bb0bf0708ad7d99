/**
 * In-memory read-only documents (`kubilitics-apply:` URIs) for the two sides of an apply's diff and its report: the
 * live object and the dry-run result as the API server gave them, never written to disk. A Secret's side is its
 * metadata only (neither side ever holds its values). Each apply run replaces the previous run's texts.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { comparable } from '../../engine/actions/applyOutcome.js';
import type { KubeObject } from '../../engine/model/object.js';

export const APPLY_SCHEME = 'kubilitics-apply';

export class ApplyDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Keeps `text` under `path` (a file name that says what it is) and returns its URI. */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: APPLY_SCHEME, path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  clear(): void {
    this.texts.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? `# ${vscode.l10n.t('This document belonged to an earlier apply and is gone.')}\n`;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The YAML shown for one side of a diff: volatile fields aside, a Secret named as itself with a note on its data. */
export function diffSide(object: KubeObject | undefined, metadataOnly: boolean, note?: string): string {
  if (!object) return `# ${vscode.l10n.t('(not on the cluster)')}\n`;
  const shown = comparable(object);
  const named = metadataOnly ? { ...shown, apiVersion: 'v1', kind: 'Secret' } : shown;
  const secretNote = vscode.l10n.t('Secret: metadata only; its values are never read or shown.');
  const header = metadataOnly ? `# ${secretNote}${note ? ` ${note}.` : ''}\n` : '';
  return header + stringify(named, { lineWidth: 0, aliasDuplicateObjects: false });
}

export async function showDiff(left: vscode.Uri, right: vscode.Uri, title: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
}
