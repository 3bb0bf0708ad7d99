import { TopologyEngine, type InputObject, type ObjectEvent } from '../src/engine/graph/engine.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { withManagedFields } from './apiFields.js';
import { syntheticCluster } from './syntheticCluster.js';
import { leastBuild } from './leastBuild.js';
import { bestOf, heapUsedMb, median, percentile, time } from './stats.js';

export interface EngineBenchRow {
  readonly objects: number;
  readonly nodes: number;
  readonly edges: number;
  /** JSON.parse of the list as an API server sends it (managedFields included). */
  readonly jsonParseMs: number;
  /** The same list with managedFields stripped: a stricter floor, for comparison. */
  readonly strippedParseMs: number;
  readonly listMb: number;
  readonly fullBuildMs: number;
  /** The least build of the same graph (leastBuild.ts): a floor under any full build of it. */
  readonly leastBuildMs: number;
  readonly graphMs: number;
  readonly ratio: number;
  readonly strippedRatio: number;
  readonly eventMedianMs: number;
  readonly eventP99Ms: number;
  readonly heapMb: number;
}

/**
 * Full build vs the JSON.parse floor of the same objects as one list response (as an API server sends it, with
 * managedFields; and stripped, as a stricter floor); then a stream of watch-like events.
 */
export function benchEngine(size: number): EngineBenchRow {
  const objects = syntheticCluster(size);
  const listResponse = JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: objects.map((object) => withManagedFields(object as Record<string, unknown>)),
  });
  const strippedResponse = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
  // Small clusters get more rounds, for parse and build alike: at 1K objects a few rounds measure the JIT warming up.
  const rounds = Math.max(3, Math.round(30_000 / size));
  const jsonParseMs = bestOf(
    rounds,
    () => listResponse,
    (text) => JSON.parse(text),
  );
  const strippedParseMs = bestOf(
    rounds,
    () => strippedResponse,
    (text) => JSON.parse(text),
  );
  const fresh = (): KubeObject[] => (JSON.parse(listResponse) as { items: KubeObject[] }).items;
  const heapBefore = heapUsedMb();
  let engine: TopologyEngine | undefined;
  // Each round's engine is let go before the next build, as a view lets go of the engine it replaces.
  const prepare = (): InputObject[] => {
    engine = undefined;
    return fresh().map((object) => ({ object }));
  };
  const fullBuildMs = bestOf(rounds, prepare, (items) => (engine = TopologyEngine.build(items)));
  const heapMb = heapUsedMb() - heapBefore;
  const leastBuildMs = bestOf(
    rounds,
    () => fresh().map((object) => ({ object })),
    (items) => leastBuild(items),
  );
  const built: TopologyEngine | undefined = engine;
  if (!built) throw new Error('no build ran');
  const graphStart = performance.now();
  const graph = built.graph();
  const graphMs = performance.now() - graphStart;
  const durations = events(objects, 2000).map((event) => time(() => built.apply(event)));
  return {
    objects: size,
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    jsonParseMs,
    strippedParseMs,
    listMb: listResponse.length / 1048576,
    fullBuildMs,
    leastBuildMs,
    graphMs,
    ratio: fullBuildMs / jsonParseMs,
    strippedRatio: fullBuildMs / strippedParseMs,
    eventMedianMs: median(durations),
    eventP99Ms: percentile(durations, 0.99),
    heapMb,
  };
}

/** Pod status flips, label changes (selector churn), deletes and re-adds: what a busy cluster's watch delivers. */
function events(objects: readonly KubeObject[], count: number): ObjectEvent[] {
  const pods = objects.filter((object) => object.kind === 'Pod');
  const result: ObjectEvent[] = [];
  for (let i = 0; i < count; i++) {
    const pod = pods[(i * 7919) % pods.length]!;
    const copy = structuredClone(pod) as KubeObject & { status: { phase: string }; metadata: { labels: Record<string, string> } };
    switch (i % 4) {
      case 0:
        copy.status.phase = 'Pending';
        result.push({ type: 'upsert', object: copy });
        break;
      case 1:
        copy.metadata.labels['app'] = 'moved';
        result.push({ type: 'upsert', object: copy });
        break;
      case 2:
        result.push({ type: 'delete', object: pod });
        break;
      default:
        result.push({ type: 'upsert', object: pod });
    }
  }
  return result;
}
