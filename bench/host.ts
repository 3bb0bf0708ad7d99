import { DeltaCoalescer } from '../src/engine/graph/coalescer.js';
import { TopologyEngine } from '../src/engine/graph/engine.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { trimObject, type ResourceType } from '../src/extension/cluster/resources.js';
import { withManagedFields } from './apiFields.js';
import { syntheticCluster } from './syntheticCluster.js';
import { heapUsedMb } from './stats.js';

export interface HostBenchRow {
  readonly objects: number;
  /** Every object of the first lists through the engine, as a connecting session applies them (a batch per page). */
  readonly firstListsMs: number;
  readonly eventsPerSecond: number;
  readonly deltasPerSecond: number;
  readonly heapMbPer10k: number;
}

const typeOf = (object: KubeObject): ResourceType => {
  const [group, version] = object.apiVersion?.includes('/')
    ? (object.apiVersion.split('/') as [string, string])
    : ['', object.apiVersion ?? 'v1'];
  return {
    group,
    version,
    resource: `${object.kind?.toLowerCase()}s`,
    kind: object.kind ?? '',
    namespaced: !!object.metadata?.namespace,
    metadataOnly: object.kind === 'Secret',
  };
};

/**
 * The host's hot path as a watch drives it: intake trimming → engine.apply → coalescer, flushed every 100 ms of
 * simulated time and serialized as the webview message would be. Reports sustained events per second.
 */
export function benchHost(size: number, events = 20_000): HostBenchRow {
  const { engine, heapMbPer10k, firstListsMs } = heldHeap(size);
  const objects = syntheticCluster(size).map((object) => withManagedFields(object as Record<string, unknown>) as KubeObject);
  const coalescer = new DeltaCoalescer();
  const graph = engine.graph();
  coalescer.reset(
    graph.nodes.map((n) => n.id),
    graph.edges.map((e) => e.id),
  );
  const pods = objects.filter((object) => object.kind === 'Pod');
  const stream = Array.from({ length: events }, (_, i) => {
    const copy = structuredClone(pods[(i * 7919) % pods.length]!) as KubeObject & { status: { phase: string } };
    // Each pass over the pods flips their phase, so every event is a real change.
    copy.status.phase = Math.floor(i / pods.length) % 2 ? 'Running' : 'Pending';
    return copy;
  });
  let deltas = 0;
  const start = performance.now();
  let nextFlush = start + 100;
  for (const object of stream) {
    coalescer.push(engine.apply({ type: 'upsert', object: trimObject(object as Record<string, unknown>, typeOf(object)) }));
    if (performance.now() >= nextFlush) {
      const delta = coalescer.flush();
      if (delta) {
        JSON.stringify(delta);
        deltas++;
      }
      nextFlush += 100;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { objects: size, firstListsMs, eventsPerSecond: events / seconds, deltasPerSecond: deltas / seconds, heapMbPer10k };
}

/**
 * Everything the host keeps for `size` objects: they arrive as list-response text (with managedFields), are parsed,
 * trimmed at intake and applied; the text and the untrimmed objects are then garbage. The heap difference counts the
 * kept objects themselves and every engine structure, as a running extension holds them.
 */
/** Objects per page of a list, as the informers ask for them. */
const LIST_PAGE = 500;

function heldHeap(size: number): { engine: TopologyEngine; heapMbPer10k: number; firstListsMs: number } {
  const before = heapUsedMb();
  let response: string | undefined = JSON.stringify({
    items: syntheticCluster(size).map((object) => withManagedFields(object as Record<string, unknown>) as KubeObject),
  });
  const engine = new TopologyEngine();
  let firstListsMs = 0;
  // As a session applies them (session.ts applyPage): kind by kind, one engine batch per page of a list.
  const trimmed = (JSON.parse(response) as { items: KubeObject[] }).items
    .map((raw) => trimObject(raw as Record<string, unknown>, typeOf(raw)))
    .sort((a, b) => (a.kind! < b.kind! ? -1 : a.kind! > b.kind! ? 1 : 0));
  for (let at = 0; at < trimmed.length; at += LIST_PAGE) {
    const page = trimmed.slice(at, at + LIST_PAGE).map((object) => ({ type: 'upsert' as const, object }));
    const start = performance.now();
    engine.applyBatch(page);
    firstListsMs += performance.now() - start;
  }
  // Dropping the text before measuring is the point: the heap difference must not count it.
  // eslint-disable-next-line no-useless-assignment
  response = undefined;
  const heapMbPer10k = ((heapUsedMb() - before) / size) * 10_000;
  return { engine, heapMbPer10k, firstListsMs };
}
