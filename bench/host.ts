import { DeltaCoalescer } from '../src/engine/graph/coalescer.js';
import { TopologyEngine, type ObjectEvent } from '../src/engine/graph/engine.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { trimObject, type ResourceType } from '../src/extension/cluster/resources.js';
import { withManagedFields } from './apiFields.js';
import { syntheticCluster } from './syntheticCluster.js';
import { heapUsedMb } from './stats.js';

export interface HostBenchRow {
  readonly objects: number;
  /** The first list of every object into an empty engine, as a session takes it (applyAll: in bulk). */
  readonly firstListMs: number;
  /** The same list applied object by object, as sessions took it before applyAll. */
  readonly firstListOneByOneMs: number;
  readonly eventsPerSecond: number;
  readonly deltasPerSecond: number;
  readonly heapMbPer10k: number;
}

const typeOf = (object: KubeObject): ResourceType => {
  const [group, version] = object.apiVersion?.includes('/') ? object.apiVersion.split('/') as [string, string] : ['', object.apiVersion ?? 'v1'];
  return { group, version, resource: `${object.kind?.toLowerCase()}s`, kind: object.kind ?? '', namespaced: !!object.metadata?.namespace, metadataOnly: object.kind === 'Secret' };
};

/**
 * The host's hot path as a watch drives it: intake trimming → engine.apply → coalescer, flushed every 100 ms of
 * simulated time and serialized as the webview message would be. Reports sustained events per second.
 */
export async function benchHost(size: number, events = 20_000): Promise<HostBenchRow> {
  const { engine, heapMbPer10k, firstListMs } = await heldHeap(size);
  const firstListOneByOneMs = oneByOne(size);
  const objects = syntheticCluster(size).map((object) => withManagedFields(object as Record<string, unknown>) as KubeObject);
  const coalescer = new DeltaCoalescer();
  const graph = engine.graph();
  coalescer.reset(graph.nodes.map((n) => n.id), graph.edges.map((e) => e.id));
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
  return { objects: size, firstListMs, firstListOneByOneMs, eventsPerSecond: events / seconds, deltasPerSecond: deltas / seconds, heapMbPer10k };
}

/**
 * Everything the host keeps for `size` objects: they arrive as list-response text (with managedFields), are parsed,
 * trimmed at intake and applied; the text and the untrimmed objects are then garbage. The heap difference counts the
 * kept objects themselves and every engine structure, as a running extension holds them.
 */
async function heldHeap(size: number): Promise<{ engine: TopologyEngine; heapMbPer10k: number; firstListMs: number }> {
  // Graphs held weakly by engines of earlier benchmarks go when their task ends: both heap readings start from a new task.
  await nextTask();
  const before = heapUsedMb();
  let response: string | undefined = listResponse(size);
  const engine = new TopologyEngine();
  const changes = trimmedList(response);
  heapUsedMb();
  const start = performance.now();
  engine.applyAll(changes);
  const firstListMs = performance.now() - start;
  response = undefined;
  // The graph the delta was made from is held weakly until this task ends, as in the extension host: let it go.
  await nextTask();
  const heapMbPer10k = ((heapUsedMb() - before) / size) * 10_000;
  return { engine, heapMbPer10k, firstListMs };
}

function oneByOne(size: number): number {
  const changes = trimmedList(listResponse(size));
  const engine = new TopologyEngine();
  heapUsedMb();
  const start = performance.now();
  for (const change of changes) engine.apply(change);
  return performance.now() - start;
}

function listResponse(size: number): string {
  return JSON.stringify({ items: syntheticCluster(size).map((object) => withManagedFields(object as Record<string, unknown>) as KubeObject) });
}

/** A list response's items as an informer hands them on: trimmed at intake, as upserts. */
function trimmedList(response: string): ObjectEvent[] {
  return (JSON.parse(response) as { items: KubeObject[] }).items
    .map((raw) => ({ type: 'upsert' as const, object: trimObject(raw as Record<string, unknown>, typeOf(raw)) }));
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
