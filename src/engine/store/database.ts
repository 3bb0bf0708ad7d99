import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BindParams, Database, SqlValue } from 'sql.js';
import { migrate, readMigrations, type MigrationResult } from './migrations.js';
import { removeStaleTemps, SaveScheduler, writeFileAtomic } from './persistence.js';
import { loadOrRecover, type CorruptFileWarning } from './recovery.js';
import { SaveReplica } from './saveReplica.js';
import { defaultWasmPath, loadSqlJs } from './sqlJs.js';

export type Row = Record<string, SqlValue>;

export interface OpenStoreOptions {
  /** The database file; created (with its folder) when absent. */
  readonly path: string;
  /** Folder of NNN_name.sql files (shipped in the .vsix as migrations/). */
  readonly migrationsDir: string;
  /** sql-wasm.wasm; defaults to the one in node_modules. */
  readonly wasmPath?: string;
  /** Quiet time before a scheduled save (default 500 ms). */
  readonly saveIdleMs?: number;
  /** Longest a change waits unsaved, i.e. the most a killed process can lose (default 3 s). */
  readonly maxSaveDelayMs?: number;
  /** Failures of background saves (the host logs them); `flush()` rejects instead. */
  readonly onSaveError?: (error: unknown) => void;
  readonly now?: () => Date;
  /** Another process writes this file: read it, change it in memory if asked, never write it back. */
  readonly readOnly?: boolean;
  /**
   * The bundled save worker (dist/saveWorker.js): saves are then written by a replica in a worker thread instead of
   * copying the database on this thread (saveReplica.ts). Without it (tests, CLI), saves run here.
   */
  readonly saveWorkerPath?: string;
}

export type StoreWarning = CorruptFileWarning;

export interface OpenedStore {
  readonly store: StoreDatabase;
  readonly warnings: readonly StoreWarning[];
  readonly migration: MigrationResult;
}

/**
 * Opens (or creates) the database: a damaged or foreign file is moved aside with a warning, an older schema is upgraded in
 * place, a newer one is refused with SchemaTooNewError and the file is left exactly as it was.
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const now = options.now ?? ((): Date => new Date());
  // Read everything that can fail for install reasons before touching the user's file.
  const [sql, migrations] = await Promise.all([loadSqlJs(options.wasmPath), readMigrations(options.migrationsDir)]);
  await mkdir(dirname(options.path), { recursive: true });
  if (!options.readOnly) await removeStaleTemps(options.path);
  const loaded = await loadOrRecover(sql, options.path, now(), options.readOnly);
  let migration: MigrationResult;
  try {
    migration = migrate(loaded.db, migrations, options.path, now().getTime());
  } catch (error) {
    loaded.db.close();
    throw error;
  }
  const store = new StoreDatabase(loaded.db, options);
  // A new, recovered or upgraded database is written at once, so the file on disk matches what the code expects.
  if (!options.readOnly && (!loaded.existed || loaded.warning || migration.applied.length > 0)) {
    store.scheduleSave();
    await store.flush();
  }
  // Only now does the file on disk hold exactly what is in memory: the replica starts from it.
  if (!options.readOnly && options.saveWorkerPath) {
    store.startReplica(options.saveWorkerPath, options.wasmPath ?? defaultWasmPath());
  }
  return { store, warnings: loaded.warning ? [loaded.warning] : [], migration };
}

/** The open database: small typed query helpers, transactions, and batched crash-safe saves. */
export class StoreDatabase {
  readonly path: string;
  readonly readOnly: boolean;
  private readonly saver: SaveScheduler;
  private depth = 0;
  private closed = false;
  private replica: SaveReplica | undefined;
  private readonly onSaveError: (error: unknown) => void;

  constructor(
    readonly sql: Database,
    options: OpenStoreOptions,
  ) {
    this.path = options.path;
    this.readOnly = options.readOnly === true;
    this.onSaveError = options.onSaveError ?? ((): void => undefined);
    this.saver = new SaveScheduler({
      idleMs: options.saveIdleMs ?? 500,
      maxDelayMs: options.maxSaveDelayMs ?? 3000,
      write: () => this.write(),
      onError: this.onSaveError,
    });
    // Not persistent in SQLite; needed for ON DELETE CASCADE from clusters.
    sql.exec('PRAGMA foreign_keys = ON');
  }

  /** Saves through a replica in a worker from now on (see OpenStoreOptions.saveWorkerPath). */
  startReplica(workerPath: string, wasmPath: string): void {
    this.replica = new SaveReplica(workerPath, this.path, wasmPath);
  }

  /** Whether saves are written off this thread (false before the replica starts, or after it failed). */
  get savesOffThread(): boolean {
    return this.replica?.healthy === true;
  }

  private async write(): Promise<void> {
    if (this.readOnly) return;
    const replica = this.replica;
    if (replica) {
      try {
        if (replica.healthy) return await replica.save();
      } catch (error) {
        // A failed write of a healthy replica (disk full) is retried like any save.
        if (replica.healthy) throw error;
      }
      // The replica is no longer a copy of this database: drop it and save from here, as before it existed.
      this.onSaveError(new Error(`history saves moved back to this thread: ${replica.failure?.message ?? 'the replica failed'}`));
      this.replica = undefined;
      void replica.close();
    }
    await writeFileAtomic(this.path, this.sql.export());
  }

  /** Runs a write statement and schedules a save. */
  run(statement: string, params: BindParams = []): number {
    this.sql.run(statement, params);
    this.replica?.record(statement, params);
    this.saver.schedule();
    return this.sql.getRowsModified();
  }

  all(statement: string, params: BindParams = []): Row[] {
    const prepared = this.sql.prepare(statement, params);
    try {
      const rows: Row[] = [];
      while (prepared.step()) rows.push(prepared.getAsObject());
      return rows;
    } finally {
      prepared.free();
    }
  }

  get(statement: string, params: BindParams = []): Row | undefined {
    return this.all(statement, params)[0];
  }

  lastInsertId(): number {
    return Number(this.sql.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
  }

  /**
   * All-or-nothing; nested calls join the outer transaction. `work` must be synchronous: a save (db.export) runs
   * from a timer, and must never see half a transaction.
   */
  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    this.exec('BEGIN');
    this.depth++;
    try {
      const result = work();
      this.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        this.sql.exec('ROLLBACK');
      } finally {
        // Even when the host had nothing left to roll back: a replica still inside the transaction must end it
        // (or fail on it, and be dropped).
        this.replica?.record('ROLLBACK');
      }
      throw error;
    } finally {
      this.depth--;
      this.saver.schedule();
    }
  }

  /** Reclaims the pages of deleted rows; sql.js writes free pages to the file too, so pruning alone saves nothing. */
  vacuum(): void {
    this.exec('VACUUM');
    this.saver.schedule();
  }

  /** A statement without parameters that changes the database, run here and in the replica. */
  private exec(statement: string): void {
    this.sql.exec(statement);
    this.replica?.record(statement);
  }

  /** Marks the database changed: saved within `maxSaveDelayMs`. */
  scheduleSave(): void {
    this.saver.schedule();
  }

  /** Writes pending changes now; resolves once they are on disk. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** Size of the database as it would be written now. */
  byteSize(): number {
    const pages = this.sql.exec('PRAGMA page_count')[0]?.values[0]?.[0];
    const size = this.sql.exec('PRAGMA page_size')[0]?.values[0]?.[0];
    return Number(pages) * Number(size);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      this.saver.dispose();
      await this.replica?.close();
      this.sql.close();
    }
  }
}
