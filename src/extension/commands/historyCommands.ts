import * as vscode from 'vscode';
import { parseId } from '../../engine/model/kinds.js';
import { SnapshotFormatError, SnapshotLimitError } from '../../engine/store/errors.js';
import { readableDiff } from '../../engine/store/history.js';
import type { SnapshotFile } from '../../engine/store/snapshotFile.js';
import { readSnapshotFileInWorker, SnapshotImportCancelled } from '../../engine/store/snapshotImport.js';
import { settings } from '../config.js';
import { log } from '../log.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { HistoryService, Stores } from '../history/historyService.js';
import { historyPicks } from '../history/historyPicks.js';
import { describeMoment } from '../history/timeline.js';
import type { TopologyPanels } from '../topology/panels.js';

export const HISTORY_SCHEME = 'kubilitics-history';

async function storesOrExplain(history: HistoryService): Promise<Stores | undefined> {
  const stores = await history.stores();
  if (!stores)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kubilitics: history is off (setting kubilitics.history.enabled) or its database could not be opened; see the log.'),
    );
  return stores;
}

const readOnly = (): string =>
  [
    vscode.l10n.t('Kubilitics: another VS Code window records history into the same file, so this window only reads it (see the log).'),
    vscode.l10n.t('Open a folder to give this window its own history.'),
  ].join(' ');

/** The stores, when this window may change them (it is the one recording). */
async function writableStoresOrExplain(history: HistoryService): Promise<Stores | undefined> {
  const stores = await storesOrExplain(history);
  if (stores?.readOnly) void vscode.window.showInformationMessage(readOnly());
  return stores?.readOnly ? undefined : stores;
}

function clusterOf(manager: ClusterManager, stores?: Stores): number | undefined {
  const cluster = manager.recorder?.cluster;
  if (cluster === undefined)
    void vscode.window.showInformationMessage(
      stores?.readOnly ? readOnly() : vscode.l10n.t('Kubilitics: connect to a cluster first (Kubilitics: Select Context…).'),
    );
  return cluster;
}

export async function takeSnapshot(manager: ClusterManager, history: HistoryService): Promise<void> {
  if (!(await writableStoresOrExplain(history)) || clusterOf(manager) === undefined) return;
  const saved = await manager.recorder!.snapshot('manual');
  void vscode.window.showInformationMessage(
    saved
      ? vscode.l10n.t('Kubilitics: snapshot taken.')
      : vscode.l10n.t('Kubilitics: nothing changed since the last snapshot; none taken.'),
  );
}

interface SnapshotPick extends vscode.QuickPickItem {
  readonly id: number;
}

/** How much of its JSON size a snapshot takes on disk, in whole percent. */
function storedPercent(snapshot: { readonly storedBytes: number; readonly jsonBytes: number }): number {
  return Math.round((snapshot.storedBytes / Math.max(1, snapshot.jsonBytes)) * 100);
}

async function pickSnapshot(
  stores: Stores,
  clusterId: number | undefined,
  title: string,
  now?: string,
): Promise<number | null | undefined> {
  const snapshots = stores.snapshots.list(clusterId === undefined ? {} : { clusterId }).reverse();
  if (snapshots.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kubilitics: no snapshots yet. They are taken on connect, on a schedule and on significant change.'),
    );
    return undefined;
  }
  const items: SnapshotPick[] = snapshots.map((snapshot) => ({
    id: snapshot.id,
    label: describeMoment(snapshot.takenAt),
    description: vscode.l10n.t('#{0} · {1} · {2} nodes, {3} edges', snapshot.id, snapshot.trigger, snapshot.nodeCount, snapshot.edgeCount),
    detail: vscode.l10n.t('{0} KB stored ({1}% of its JSON)', Math.round(snapshot.storedBytes / 1024), storedPercent(snapshot)),
  }));
  const picked = await vscode.window.showQuickPick<SnapshotPick | (vscode.QuickPickItem & { id: null })>(
    now ? [{ id: null, label: `$(pulse) ${vscode.l10n.t('Now')}`, description: now }, ...items] : items,
    { title },
  );
  return picked?.id;
}

