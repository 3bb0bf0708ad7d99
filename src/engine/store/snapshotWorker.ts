/**
 * Worker thread entry (bundled as dist/snapshotWorker.js): reads and checks one snapshot file under the limits it is
 * given, and posts back the decoded file or the error. It runs with a heap limit, so a file that gets past the
 * checks and still needs too much memory kills this worker, never the extension host.
 */
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotLimitError } from './errors.js';
import { decodeSnapshotFile } from './snapshotFile.js';
import type { SnapshotWorkerData, WorkerReply } from './snapshotImport.js';

const { path, limits, l10nBundle } = workerData as SnapshotWorkerData;
// The reasons a file is refused are written here: in the language of the window that started the worker.
if (l10nBundle) l10n.config({ contents: l10nBundle });
let reply: WorkerReply;
try {
  reply = { ok: true, file: decodeSnapshotFile(readFileSync(path), limits) };
} catch (error) {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  reply = { ok: false, name, message, ...(error instanceof SnapshotLimitError ? { limit: error.limit } : {}) };
}
parentPort?.postMessage(reply);
