import { TopologyEngine, type ObjectEvent } from '../src/engine/graph/engine.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { syntheticCluster } from './syntheticCluster.js';
import { heapUsedMb, median, percentile, time } from './stats.js';

export interface EngineBenchRow {
  readonly objects: number;
  readonly nodes: number;
  readonly edges: number;
  readonly jsonParseMs: number;
  readonly fullBuildMs: number;
  readonly ratio: number;
  readonly eventMedianMs: number;
  readonly eventP99Ms: number;
  readonly heapMb: number;
}

/** Full build vs the JSON.parse floor of the same objects as one list response; then a stream of watch-like events. */
export function benchEngine(size: number): EngineBenchRow {
  const objects = syntheticCluster(size);
  const listResponse = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
  const jsonParseMs = bestOf(3, () => JSON.parse(listResponse));
  const fresh = (): KubeObject[] => (JSON.parse(listResponse) as { items: KubeObject[] }).items;
  const heapBefore = heapUsedMb();
  let engine = TopologyEngine.build([]);
  const fullBuildMs = bestOf(3, () => {
    const items = fresh().map((object) => ({ object }));
    const start = performance.now();
    engine = TopologyEngine.build(items);
    return performance.now() - start;
  }, true);
  const heapMb = heapUsedMb() - heapBefore;
  const graph = engine.graph();
  const durations = events(objects, 2000).map((event) => time(() => engine.apply(event)));
  return { objects: size, nodes: graph.nodes.length, edges: graph.edges.length, jsonParseMs, fullBuildMs,
    ratio: fullBuildMs / jsonParseMs, eventMedianMs: median(durations), eventP99Ms: percentile(durations, 0.99), heapMb };
}

function bestOf(runs: number, work: () => unknown, returnsDuration = false): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = work();
    const elapsed = returnsDuration ? (result as number) : performance.now() - start;
    best = Math.min(best, elapsed);
  }
  return best;
}

/** Pod status flips, label changes (selector churn), deletes and re-adds: what a busy cluster's watch delivers. */
function events(objects: readonly KubeObject[], count: number): ObjectEvent[] {
  const pods = objects.filter((object) => object.kind === 'Pod');
  const result: ObjectEvent[] = [];
  for (let i = 0; i < count; i++) {
    const pod = pods[(i * 7919) % pods.length]!;
    const copy = structuredClone(pod) as KubeObject & { status: { phase: string }; metadata: { labels: Record<string, string> } };
    switch (i % 4) {
      case 0: copy.status.phase = 'Pending'; result.push({ type: 'upsert', object: copy }); break;
      case 1: copy.metadata.labels['app'] = 'moved'; result.push({ type: 'upsert', object: copy }); break;
      case 2: result.push({ type: 'delete', object: pod }); break;
      default: result.push({ type: 'upsert', object: pod });
    }
  }
  return result;
}
