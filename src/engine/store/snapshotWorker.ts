/**
 * Worker thread entry (bundled as dist/snapshotWorker.js): reads and checks one snapshot file under the limits it is
 * given, and posts back the decoded file or the error. It runs with a heap limit, so a file that gets past the
 * checks and still needs too much memory kills this worker, never the extension host.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotLimitError } from './errors.js';
import { decodeSnapshotFile, type SnapshotFileLimits } from './snapshotFile.js';
import type { WorkerReply } from './snapshotImport.js';

const { path, limits } = workerData as { path: string; limits: SnapshotFileLimits };
let reply: WorkerReply;
try {
  reply = { ok: true, file: decodeSnapshotFile(readFileSync(path), limits) };
} catch (error) {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  reply = { ok: false, name, message, ...(error instanceof SnapshotLimitError ? { limit: error.limit } : {}) };
}
parentPort?.postMessage(reply);
