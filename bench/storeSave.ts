/**
 * History save: how long one background save holds the extension host thread, for databases of the retention size
 * (kubilitics.snapshots.maxTotalMB, 200 MB by default) and a quarter of it. sql.js keeps the database in the host's
 * memory, so a save is `db.export()` (synchronous: closes the database, copies the whole in-memory file, reopens it)
 * and then an atomic file write on libuv's thread pool. Target (#16): longest block ≤ 50 ms.
 *
 * Printed per size: the longest stretch the event loop was held during a whole save (the scheduler's flush, as the
 * host runs it; seen by a 1 ms interval timer), export() alone, a plain copy of the same bytes (Uint8Array.slice:
 * the floor of any save that copies the database on this thread), and the write to disk. Best and worst of the runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { nodeBuildOptions } from '../scripts/build.mjs';
import { ClusterStore } from '../src/engine/store/clusters.js';
import { openStore, type StoreDatabase } from '../src/engine/store/database.js';
import { writeFileAtomic } from '../src/engine/store/persistence.js';
import { fixed, heapUsedMb } from './stats.js';

export interface StoreSaveBenchRow {
  readonly databaseMb: number;
  /** Longest block of one save written by the replica worker (what the host does now), best and worst. */
  readonly workerLongestBlockMs: readonly [number, number];
  /** Longest event-loop block during one full save (export + atomic write), best and worst of the runs. */
  readonly longestBlockMs: readonly [number, number];
  /** `db.export()` alone: the synchronous part of a save. */
  readonly exportMs: readonly [number, number];
  /** Copying the same number of bytes with Uint8Array.slice: what any on-thread copy costs at least. */
  readonly copyMs: readonly [number, number];
  /** The atomic write (temp file, fsync, rename), off-thread: wall time, for scale. */
  readonly writeMs: readonly [number, number];
}

const MIGRATIONS = resolve(__dirname, '..', 'migrations');
/** Stored snapshot blobs are compressed, so random bytes are what the file really holds. */
const BLOB_BYTES = 1024 * 1024;

export async function benchStoreSave(sizesMb: readonly number[], runs = 5): Promise<StoreSaveBenchRow[]> {
  const rows: StoreSaveBenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kubilitics-bench-save-'));
  try {
    const saveWorkerPath = await buildSaveWorker(dir);
    for (const sizeMb of sizesMb) {
      const path = join(dir, `history-${sizeMb}.db`);
      const { store } = await openStore({ path, migrationsDir: MIGRATIONS, saveIdleMs: 60_000, maxSaveDelayMs: 60_000 });
      let row: Omit<StoreSaveBenchRow, 'workerLongestBlockMs'>;
      try {
        fill(store, sizeMb);
        await store.flush();
        row = await measure(store, path, runs);
      } finally {
        await store.close();
      }
      // The same file, reopened with its saves written by the replica worker.
      const replicated = await openStore({ path, migrationsDir: MIGRATIONS, saveIdleMs: 60_000, maxSaveDelayMs: 60_000, saveWorkerPath });
      try {
        rows.push({ ...row, workerLongestBlockMs: await measureWorkerSaves(replicated.store, runs) });
      } finally {
        await replicated.store.close();
      }
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** dist/saveWorker.js as scripts/build.mjs bundles it, built into `dir`. */
async function buildSaveWorker(dir: string): Promise<string> {
  const options = nodeBuildOptions().find((o) => String(o.outfile).endsWith('saveWorker.js'));
  if (!options) throw new Error('scripts/build.mjs no longer bundles saveWorker.js');
  const outfile = join(dir, 'saveWorker.js');
  await esbuild.build({ ...options, outfile, sourcemap: false });
  return outfile;
}

async function measureWorkerSaves(store: StoreDatabase, runs: number): Promise<readonly [number, number]> {
  if (!store.savesOffThread) throw new Error('the save worker did not start');
  const blocks: number[] = [];
  for (let run = 0; run < runs; run++) {
    heapUsedMb();
    store.run("INSERT OR REPLACE INTO preferences (scope, key, value) VALUES ('bench', 'run', ?)", [String(run)]);
    blocks.push(await longestBlock(() => store.flush()));
  }
  if (!store.savesOffThread) throw new Error('the save worker failed during the bench');
  return range(blocks);
}

/** Snapshot rows of 1 MB blobs until the database holds `sizeMb`. */
function fill(store: StoreDatabase, sizeMb: number): void {
  const clusterId = new ClusterStore(store).ensure({ context: 'bench-save', server: 'local' }, 0);
  store.transaction(() => {
    for (let i = 0; store.byteSize() < sizeMb * 1048576; i++) {
      store.run(
        'INSERT INTO snapshots (cluster_id, taken_at, "trigger", node_count, edge_count, graph, json_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [clusterId, i, 'interval', 1000, 1000, randomBytes(BLOB_BYTES), BLOB_BYTES * 10],
      );
    }
  });
}

async function measure(store: StoreDatabase, path: string, runs: number): Promise<Omit<StoreSaveBenchRow, 'workerLongestBlockMs'>> {
  const blocks: number[] = [];
  const exports: number[] = [];
  const copies: number[] = [];
  const writes: number[] = [];
  for (let run = 0; run < runs; run++) {
    heapUsedMb();
    // One small change, as the recorder makes them, then the save the scheduler would run.
    store.run("INSERT OR REPLACE INTO preferences (scope, key, value) VALUES ('bench', 'run', ?)", [String(run)]);
    blocks.push(await longestBlock(() => store.flush()));
    heapUsedMb();
    const start = performance.now();
    const bytes = store.sql.export();
    exports.push(performance.now() - start);
    const copyStart = performance.now();
    const copy = bytes.slice();
    copies.push(performance.now() - copyStart);
    const writeStart = performance.now();
    await writeFileAtomic(path, copy);
    writes.push(performance.now() - writeStart);
  }
  return {
    databaseMb: store.byteSize() / 1048576,
    longestBlockMs: range(blocks),
    exportMs: range(exports),
    copyMs: range(copies),
    writeMs: range(writes),
  };
}

/** The longest stretch `work` keeps the event loop from running a 1 ms timer, start to settle. */
async function longestBlock(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 1);
  // Let the timer start ticking before the save begins.
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const done = work();
  tick();
  await done;
  tick();
  clearInterval(timer);
  return longest;
}

function range(values: readonly number[]): readonly [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

export function printStoreSaveRows(rows: readonly StoreSaveBenchRow[]): void {
  console.log(
    'database MB  longest block ms, worker saves (best–worst)  longest block ms, host saves  export() ms  plain copy ms  ' +
      'atomic write ms (off-thread)',
  );
  for (const row of rows) {
    const span = ([low, high]: readonly [number, number]): string => `${fixed(low)}–${fixed(high)}`;
    console.log(
      [
        fixed(row.databaseMb, 0).padEnd(12),
        span(row.workerLongestBlockMs).padEnd(43),
        span(row.longestBlockMs).padEnd(29),
        span(row.exportMs).padEnd(12),
        span(row.copyMs).padEnd(14),
        span(row.writeMs),
      ].join(' '),
    );
  }
}
