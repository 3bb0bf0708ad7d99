/**
 * Layout quality, ours beside Graphviz dot (issue 15): for the bundled example, corpus sets, a real cluster dump
 * and synthetic clusters, the same measures (src/engine/export/layoutQuality.ts) on our headless layout as the SVG
 * export draws it, and on dot's layout of our own DOT export. Targets: 0 edges through unrelated nodes, ≥ 95% of
 * flow edges forward, 0 overlapping labels, fewer crossings than dot in less time.
 *
 * BENCH_QUALITY_CASES picks cases by name (e.g. "shop,bookinfo,synthetic-1k"); BENCH_DOT_TIMEOUT_S caps each dot
 * run (default 120) and BENCH_DOT_MAX_NODES skips dot above that many drawn nodes (default 6000).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { viewOptionsFor } from '../src/engine/export/filters.js';
import { headlessScene } from '../src/engine/export/headlessScene.js';
import { forwardShare, measureScene, measureLayout } from '../src/engine/export/layoutQuality.js';
import type { LayoutQuality } from '../src/engine/export/layoutQuality.js';
import type { Scene } from '../src/engine/export/scene.js';
import { TopologyEngine } from '../src/engine/graph/engine.js';
import type { TopologyGraph } from '../src/engine/model/graph.js';
import { topologyFromPaths } from '../src/engine/topology.js';
import { runDot } from './dotScene.js';
import { fixed, median } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

/** Relative to the repository, where `npm run bench` runs. */
const CORPUS = '../shared/corpus';

interface QualityCase {
  readonly name: string;
  /** The graph, or why the case cannot run here. */
  readonly load: () => Promise<TopologyGraph | string>;
}

export interface QualityRow {
  readonly name: string;
  readonly objects: number;
  readonly nodes: number;
  readonly edges: number;
  readonly ours: LayoutQuality;
  /** Median of the runs (runsFor); the first run alone, which pays for whatever the JIT has not compiled yet. */
  readonly oursMs: number;
  readonly oursFirstMs: number;
  readonly measureMs: number;
  readonly dot: { readonly quality: LayoutQuality; readonly ms: number } | { readonly skipped: string };
}

const fromPath = (path: string) => async (): Promise<TopologyGraph | string> =>
  existsSync(path) ? (await topologyFromPaths([path], {})).engine.graph() : `skipped: no ${path}`;

const fromCorpus = (name: string) => async (): Promise<TopologyGraph | string> =>
  existsSync(CORPUS) ? fromPath(join(CORPUS, name))() : `skipped: no ${CORPUS}`;

const synthetic = (objects: number) => (): Promise<TopologyGraph> =>
  Promise.resolve(TopologyEngine.build(syntheticCluster(objects).map((object) => ({ object }))).graph());

export const QUALITY_CASES: readonly QualityCase[] = [
  { name: 'shop', load: fromPath('examples/shop') },
  { name: 'online-boutique', load: fromCorpus('online-boutique') },
  { name: 'bookinfo', load: fromCorpus('bookinfo') },
  { name: 'argo-cd', load: fromCorpus('argo-cd') },
  { name: 'kalc-gke-dump', load: fromCorpus('kalc-gke-dump') },
  { name: 'synthetic-1k', load: synthetic(1000) },
  { name: 'synthetic-5k', load: synthetic(5000) },
];

const META = { title: 'bench', source: 'bench', filters: [], version: 'bench', generatedAt: '2025-01-01T00:00:00Z' };

async function layOut(graph: TopologyGraph): Promise<Scene> {
  return headlessScene({ graph, options: viewOptionsFor(graph, {}), theme: 'document', meta: META });
}

/** Runs per side: a median of several, as one run of a small graph is mostly noise on a loaded machine. */
const runsFor = (nodes: number): number => (nodes > 2000 ? 1 : 5);

