/**
 * Storage benchmark: snapshot save/load time and size, history insert rate, and the size of one busy hour of
 * history. Standalone: `node --expose-gc --import tsx bench/storeRun.ts [sizes]` (default 10000,100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TopologyEngine } from '../src/engine/graph/engine.js';
import type { TopologyGraph } from '../src/engine/model/graph.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { ClusterStore } from '../src/engine/store/clusters.js';
import { openStore, type StoreDatabase } from '../src/engine/store/database.js';
import { HistoryStore, type ObjectChange } from '../src/engine/store/history.js';
import { SnapshotStore, type SnapshotStoreOptions } from '../src/engine/store/snapshots.js';
import { fixed, time } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

/** Times are the best of 3–7 runs. */
export interface SnapshotBenchRow {
  readonly compression: 'deflate' | 'brotli';
  readonly saveMs: number;
  /** Encode + hash of a graph equal to the last snapshot: the cost of a skipped save. */
  readonly skipMs: number;
  readonly loadMs: number;
  /** `saveInSlices` (what the live recorder uses): the longest stretch it holds the event loop, and its total time. */
  readonly slicedLongestBlockMs: number;
  readonly slicedTotalMs: number;
  readonly storedBytes: number;
  readonly ratio: number;
}

export interface StoreBenchRow {
  readonly objects: number;
  readonly nodes: number;
  readonly edges: number;
  readonly jsonBytes: number;
  readonly snapshots: readonly SnapshotBenchRow[];
  /** Export + atomic write of the database holding one snapshot (what each background save costs). */
  readonly flushMs: number;
  readonly historyRowsPerSecond: number;
  /** Database bytes after 3,600 realistic modifications: one hour at one change per second. */
  readonly hourOfHistoryMb: number;
}

const MIGRATIONS = resolve(__dirname, '..', 'migrations');

