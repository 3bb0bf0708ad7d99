/**
 * Read-only YAML documents of live objects (`kubilitics-object:` URIs), fetched when opened, so they show the object
 * as the API server has it now rather than as the watch trimmed it. The query names the context, so a document
 * opened before a context switch says so instead of showing another cluster's object of the same name.
 */
import * as vscode from 'vscode';
import { objectYaml } from '../../engine/actions/objectYaml.js';
import { parseId } from '../../engine/model/kinds.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { sessionActions } from './sessionActions.js';

export const OBJECT_SCHEME = 'kubilitics-object';

interface ObjectQuery {
  readonly context: string;
  readonly id: string;
  readonly managed: boolean;
}

export function objectUri(query: ObjectQuery): vscode.Uri {
  const { kind, namespace, name } = parseId(query.id);
  const path = `/${namespace || '_cluster'}/${kind.toLowerCase()}-${name}${query.managed ? '.managed' : ''}.yaml`;
  return vscode.Uri.from({ scheme: OBJECT_SCHEME, path, query: JSON.stringify(query) });
}

export function parseObjectUri(uri: vscode.Uri): ObjectQuery | undefined {
  try {
    const query = JSON.parse(uri.query) as Partial<ObjectQuery>;
    if (typeof query.context !== 'string' || typeof query.id !== 'string') return undefined;
    return { context: query.context, id: query.id, managed: query.managed === true };
  } catch {
    return undefined;
  }
}

export class ObjectDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly clusters: ClusterManager) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const query = parseObjectUri(uri);
    if (!query) return `# ${vscode.l10n.t('Not an object this extension can show.')}\n`;
    const session = this.clusters.session;
    if (!session || this.clusters.contextName !== query.context) {
      const note = vscode.l10n.t(
        '{0} belongs to context {1}, which is not connected now. Connect to it and open the object again.',
        query.id,
        query.context,
      );
      return `# ${note}\n`;
    }
    const ref = parseId(query.id);
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const { objects } = sessionActions(session);
      const object = await objects.get(ref, abort.signal);
      return objectYaml(object, {
        showManagedFields: query.managed,
        metadataOnly: objects.isMetadataOnly(ref),
        toggleHint: vscode.l10n.t('Kubilitics: Toggle Managed Fields'),
      });
    } catch (error) {
      return `# ${vscode.l10n.t('{0} could not be read: {1}', query.id, (error as Error).message)}\n`;
    } finally {
      cancel.dispose();
    }
  }
}

export async function openObjectYaml(context: string, id: string, managed = false): Promise<void> {
  const document = await vscode.workspace.openTextDocument(objectUri({ context, id, managed }));
  await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  // Beside the topology, not over it: the diagram stays in sight while the YAML is read.
  const overDiagram = vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview;
  await vscode.window.showTextDocument(document, { preview: true, ...(overDiagram ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
}

/** Reopens the object's document with managedFields shown, or hidden again. */
export async function toggleManagedFields(uri = vscode.window.activeTextEditor?.document.uri): Promise<void> {
  const query = uri?.scheme === OBJECT_SCHEME ? parseObjectUri(uri) : undefined;
  if (!query) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a live object with View YAML first.'));
    return;
  }
  await openObjectYaml(query.context, query.id, !query.managed);
}
