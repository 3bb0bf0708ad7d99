/**
 * Layout benchmark: times the worker's layout core on synthetic cluster-shaped graphs in Node.
 * Run: npx tsx test/webview/layoutBench.ts [sizes…]   (default 200 1000 5000)
 *
 * "cold" uses a fresh layouter (no remembered component shapes), as on the first open of a view;
 * "warm" repeats the layout with the same layouter, as on a re-layout after a filter or delta.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { performance } from 'node:perf_hooks';
import { ComponentLayouter } from '../../src/engine/viewModel/componentLayout';
import { computeLayout } from '../../src/engine/viewModel/layoutCore';
import type { LayoutInput } from '../../src/engine/viewModel/layoutCore';
import { kindVisual } from '../../src/engine/visual/kinds';
import { estimateNodeSize, nodeLabelLines } from '../../src/engine/visual/nodeGeometry';
import { syntheticGraph } from './syntheticGraph';

function toLayoutInput(target: number, seed: number): LayoutInput {
  const graph = syntheticGraph(target, seed);
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      group: n.namespace,
      ...estimateNodeSize(nodeLabelLines(kindVisual(n.kind).abbreviation, n.name)),
    })),
    edges: graph.edges.map((e) => ({ source: e.source, target: e.target, type: e.type })),
  };
}

async function time(layouter: ComponentLayouter, input: LayoutInput): Promise<number> {
  const start = performance.now();
  const out = await computeLayout(layouter, input);
  if (Object.keys(out.positions).length !== input.nodes.length) throw new Error('not every node was placed');
  return performance.now() - start;
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  // Warm-up on an unrelated graph: a long-lived worker pays ELK's class initialisation and JIT once.
  await computeLayout(new ComponentLayouter(new ELK()), toLayoutInput(300, 7));
  for (const size of sizes.length > 0 ? sizes : [200, 1000, 5000]) {
    const input = toLayoutInput(size, 42);
    const layouter = new ComponentLayouter(new ELK());
    const cold = await time(layouter, input);
    const warm = await time(layouter, input);
    console.log(
      `${String(input.nodes.length).padStart(5)} nodes ${String(input.edges.length).padStart(6)} edges: ` +
        `cold ${cold.toFixed(0).padStart(5)} ms, warm ${warm.toFixed(0).padStart(4)} ms`,
    );
  }
}

void main();