export async function browseSnapshots(manager: ClusterManager, history: HistoryService, panels: TopologyPanels): Promise<void> {
  const stores = await storesOrExplain(history);
  const cluster = stores && clusterOf(manager, stores);
  if (!stores || cluster === undefined) return;
  const id = await pickSnapshot(stores, cluster, vscode.l10n.t('Kubilitics: Browse Snapshots'));
  if (id !== undefined && id !== null) await panels.openCluster().source.select?.(id);
}

export async function compareSnapshots(manager: ClusterManager, history: HistoryService, panels: TopologyPanels): Promise<void> {
  const stores = await storesOrExplain(history);
  const cluster = stores && clusterOf(manager, stores);
  if (!stores || cluster === undefined) return;
  const from = await pickSnapshot(stores, cluster, vscode.l10n.t('Kubilitics: Compare — pick the earlier moment'));
  if (from === undefined || from === null) return;
  const title = vscode.l10n.t('Kubilitics: Compare — with now, or another snapshot');
  const to = await pickSnapshot(stores, cluster, title, vscode.l10n.t('the live cluster'));
  if (to === undefined) return;
  await panels.openCluster().source.compare?.(from, to);
}

export async function deleteSnapshot(manager: ClusterManager, history: HistoryService): Promise<void> {
  const stores = await writableStoresOrExplain(history);
  if (!stores) return;
  const id = await pickSnapshot(stores, manager.recorder?.cluster, vscode.l10n.t('Kubilitics: Delete Snapshot'));
  if (id === undefined || id === null) return;
  const deleteLabel = vscode.l10n.t('Delete');
  const confirm = await vscode.window.showWarningMessage(vscode.l10n.t('Delete snapshot #{0}?', id), { modal: true }, deleteLabel);
  if (confirm !== deleteLabel) return;
  stores.snapshots.delete(id);
  await stores.db.flush();
}

export async function exportSnapshot(manager: ClusterManager, history: HistoryService): Promise<void> {
  const stores = await storesOrExplain(history);
  if (!stores) return;
  const id = await pickSnapshot(stores, manager.recorder?.cluster, vscode.l10n.t('Kubilitics: Export Snapshot'));
  if (id === undefined || id === null) return;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export snapshot'),
    filters: { [vscode.l10n.t('Kubilitics snapshot')]: ['kubilitics-snapshot'] },
    defaultUri: vscode.Uri.joinPath(
      vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()),
      `snapshot-${id}.kubilitics-snapshot`,
    ),
  });
  if (!target) return;
  await stores.snapshots.exportFile(id, target.fsPath);
  if (!stores.readOnly) {
    stores.exports.add({ what: `snapshot ${id}`, format: 'snapshot', path: target.fsPath, at: Date.now() });
    await stores.db.flush();
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: snapshot #{0} exported to {1}.', id, target.fsPath));
}

export async function importSnapshot(manager: ClusterManager, history: HistoryService, panels: TopologyPanels): Promise<void> {
  const stores = await writableStoresOrExplain(history);
  if (!stores) return;
  const files = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import snapshot'),
    canSelectMany: false,
    filters: { [vscode.l10n.t('Kubilitics snapshot')]: ['kubilitics-snapshot', 'gz'] },
  });
  if (!files?.[0]) return;
  const file = await readSnapshotOrExplain(files[0].fsPath, history.snapshotWorkerPath);
  if (!file) return;
  const result = stores.snapshots.importDecoded(file);
  await stores.db.flush();
  const id = result.saved ? result.snapshot.id : result.previous.id;
  void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: snapshot imported as #{0}.', id));
  if (manager.recorder?.cluster !== undefined) await panels.openCluster().source.select?.(id);
}

/**
 * Reads a snapshot file in a worker under the import limits, with a cancellable progress notification. A bad,
 * hostile or too large file is explained to the user (and the setting named when raising it could help).
 */
