/**
 * Worker thread entry (bundled as dist/saveWorker.js): a replica of the history database that writes the file, so
 * the extension host never copies the whole database (sql.js `export()`) on its own thread. It loads the file the
 * host has just saved, applies the host's write statements in the same order (they are deterministic: no random or
 * clock functions in SQL), and on request exports and writes the file atomically. See saveReplica.ts.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'sql.js';
import { writeFileAtomic } from './persistence.js';
import type { ReplicaReply, ReplicaRequest } from './saveReplica.js';
import { loadSqlJs } from './sqlJs.js';

const { path, wasmPath } = workerData as { path: string; wasmPath: string };
let failure: string | undefined;
let queue = Promise.resolve();

const opened: Promise<Database> = loadSqlJs(wasmPath).then((sql) => {
  const db = new sql.Database(readFileSync(path));
  // As on the host: cascades must delete the same rows here.
  db.exec('PRAGMA foreign_keys = ON');
  return db;
});

parentPort?.on('message', (request: ReplicaRequest) => {
  // One request at a time, in order: a save must see every statement sent before it.
  queue = queue.then(() => handle(request));
});

async function handle(request: ReplicaRequest): Promise<void> {
  let db: Database;
  try {
    db = await opened;
  } catch (error) {
    failure ??= `the replica could not load ${path}: ${String(error)}`;
    if (request.type === 'save') reply({ id: request.id, ok: false, error: failure });
    return;
  }
  if (request.type === 'apply') {
    if (failure) return;
    for (const op of request.ops) {
      try {
        if (op.params === undefined) db.exec(op.sql);
        else db.run(op.sql, op.params);
      } catch (error) {
        // The host ran this statement without error; a replica that cannot is no longer a copy of it.
        failure = `the replica failed on a statement the host ran (${op.sql.slice(0, 80)}): ${String(error)}`;
        return;
      }
    }
    return;
  }
  if (failure) return reply({ id: request.id, ok: false, error: failure });
  try {
    await writeFileAtomic(path, db.export());
    reply({ id: request.id, ok: true });
  } catch (error) {
    reply({ id: request.id, ok: false, error: String(error), retry: true });
  }
}

function reply(message: ReplicaReply): void {
  parentPort?.postMessage(message);
}