export async function benchStore(size: number): Promise<StoreBenchRow> {
  const objects = syntheticCluster(size);
  const graph = TopologyEngine.build(objects.map((object) => ({ object }))).graph();
  const dir = mkdtempSync(join(tmpdir(), 'kubilitics-bench-'));
  try {
    const deflate = await withStore(join(dir, 'deflate.db'), (store) => benchSnapshots(store, graph, { compression: 'deflate' }));
    const brotli = await withStore(join(dir, 'brotli.db'), (store) => benchSnapshots(store, graph, { compression: 'brotli' }));
    const history = await withStore(join(dir, 'history.db'), (store) => benchHistory(store, objects));
    return {
      objects: size,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      jsonBytes: deflate.jsonBytes,
      snapshots: [deflate.row, brotli.row],
      flushMs: deflate.flushMs,
      ...history,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withStore<T>(path: string, work: (store: StoreDatabase) => Promise<T>): Promise<T> {
  const { store } = await openStore({ path, migrationsDir: MIGRATIONS });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function benchSnapshots(
  store: StoreDatabase,
  graph: TopologyGraph,
  options: SnapshotStoreOptions,
): Promise<{ row: SnapshotBenchRow; jsonBytes: number; flushMs: number }> {
  const snapshots = new SnapshotStore(store, options);
  const clusters = new ClusterStore(store);
  const runs = graph.nodes.length > 50_000 ? 3 : 7;
  const saves: number[] = [];
  let id = 0;
  for (let run = 0; run < runs; run++) {
    // A new cluster each run, or the unchanged-graph check would skip the save being measured.
    const clusterId = clusters.ensure({ context: `bench-${run}`, server: 'local' }, run);
    saves.push(
      time(() => {
        const result = snapshots.save({ clusterId, graph, takenAt: run, trigger: 'manual' });
        if (result.saved) id = result.snapshot.id;
      }),
    );
  }
  const skipMs = best(runs, () => snapshots.save({ clusterId: 1, graph, takenAt: 99, trigger: 'manual' }));
  const loadMs = best(runs, () => snapshots.load(id));
  const sliced = await measureSlicedSave(snapshots, clusters.ensure({ context: 'bench-sliced', server: 'local' }, 0), graph);
  for (const meta of snapshots.list()) if (meta.id !== id) snapshots.delete(meta.id);
  store.vacuum();
  const flushStart = performance.now();
  await store.flush();
  const flushMs = performance.now() - flushStart;
  const meta = snapshots.get(id)!;
  return {
    row: {
      compression: options.compression ?? 'deflate',
      saveMs: Math.min(...saves),
      skipMs,
      loadMs,
      ...sliced,
      storedBytes: meta.storedBytes,
      ratio: meta.storedBytes / meta.jsonBytes,
    },
    jsonBytes: meta.jsonBytes,
    flushMs,
  };
}

async function measureSlicedSave(
  snapshots: SnapshotStore,
  clusterId: number,
  graph: TopologyGraph,
): Promise<{ slicedLongestBlockMs: number; slicedTotalMs: number }> {
  const start = performance.now();
  let resumedAt = start;
  let longest = 0;
  const pause = async (): Promise<void> => {
    longest = Math.max(longest, performance.now() - resumedAt);
    await new Promise((resolve) => setImmediate(resolve));
    resumedAt = performance.now();
  };
  const saving = snapshots.saveInSlices({ clusterId, graph, takenAt: 0, trigger: 'interval' }, pause);
  // Compression runs on the thread pool; the stretches around it count as blocking too.
  const interval = setInterval(() => {
    longest = Math.max(longest, performance.now() - resumedAt);
    resumedAt = performance.now();
  }, 1);
  await saving;
  clearInterval(interval);
  longest = Math.max(longest, performance.now() - resumedAt);
  return { slicedLongestBlockMs: longest, slicedTotalMs: performance.now() - start };
}

/** Best of several runs, as bench/engine.ts does: on a shared machine the minimum is the least disturbed. */
function best(runs: number, work: () => unknown): number {
  return Math.min(...Array.from({ length: runs }, () => time(work)));
}

async function benchHistory(
  store: StoreDatabase,
  objects: readonly KubeObject[],
): Promise<{ historyRowsPerSecond: number; hourOfHistoryMb: number }> {
  const history = new HistoryStore(store);
  const clusterId = new ClusterStore(store).ensure({ context: 'bench', server: 'local' }, 0);
  const emptyBytes = store.byteSize();
  const changes = busyHour(clusterId, objects, 3600);
  const start = performance.now();
  // One change per call, as a watch delivers them (not one big transaction).
  for (const change of changes) history.record(change);
  const seconds = (performance.now() - start) / 1000;
  await store.flush();
  return { historyRowsPerSecond: changes.length / seconds, hourOfHistoryMb: (store.byteSize() - emptyBytes) / 1048576 };
}

/** A KubeObject opened up for editing (the engine's type is read-only). */
type Mutable = { kind?: string; metadata: Record<string, unknown>; spec: Record<string, unknown>; status: Record<string, unknown> };

/** A busy cluster's hour: pod phase flips, container restarts, readiness flaps, replica changes, with managedFields. */
function busyHour(clusterId: number, objects: readonly KubeObject[], count: number): ObjectChange[] {
  const pods = objects.filter((object) => object.kind === 'Pod').map(withBookkeeping);
  const deployments = objects.filter((object) => object.kind === 'Deployment').map(withBookkeeping);
  const changes: ObjectChange[] = [];
  for (let i = 0; i < count; i++) {
    const list = i % 5 === 4 ? deployments : pods;
    const current = list[(i * 7919) % list.length]!;
    const next = structuredClone(current) as Mutable;
    next.metadata['resourceVersion'] = String(100_000 + i);
    if (next.kind === 'Deployment') {
      const replicas = ((next.spec['replicas'] as number) % 5) + 1;
      next.spec['replicas'] = replicas;
      next.status = { ...next.status, replicas, readyReplicas: replicas - 1, updatedReplicas: replicas };
    } else {
      flipPod(next, i);
    }
    const group = next.kind === 'Pod' ? 'core' : 'apps';
    const id = `${group}/${next.kind}/${String(next.metadata['namespace'])}/${String(next.metadata['name'])}`;
    changes.push({ clusterId, objectId: id, change: 'modified', at: i * 1000, before: current as KubeObject, after: next as KubeObject });
    list[(i * 7919) % list.length] = next;
  }
  return changes;
}

function flipPod(pod: Mutable, i: number): void {
  const running = pod.status['phase'] !== 'Running';
  const statuses = pod.status['containerStatuses'] as { restartCount: number; ready: boolean; state: unknown }[];
  pod.status['phase'] = running ? 'Running' : 'Pending';
  pod.status['conditions'] = [{ type: 'Ready', status: running ? 'True' : 'False', lastTransitionTime: new Date(i * 1000).toISOString() }];
  for (const status of statuses) {
    status.ready = running;
    if (!running) status.restartCount++;
    status.state = running ? { running: { startedAt: new Date(i * 1000).toISOString() } } : { waiting: { reason: 'CrashLoopBackOff' } };
  }
}

function withBookkeeping(object: KubeObject): Mutable {
  const copy = structuredClone(object) as Mutable;
  copy.metadata['resourceVersion'] = '1';
  copy.metadata['managedFields'] = [
    { manager: 'kube-controller-manager', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } },
  ];
  copy.status ??= {};
  return copy;
}

export function printStoreRows(rows: readonly StoreBenchRow[]): void {
  console.log(
    'objects  JSON MB  compression  save ms  skip ms  load ms  sliced: total ms  longest block ms  ' +
      'stored KB  ratio   flush ms  history rows/s  1 h history MB',
  );
  for (const row of rows) {
    for (const snapshot of row.snapshots) {
      console.log(
        [
          String(row.objects).padEnd(8),
          fixed(row.jsonBytes / 1048576).padEnd(8),
          snapshot.compression.padEnd(12),
          fixed(snapshot.saveMs).padEnd(8),
          fixed(snapshot.skipMs).padEnd(8),
          fixed(snapshot.loadMs).padEnd(8),
          fixed(snapshot.slicedTotalMs).padEnd(17),
          fixed(snapshot.slicedLongestBlockMs).padEnd(17),
          fixed(snapshot.storedBytes / 1024, 0).padEnd(10),
          `${fixed(snapshot.ratio * 100, 2)}%`.padEnd(7),
          fixed(row.flushMs).padEnd(9),
          fixed(row.historyRowsPerSecond, 0).padEnd(15),
          fixed(row.hourOfHistoryMb, 2),
        ].join(' '),
      );
    }
  }
}