export async function measureCase(name: string, graph: TopologyGraph, dotTimeoutMs: number, dotMaxNodes: number): Promise<QualityRow> {
  let scene: Scene | undefined;
  const oursTimes: number[] = [];
  for (let run = 0; run < runsFor(graph.nodes.length); run++) {
    const start = performance.now();
    scene = await layOut(graph);
    oursTimes.push(performance.now() - start);
  }
  const laid = scene!;
  const start = performance.now();
  const ours = measureScene(laid);
  const measureMs = performance.now() - start;
  const dot = laid.nodes.length > dotMaxNodes ? { skipped: `dot skipped: over ${dotMaxNodes} nodes` } : dotMedian(laid, dotTimeoutMs);
  const oursMs = median(oursTimes);
  return {
    name,
    objects: graph.nodes.length,
    nodes: laid.nodes.length,
    edges: laid.edges.length,
    ours,
    oursMs,
    oursFirstMs: oursTimes[0]!,
    measureMs,
    dot,
  };
}

/** dot on the same scene as often as ours ran; its picture is the same every run, its time the median. */
function dotMedian(scene: Scene, timeoutMs: number): QualityRow['dot'] {
  const times: number[] = [];
  let quality: LayoutQuality | undefined;
  for (let run = 0; run < runsFor(scene.nodes.length); run++) {
    const result = runDot(scene, timeoutMs);
    if ('skipped' in result) return result;
    quality ??= measureLayout(result.scene);
    times.push(result.ms);
  }
  return { quality: quality!, ms: median(times) };
}

const COLUMNS: readonly [string, number][] = [
  ['case', 16],
  ['objects', 8],
  ['nodes', 6],
  ['edges', 6],
  ['crossings ours/dot', 19],
  ['through ours/dot', 17],
  ['forward ours/dot', 17],
  ['labels ours/dot', 16],
  ['layout ms ours/dot', 19],
  ['ours 1st ms', 11],
  ['measure ms', 10],
];

function cells(values: readonly string[]): string {
  return values.map((v, i) => v.padEnd(COLUMNS[i]![1])).join(' ');
}

function percent(q: LayoutQuality): string {
  return q.flowEdges === 0 ? '–' : `${fixed(100 * forwardShare(q), 0)}%`;
}

export function formatRow(row: QualityRow): string {
  const dot = 'skipped' in row.dot ? undefined : row.dot;
  const pair = (ours: string, theirs: (d: NonNullable<typeof dot>) => string): string => `${ours} / ${dot ? theirs(dot) : '–'}`;
  const line = cells([
    row.name,
    String(row.objects),
    String(row.nodes),
    String(row.edges),
    pair(String(row.ours.crossings), (d) => String(d.quality.crossings)),
    pair(String(row.ours.edgesThroughNodes), (d) => String(d.quality.edgesThroughNodes)),
    pair(percent(row.ours), (d) => percent(d.quality)),
    pair(String(row.ours.labelOverlaps), (d) => String(d.quality.labelOverlaps)),
    pair(fixed(row.oursMs, 0), (d) => fixed(d.ms, 0)),
    fixed(row.oursFirstMs, 0),
    fixed(row.measureMs, 0),
  ]);
  return 'skipped' in row.dot ? `${line} (${row.dot.skipped})` : line;
}

/** Prints one line per case (or why it was skipped), ours beside dot; returns the rows measured. */
export async function benchLayoutQuality(names?: readonly string[]): Promise<QualityRow[]> {
  const dotTimeoutMs = Number(process.env['BENCH_DOT_TIMEOUT_S'] ?? '120') * 1000;
  const dotMaxNodes = Number(process.env['BENCH_DOT_MAX_NODES'] ?? '6000');
  const wanted = names === undefined || names.length === 0 ? QUALITY_CASES : QUALITY_CASES.filter((c) => names.includes(c.name));
  console.log(cells(COLUMNS.map(([title]) => title)));
  // Warm-up: module loading, ELK and the JIT, which a long-running view pays once too.
  await layOut(await synthetic(100)());
  const rows: QualityRow[] = [];
  for (const c of wanted) {
    const graph = await c.load();
    if (typeof graph === 'string') {
      console.log(cells([c.name, graph]));
      continue;
    }
    const row = await measureCase(c.name, graph, dotTimeoutMs, dotMaxNodes);
    rows.push(row);
    console.log(formatRow(row));
  }
  return rows;
}

export function qualityCasesFromEnv(): string[] | undefined {
  return process.env['BENCH_QUALITY_CASES']?.split(',').filter((name) => name !== '');
}

if (process.argv[1]?.endsWith('layoutQuality.ts')) void benchLayoutQuality(qualityCasesFromEnv());
