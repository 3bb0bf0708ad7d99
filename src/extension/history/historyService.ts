import * as vscode from 'vscode';
import { openStore, type StoreDatabase } from '../../engine/store/database.js';
import { SchemaTooNewError } from '../../engine/store/errors.js';
import { ClusterStore } from '../../engine/store/clusters.js';
import { EventStore } from '../../engine/store/events.js';
import { ExportLog } from '../../engine/store/exportLog.js';
import { HistoryStore } from '../../engine/store/history.js';
import { SnapshotStore } from '../../engine/store/snapshots.js';
import { acquireWriterLock, type LockHolder, type WriterLock } from '../../engine/store/writerLock.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';

export interface Stores {
  readonly db: StoreDatabase;
  /** Another VS Code window records into this file: this one reads it and records nothing. */
  readonly readOnly: boolean;
  readonly clusters: ClusterStore;
  readonly snapshots: SnapshotStore;
  readonly history: HistoryStore;
  readonly events: EventStore;
  readonly exports: ExportLog;
}

/**
 * The sql.js database under the workspace storage (global storage without a folder), opened on first use so a
 * YAML-only session never loads it. A damaged file is moved aside and the user told; a newer schema turns history
 * off with a message and leaves the file untouched.
 */
export class HistoryService extends DisposableStore {
  private opening: Promise<Stores | undefined> | undefined;
  private opened: Stores | undefined;
  private lock: WriterLock | undefined;
  private stopWatchingLock: (() => void) | undefined;
  private readonly becameWriter = this.register(new vscode.EventEmitter<Stores>());
  /** This window took over recording: the window that held the history file let it go (it closed or crashed). */
  readonly onDidBecomeWriter = this.becameWriter.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this.onDispose(() => void this.closeAndRelease());
  }

  private async closeAndRelease(): Promise<void> {
    try {
      await this.opened?.db.close();
    } catch (error) {
      log().error(`closing the history database: ${String(error)}`);
    }
    await this.lock?.release();
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('kubilitics').get<boolean>('history.enabled', true);
  }

  /** The bundled worker that reads snapshot files off the extension host thread (scripts/build.mjs). */
  get snapshotWorkerPath(): string {
    return vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'snapshotWorker.js').fsPath;
  }

  get file(): vscode.Uri {
    const folder = this.context.storageUri ?? this.context.globalStorageUri;
    return vscode.Uri.joinPath(folder, 'kubilitics.sqlite');
  }

  /** The stores, or undefined when history is off or cannot be opened (the user has been told why). */
  stores(): Promise<Stores | undefined> {
    if (!this.enabled) return Promise.resolve(undefined);
    this.opening ??= this.open();
    return this.opening;
  }

  /** The stores if they are already open (synchronous callers); never opens the database. */
  storesNow(): Stores | undefined {
    return this.opened;
  }

  private async open(): Promise<Stores | undefined> {
    try {
      const locked = await acquireWriterLock(this.file.fsPath, LOCK_WAIT_MS);
      if (locked.kind === 'acquired') this.lock = locked.lock;
      else {
        explainReadOnly(this.file.fsPath, locked.holder);
        this.watchForRelease();
      }
      return await this.openStores(locked.kind === 'held');
    } catch (error) {
      this.explainOpenFailure(error);
      return undefined;
    }
  }

  /** A read-only window checks now and then whether the writer let go of the file, and takes over when it has. */
  private watchForRelease(): void {
    let trying = false;
    const timer = setInterval(() => {
      if (trying) return;
      trying = true;
      void this.takeOver().finally(() => (trying = false));
    }, TAKEOVER_POLL_MS);
    this.stopWatchingLock = () => clearInterval(timer);
    this.onDispose(() => clearInterval(timer));
  }

  private async takeOver(): Promise<void> {
    const locked = await acquireWriterLock(this.file.fsPath);
    if (locked.kind !== 'acquired' || this.isDisposed) {
      if (locked.kind === 'acquired') await locked.lock.release();
      return;
    }
    this.lock = locked.lock;
    this.stopWatchingLock?.();
    const readOnly = this.opened;
    // Reopened for writing: the file as the other window last saved it. Until then, callers wait for it.
    const opening = this.openStores(false).catch((error: unknown) => {
      this.explainOpenFailure(error);
      return undefined;
    });
    this.opening = opening;
    const stores = await opening;
    if (!stores) {
      // Keep reading what there is; the lock is of no use without a database to write.
      this.opened = readOnly;
      this.opening = Promise.resolve(readOnly);
      await this.lock?.release();
      this.lock = undefined;
      return;
    }
    await readOnly?.db.close().catch((error: unknown) => log().error(`closing the read-only history database: ${String(error)}`));
    const message = vscode.l10n.t(
      'the VS Code window that recorded history in {0} let go of it: this window records it now.',
      this.file.fsPath,
    );
    log().info(message);
    void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: {0}', message));
    this.becameWriter.fire(stores);
  }

  private async openStores(readOnly: boolean): Promise<Stores | undefined> {
    const { store, warnings, migration } = await openStore({
      readOnly,
      path: this.file.fsPath,
      migrationsDir: vscode.Uri.joinPath(this.context.extensionUri, 'migrations').fsPath,
      wasmPath: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'sql-wasm.wasm').fsPath,
      saveWorkerPath: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'saveWorker.js').fsPath,
      onSaveError: (error) => log().error(`saving the history database failed: ${String(error)}`),
    });
    for (const warning of warnings) void vscode.window.showWarningMessage(vscode.l10n.t('Kubilitics: {0}', warning.message));
    if (migration.applied.length) log().info(`history database upgraded from schema ${migration.from} to ${migration.to}`);
    if (this.isDisposed) {
      await store.close();
      await this.lock?.release();
      return undefined;
    }
    this.opened = {
      db: store,
      readOnly: store.readOnly,
      clusters: new ClusterStore(store),
      snapshots: new SnapshotStore(store),
      history: new HistoryStore(store),
      events: new EventStore(store),
      exports: new ExportLog(store),
    };
    return this.opened;
  }

  private explainOpenFailure(error: unknown): void {
    const message =
      error instanceof SchemaTooNewError
        ? [
            vscode.l10n.t(
              'the history database {0} was written by a newer Kubilitics (schema {1}, this one knows {2});',
              this.file.fsPath,
              error.databaseVersion,
              error.knownVersion,
            ),
            vscode.l10n.t('history is off until you update. The file was not changed.'),
          ].join(' ')
        : vscode.l10n.t('cannot open the history database {0}: {1}', this.file.fsPath, (error as Error).message);
    log().error(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('Kubilitics: {0}', message));
  }
}

/** How long a window waits for the lock: on a reload the old extension host may still be shutting down. */
const LOCK_WAIT_MS = 3000;
/** How often a read-only window checks whether the recording window let go (a lock file read: cheap). */
const TAKEOVER_POLL_MS = 5000;

function explainReadOnly(file: string, holder: LockHolder): void {
  const recorder = holder.host ? vscode.l10n.t('process {0} on {1}', holder.pid, holder.host) : vscode.l10n.t('process {0}', holder.pid);
  const message = [
    vscode.l10n.t('history in {0} is being recorded by another VS Code window ({1}).', file, recorder),
    vscode.l10n.t('This window shows the history saved so far and records none until that window closes, then takes over;'),
    vscode.l10n.t('open a folder to give this window its own history.'),
  ].join(' ');
  log().warn(message);
  void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: {0}', message));
}
