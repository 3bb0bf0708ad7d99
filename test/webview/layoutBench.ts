/**
 * Layout benchmark: times the worker's layout core on synthetic cluster-shaped graphs in Node.
 * Run: npx tsx test/webview/layoutBench.ts [sizes…]   (default 200 1000 5000)
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { performance } from 'node:perf_hooks';
import { computeLayout } from '../../src/webview/layout/layoutCore';
import type { LayoutInput } from '../../src/webview/layout/layoutCore';
import { estimateNodeSize, kindVisual } from '../../src/engine/visual';
import { syntheticGraph } from './syntheticGraph';

function toLayoutInput(target: number): LayoutInput {
  const graph = syntheticGraph(target);
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      group: n.namespace,
      ...estimateNodeSize([kindVisual(n.kind).abbreviation, n.name]),
    })),
    edges: graph.edges.map((e) => ({ source: e.source, target: e.target, type: e.type })),
  };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const elk = new ELK();
  // Warm-up: the first ELK call pays for class initialisation, which a long-lived worker pays once.
  await computeLayout(elk, toLayoutInput(50));
  for (const size of sizes.length > 0 ? sizes : [200, 1000, 5000]) {
    const input = toLayoutInput(size);
    const start = performance.now();
    const out = await computeLayout(elk, input);
    const ms = performance.now() - start;
    const placed = Object.keys(out.positions).length;
    console.log(
      `${String(input.nodes.length).padStart(5)} nodes ${String(input.edges.length).padStart(6)} edges: ` +
        `${ms.toFixed(0).padStart(6)} ms  (${placed} placed, canvas ${Math.round(out.width)}×${Math.round(out.height)})`,
    );
  }
}

void main();
