import * as l10n from '@vscode/l10n';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { SnapshotFormatError, SnapshotLimitError, type SnapshotLimit } from './errors.js';
import { DEFAULT_SNAPSHOT_FILE_LIMITS, type SnapshotFile, type SnapshotFileLimits } from './snapshotFile.js';

/** What the worker (snapshotWorker.ts) posts back. */
export type WorkerReply =
  | { readonly ok: true; readonly file: SnapshotFile }
  | { readonly ok: false; readonly name: string; readonly message: string; readonly limit?: SnapshotLimit };

export interface ReadInWorkerOptions {
  /** The bundled worker script (dist/snapshotWorker.js next to the extension bundle). */
  readonly workerPath: string;
  readonly limits?: SnapshotFileLimits;
  /** Old-generation heap of the worker; by default the limits' memoryMb. */
  readonly heapMb?: number;
  /** Stops the worker (a cancelled progress notification). */
  readonly signal?: AbortSignal;
  /** The translations the host loaded: the worker writes the messages of a refused file. Undefined: English. */
  readonly l10nBundle?: l10n.l10nJsonFormat;
}

/** What the worker starts with. */
export interface SnapshotWorkerData {
  readonly path: string;
  readonly limits: SnapshotFileLimits;
  readonly l10nBundle?: l10n.l10nJsonFormat;
}

/** The import was cancelled; nothing was read into the database. */
export class SnapshotImportCancelled extends Error {
  override readonly name = 'SnapshotImportCancelled';
  constructor() {
    super(l10n.t('The snapshot import was cancelled.'));
  }
}

/**
 * Reads and checks a snapshot file in a worker thread with a heap limit, off the caller's thread: the extension
 * host stays responsive, and a hostile file can at most exhaust the worker. Rejects with SnapshotFormatError
 * (SnapshotLimitError for a limit, including the worker's memory) or SnapshotImportCancelled.
 */
export async function readSnapshotFileInWorker(path: string, options: ReadInWorkerOptions): Promise<SnapshotFile> {
  const heapMb = options.heapMb ?? (options.limits ?? DEFAULT_SNAPSHOT_FILE_LIMITS).memoryMb;
  // The reader's estimate must not count on more heap than the worker has.
  const limits = { ...(options.limits ?? DEFAULT_SNAPSHOT_FILE_LIMITS), memoryMb: heapMb };
  const { size } = await stat(path);
  // Gzip never makes JSON larger by more than a few bytes: a file bigger than the inflated limit is over it.
  if (size > limits.inflatedBytes) {
    throw new SnapshotLimitError(
      'fileBytes',
      l10n.t('This snapshot file is {0} MB, more than the import limit.', Math.round(size / 1048576)),
    );
  }
  if (options.signal?.aborted) throw new SnapshotImportCancelled();
  return new Promise<SnapshotFile>((resolve, reject) => {
    const worker = new Worker(options.workerPath, {
      workerData: { path, limits, ...(options.l10nBundle ? { l10nBundle: options.l10nBundle } : {}) } satisfies SnapshotWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', cancel);
      outcome();
      void worker.terminate();
    };
    const cancel = (): void => settle(() => reject(new SnapshotImportCancelled()));
    options.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (reply: WorkerReply) => settle(() => (reply.ok ? resolve(reply.file) : reject(toError(reply)))));
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new SnapshotLimitError(
                'memory',
                l10n.t('Reading this snapshot file needed more than {0} MB of memory, so it was stopped. Nothing was imported.', heapMb),
              )
            : // Not the file's fault (a missing or broken worker script): a plain error, logged as a failure.
              new Error(l10n.t('The snapshot reader failed: {0}', error.message), { cause: error }),
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(l10n.t('The snapshot reader stopped without an answer (exit code {0}).', code)))),
    );
  });
}

function toError(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.limit) return new SnapshotLimitError(reply.limit, reply.message);
  if (reply.name === 'SnapshotFormatError') return new SnapshotFormatError(reply.message);
  // An unexpected failure inside the reader (a bug, not a bad file) keeps its own name for the log.
  const error = new Error(reply.message);
  error.name = reply.name;
  return error;
}
