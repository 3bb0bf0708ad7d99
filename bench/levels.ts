/**
 * Levels of detail (issue 15): the time to derive the view at each level (applications included, their grouping redone
 * every run as after a delta) from a synthetic cluster's graph, how many
 * nodes and edges each level draws, and the headless layout of the namespace level (the webview's worker code).
 * Numbers only; a benchmark, not a test.
 */
import { TopologyEngine } from '../src/engine/graph/engine.js';
import type { TopologyGraph } from '../src/engine/model/graph.js';
import type { ViewGraph } from '../src/engine/viewModel/viewGraph.js';
import { deriveView } from '../src/engine/viewModel/deriveView.js';
import { GraphStore } from '../src/engine/viewModel/graphStore.js';
import { headlessScene } from '../src/engine/export/headlessScene.js';
import type { LayoutQuality } from '../src/engine/export/layoutQuality.js';
import { measureScene } from '../src/engine/export/layoutQuality.js';
import { layoutViewHeadless } from '../src/engine/viewModel/headlessLayout.js';
import type { DetailLevel } from '../src/engine/viewModel/viewOptions.js';
import { DEFAULT_VIEW_OPTIONS } from '../src/engine/viewModel/viewOptions.js';
import { bestOf, fixed } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

export interface LevelRow {
  readonly objects: number;
  readonly level: DetailLevel;
  readonly deriveMs: number;
  readonly nodes: number;
  readonly edges: number;
  /** Objects the view's nodes stand for: equal to `objects` when nothing is dropped. */
  readonly represented: number;
  /** The headless layout (the worker's code) at the namespace and application levels; the export scene and its quality
   * at the namespace level only. */
  readonly layoutMs?: number;
  readonly sceneMs?: number;
  readonly quality?: LayoutQuality;
}

const META = { title: 'bench', source: 'bench', filters: [], version: 'bench', generatedAt: '2025-01-01T00:00:00Z' };

function graphOf(size: number): TopologyGraph {
  return TopologyEngine.build(syntheticCluster(size).map((object) => ({ object }))).graph();
}

async function rowsFor(size: number): Promise<LevelRow[]> {
  const graph = graphOf(size);
  const store = new GraphStore();
  store.reset(graph);
  const rows: LevelRow[] = [];
  for (const level of ['namespace', 'application', 'workload', 'object'] as const) {
    let view: ViewGraph | undefined;
    const options = { ...DEFAULT_VIEW_OPTIONS, level };
    const deriveMs = bestOf(
      size >= 100_000 ? 3 : 5,
      () => {
        // A new store version, as after a delta: the application level's grouping (memoised per version) is redone.
        store.version++;
        return options;
      },
      (o) => (view = deriveView(store, o)),
    );
    if (view === undefined) throw new Error('no derive ran');
    const represented = view.nodes.reduce((sum, n) => sum + n.members.length, 0);
    const row = { objects: store.nodes.size, level, deriveMs, nodes: view.nodes.length, edges: view.edges.length, represented };
    if (level === 'application') {
      // The application level draws boxes of summaries: its headless layout, as the worker would run it.
      const start = performance.now();
      await layoutViewHeadless(view);
      rows.push({ ...row, layoutMs: performance.now() - start });
    } else if (level !== 'namespace') rows.push(row);
    else {
      let start = performance.now();
      await layoutViewHeadless(view);
      const layoutMs = performance.now() - start;
      start = performance.now();
      const scene = await headlessScene({ graph, options, theme: 'document', meta: META });
      rows.push({ ...row, layoutMs, sceneMs: performance.now() - start, quality: measureScene(scene) });
    }
  }
  return rows;
}

export async function benchLevels(sizes: readonly number[]): Promise<void> {
  console.log(
    'objects  level       derive ms  ms per 1K objects  nodes   edges   represented  ' +
      'namespace level: layout ms, export scene ms, crossings, edges through nodes, label overlaps',
  );
  for (const size of sizes) {
    for (const row of await rowsFor(size)) {
      console.log(
        [
          String(row.objects).padEnd(8),
          row.level.padEnd(11),
          fixed(row.deriveMs).padEnd(10),
          fixed((row.deriveMs / row.objects) * 1000, 2).padEnd(18),
          String(row.nodes).padEnd(7),
          String(row.edges).padEnd(7),
          `${row.represented}${row.represented === row.objects ? '' : ' (DROPPED!)'}`.padEnd(12),
          row.layoutMs === undefined || row.sceneMs === undefined || row.quality === undefined
            ? row.layoutMs === undefined
              ? ''
              : `layout ${fixed(row.layoutMs)}`
            : `${fixed(row.layoutMs)}, ${fixed(row.sceneMs)}, ${row.quality.crossings}, ${row.quality.edgesThroughNodes}, ` +
              `${row.quality.labelOverlaps}`,
        ].join(' '),
      );
    }
  }
}
