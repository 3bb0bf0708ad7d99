import { Worker } from 'node:worker_threads';
import type { BindParams } from 'sql.js';

/**
 * The host side of the save worker (saveWorker.ts). sql.js keeps the database in memory, so saving it means copying
 * all of it: at the 200 MB retention size, `export()` held the extension host thread for 250–550 ms every few seconds
 * (bench/storeSave.ts). Instead, every write statement the host runs is also sent to a worker holding a replica of
 * the database, and the worker exports and writes the file. The host's cost per save is a message.
 *
 * The price is memory: the replica is a second copy of the database (plus the export buffer, in the worker). If the
 * replica ever fails, it is dropped and saves go back to the host thread (StoreDatabase falls back).
 */
export interface ReplicaOp {
  readonly sql: string;
  /** Absent for statements run with exec (BEGIN, COMMIT, ROLLBACK, VACUUM). */
  readonly params?: BindParams;
}

export type ReplicaRequest =
  { readonly type: 'apply'; readonly ops: readonly ReplicaOp[] } | { readonly type: 'save'; readonly id: number };

export interface ReplicaReply {
  readonly id: number;
  readonly ok: boolean;
  readonly error?: string;
  /** The write failed (disk full, permissions), not the replica: the next save may succeed. */
  readonly retry?: boolean;
}

export class SaveReplica {
  private readonly worker: Worker;
  private ops: ReplicaOp[] = [];
  private posting = false;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private failed: Error | undefined;

  /** Starts the worker on the file as it is on disk now: the caller has just saved everything it holds. */
  constructor(workerPath: string, path: string, wasmPath: string) {
    this.worker = new Worker(workerPath, { workerData: { path, wasmPath } });
    this.worker.unref();
    this.worker.on('message', (reply: ReplicaReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else {
        const error = new Error(`saving the history database in its worker failed: ${reply.error ?? 'unknown'}`);
        if (!reply.retry) this.fail(error);
        waiter?.reject(error);
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the history save worker stopped (exit code ${code})`)));
  }

  /** Whether the replica can still be trusted to write the file. */
  get healthy(): boolean {
    return this.failed === undefined;
  }

  /** Why it cannot. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** A statement the host ran successfully; sent with the others of this tick. */
  record(sql: string, params?: BindParams): void {
    if (this.failed) return;
    this.ops.push(params === undefined ? { sql } : { sql, params });
    if (this.posting) return;
    this.posting = true;
    queueMicrotask(() => this.post());
  }

  /** Resolves once the file on disk holds every statement recorded before the call. */
  save(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.post();
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'save', id } satisfies ReplicaRequest);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the history save worker was closed'));
    await this.worker.terminate();
  }

  private post(): void {
    this.posting = false;
    if (this.ops.length === 0 || this.failed) return;
    const ops = this.ops;
    this.ops = [];
    this.worker.postMessage({ type: 'apply', ops } satisfies ReplicaRequest);
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failed);
    this.waiting.clear();
  }
}