async function readSnapshotOrExplain(path: string, workerPath: string): Promise<SnapshotFile | undefined> {
  const limits = settings.snapshotImportLimits();
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Kubilitics: reading the snapshot file…'),
        cancellable: true,
      },
      (_progress, token) => {
        const abort = new AbortController();
        const listener = token.onCancellationRequested(() => abort.abort());
        const l10nBundle = vscode.l10n.bundle;
        const options = { workerPath, limits, signal: abort.signal, ...(l10nBundle ? { l10nBundle } : {}) };
        return readSnapshotFileInWorker(path, options).finally(() => listener.dispose());
      },
    );
  } catch (error) {
    if (error instanceof SnapshotImportCancelled) return undefined;
    if (!(error instanceof SnapshotFormatError)) throw error;
    const raise =
      error instanceof SnapshotLimitError && (error.limit === 'inflatedBytes' || error.limit === 'fileBytes' || error.limit === 'memory')
        ? ` ${vscode.l10n.t('To import larger files, raise the setting kubilitics.snapshots.importMaxMB.')}`
        : '';
    log().warn(`import of ${path} refused: ${error.message}`);
    void vscode.window.showErrorMessage(`${vscode.l10n.t('Kubilitics: {0}', error.message)}${raise}`);
    return undefined;
  }
}

/** Resource history as a read-only document: every recorded change of one object, as readable diffs. */
export class ResourceHistoryDocuments implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly manager: ClusterManager,
    private readonly history: HistoryService,
  ) {}

  static uriFor(objectId: string): vscode.Uri {
    const { kind, namespace, name } = parseId(objectId);
    return vscode.Uri.from({
      scheme: HISTORY_SCHEME,
      path: `/${kind} ${namespace ? `${namespace}/` : ''}${name}.history`,
      query: encodeURIComponent(objectId),
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const objectId = decodeURIComponent(uri.query);
    const stores = this.history.storesNow() ?? (await this.history.stores());
    const cluster = this.manager.recorder?.cluster;
    if (!stores || cluster === undefined) {
      return `# ${objectId}\n\n${vscode.l10n.t('No history: connect to a cluster with history enabled.')}\n`;
    }
    const entries = stores.history.forObject(cluster, objectId);
    const events = stores.events.forObject(cluster, objectId);
    const lines = [
      `# ${vscode.l10n.t('History of {0}', objectId)}`,
      '',
      vscode.l10n.t('{0} recorded changes, {1} distinct events.', entries.length, events.length),
      '',
    ];
    for (const entry of entries) {
      lines.push(
        `## ${describeMoment(entry.at)} — ${entry.change}${entry.resourceVersion ? ` (resourceVersion ${entry.resourceVersion})` : ''}`,
      );
      lines.push(readableDiff(entry) || vscode.l10n.t('(no field changes)'), '');
    }
    if (events.length) {
      lines.push(`## ${vscode.l10n.t('Events')}`, '');
      for (const event of events)
        lines.push(`${describeMoment(event.lastSeen)}  ${event.type}  ${event.reason} ×${event.count}: ${event.message}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/**
 * One object's history: the object given (a tree row, the view's History button), else a searchable pick list of
 * every object with history in this cluster, deleted ones included, the one selected in the view first.
 */
export async function showResourceHistory(
  manager: ClusterManager,
  history: HistoryService,
  panels: TopologyPanels,
  objectId?: string,
): Promise<void> {
  const id = objectId ?? (await pickObjectWithHistory(manager, history, panels.active?.selection));
  if (!id) return;
  const document = await vscode.workspace.openTextDocument(ResourceHistoryDocuments.uriFor(id));
  await vscode.window.showTextDocument(document, { preview: true });
}

async function pickObjectWithHistory(
  manager: ClusterManager,
  history: HistoryService,
  selected: string | undefined,
): Promise<string | undefined> {
  const stores = await storesOrExplain(history);
  const cluster = stores && clusterOf(manager, stores);
  if (!stores || cluster === undefined) return undefined;
  const picks = historyPicks(stores.history.objects(cluster), selected);
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: no resource history yet. Changes are recorded while connected.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(picks, {
    title: vscode.l10n.t('Kubilitics: Resource History'),
    placeHolder: vscode.l10n.t('Kind, namespace or name'),
    matchOnDescription: true,
  });
  return picked?.objectId;
}
