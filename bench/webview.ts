/**
 * The webview's speed in real headless Chromium, through the webview tests' own harness (test/webview/harness.ts): the
 * production bundle behind its CSP, fed `graph/init` and `graph/delta` messages the way the host sends them. A
 * benchmark, not a test: it prints numbers next to their targets and never fails on a slow machine.
 * BENCH_WEBVIEW_SIZES (default 1000,5000), BENCH_WEBVIEW_RUNS (default 2); BENCH_WEBVIEW_PROFILE=1 adds a CPU
 * profile of each size's first draw, pan/zoom and delta (bench/cpuProfile.ts), kept in test-results/webview-bench/.
 * BENCH_WEBVIEW_RENDERERS (default canvas,webgl): each run measures the same graph, gestures and delta with cytoscape's
 * canvas renderer and with its WebGL mode (src/webview/canvas/webglRenderer.ts, not turned on for users), one row each.
 * Headless Chromium draws WebGL with SwiftShader, on the CPU: its webgl rows understate what a GPU does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { GraphDelta, TopologyGraph, TopologyNode } from '../src/engine/model/graph';
import { GraphDeltaMessage, GraphInit, createMessage } from '../src/protocol/messages';
import type { PageGlobals, WebviewPage } from '../test/webview/harness';
import { WebviewHarness, chromiumAvailable } from '../test/webview/harness';
import { syntheticGraph } from '../test/webview/syntheticGraph';
import { DARK } from '../test/webview/themes';
import type { Profile } from './cpuProfile';
import { printBreakdown, printProfile, startProfile } from './cpuProfile';
import { fixed } from './stats';
import type { DeltaExpectation } from './webviewProbes';
import { probeDelta, probeFloor, probeFramesStart, probeFramesStop, probeLoad, probeRenderer, wheelInPage } from './webviewProbes';
import { WEBGL_RENDERER } from '../src/webview/canvas/webglRenderer';
import type { PanZoomTimes } from './webviewProbes';

export type BenchRenderer = 'canvas' | 'webgl';

export interface WebviewBenchRow {
  readonly objects: number;
  /** The renderer the page drew with (a page without WebGL2 falls back to canvas, and says so here). */
  readonly renderer: BenchRenderer;
  readonly viewNodes: number;
  readonly viewEdges: number;
  readonly firstPaintMs: number;
  readonly drawnMs: number;
  readonly loadLongestTaskMs: number;
  readonly panLongestTaskMs: number;
  readonly fps: number;
  /** Frames drawn a second under one wheel event per animation frame, sent from inside the page (wheelInPage). */
  readonly fpsPerFrameWheel: number;
  readonly panPerFrameLongestTaskMs: number;
  /** Cytoscape's own time per frame drawn during pan/zoom: mean and longest. */
  readonly drawMs: number;
  readonly drawMaxMs: number;
  readonly deltaMs: number;
  /**
   * The layout worker's own time within the delta: ELK on the namespaces the delta touched (incrementalLayout.ts), off
   * the main thread, but the added objects wait for it. With `floorDeltaMs` it is what the delta cannot go below.
   */
  readonly deltaLayoutMs: number;
  readonly heapMb: number;
  /** Cytoscape alone (bench/webviewProbes.ts probeFloor): the longest task of its first draw, and a delta's batch drawn. */
  readonly floorLoadLongestTaskMs: number;
  readonly floorDeltaMs: number;
}

const PAN_ZOOM_MS = 2000;

/** 100 objects in one delta, a third each added, changed and removed, spread over the graph's namespaces. */
function hundredObjectDelta(graph: TopologyGraph): { delta: GraphDelta; expect: DeltaExpectation } {
  const deployments = graph.nodes.filter((n) => n.kind === 'Deployment' && n.status !== 'Failed').slice(0, 34);
  const configMaps = graph.nodes.filter((n) => n.kind === 'ConfigMap').slice(0, 33);
  const gone = new Set(configMaps.map((n) => n.id));
  const addedNodes: TopologyNode[] = configMaps.map((n) => ({ ...n, id: `${n.id}-v2`, name: `${n.name}-v2` }));
  const delta: GraphDelta = {
    addedNodes,
    changedNodes: deployments.map((n) => ({ ...n, status: 'Failed' })),
    removedNodes: [...gone],
    addedEdges: [],
    changedEdges: [],
    removedEdges: graph.edges.filter((e) => gone.has(e.source) || gone.has(e.target)).map((e) => e.id),
  };
  const expect = { added: addedNodes.map((n) => n.id), removed: [...gone], restyled: deployments.map((n) => n.id), tone: 'bad' };
  return { delta, expect };
}

/**
 * Wheels in and out with the real mouse for PAN_ZOOM_MS at points that wander over the canvas (zooming about a moving
 * point pans too), counting drawn frames. No drag: pressed on a namespace box, a drag would move the box, not pan.
 */
async function panAndZoom(page: WebviewPage): Promise<PanZoomTimes> {
  const mouse = page.page.mouse;
  await page.page.evaluate(probeFramesStart);
  const start = Date.now();
  for (let step = 0; Date.now() - start < PAN_ZOOM_MS; step++) {
    await mouse.move(700 + 400 * Math.sin(step / 7), 430 + 250 * Math.cos(step / 5));
    // Ten notches in, ten out: the zoom swings without drifting away.
    await mouse.wheel(0, step % 20 < 10 ? -100 : 100);
  }
  return page.page.evaluate(probeFramesStop);
}

/** The same gesture sent from inside the page, one wheel event per frame (webviewProbes.ts wheelInPage). */
async function panAndZoomPerFrame(page: WebviewPage): Promise<PanZoomTimes> {
  await page.page.evaluate(probeFramesStart);
  await page.page.evaluate(wheelInPage, PAN_ZOOM_MS);
  return page.page.evaluate(probeFramesStop);
}

/** Resolves once no frame has been drawn for 500 ms (the end of a gesture's redraw included). */
function settled(): Promise<void> {
  const w = globalThis as unknown as { __kubilitics: { cy: import('cytoscape').Core }; performance: { now(): number } };
  return new Promise((done) => {
    let last = w.performance.now();
    const onRender = (): void => {
      last = w.performance.now();
    };
    w.__kubilitics.cy.on('render', onRender);
    const check = (): void => {
      if (w.performance.now() - last < 500) {
        setTimeout(check, 100);
        return;
      }
      w.__kubilitics.cy.off('render', onRender);
      done();
    };
    setTimeout(check, 100);
  });
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

const PROFILE_DIR = join('test-results', 'webview-bench');

/** Prints the profile's hot functions and keeps it whole as a .cpuprofile (DevTools → Performance opens it). */
function report(profile: Profile, title: string, file: string): void {
  printProfile(profile, title);
  printBreakdown(profile);
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(join(PROFILE_DIR, `${file}.cpuprofile`), JSON.stringify(profile));
}

async function measure(harness: WebviewHarness, graph: TopologyGraph, asked: BenchRenderer, profile: boolean): Promise<WebviewBenchRow> {
  const page: WebviewPage = await harness.open(DARK, { renderer: asked });
  page.page.on('crash', () => console.log(`the page crashed (${graph.nodes.length} objects)`));
  try {
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    // Auto opens these sizes at the namespace level (bench/levels.ts times that); this measures every object drawn.
    await page.page.selectOption('[data-testid=level]', 'workload');
    const cdp = await page.page.context().newCDPSession(page.page);
    const init = createMessage(GraphInit, { title: `synthetic ${graph.nodes.length}`, mode: 'manifests', graph, findings: [] });
    const renderer = await page.page.evaluate(probeRenderer);
    const name = `${graph.nodes.length}-${renderer}`;
    const profiler = profile ? await startProfile(cdp) : null;
    const load = await page.page.evaluate(probeLoad, init);
    if (profiler !== null) report(await profiler.stop(), `first draw of ${graph.nodes.length} objects, ${renderer}`, `${name}-load`);
    const counts = await page.counts();
    const heap = await heapMb(cdp);
    const panProfiler = profile ? await startProfile(cdp) : null;
    const panZoom = await panAndZoom(page);
    const perFrame = await panAndZoomPerFrame(page);
    // The full redraw cytoscape makes 150 ms after the last wheel event is the gesture's cost, not the delta's.
    await page.page.evaluate(settled);
    if (panProfiler !== null)
      report(await panProfiler.stop(), `pan/zoom over ${graph.nodes.length} objects, ${renderer}`, `${name}-panzoom`);
    const { delta, expect } = hundredObjectDelta(graph);
    const deltaProfiler = profile ? await startProfile(cdp) : null;
    const deltaMs = await page.page.evaluate(probeDelta, { message: createMessage(GraphDeltaMessage, { delta }), expect });
    const deltaLayoutMs = await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.timings.workerMs);
    if (deltaProfiler !== null) {
      report(await deltaProfiler.stop(), `100-object delta on ${graph.nodes.length} objects, ${renderer}`, `${name}-delta`);
    }
    // After every measure above, so it changes none of them: the restyled nodes back to ok, the copies swapped back.
    const floor = await page.page.evaluate(probeFloor, {
      restyle: expect.restyled,
      tone: 'ok',
      remove: expect.added,
      addAs: expect.removed,
      ...(renderer === 'webgl' ? { renderer: WEBGL_RENDERER } : {}),
    });
    if (page.errors.length > 0) throw new Error(`the page reported errors: ${page.errors.join('; ')}`);
    return {
      objects: graph.nodes.length,
      renderer,
      viewNodes: counts.viewNodes,
      viewEdges: counts.viewEdges,
      firstPaintMs: load.firstPaintMs,
      drawnMs: load.drawnMs,
      loadLongestTaskMs: load.longestTaskMs,
      panLongestTaskMs: panZoom.longestTaskMs,
      fps: panZoom.fps,
      fpsPerFrameWheel: perFrame.fps,
      panPerFrameLongestTaskMs: perFrame.longestTaskMs,
      drawMs: panZoom.drawMs,
      drawMaxMs: panZoom.drawMaxMs,
      deltaMs,
      deltaLayoutMs,
      heapMb: heap,
      floorLoadLongestTaskMs: floor.firstDrawLongestTaskMs,
      floorDeltaMs: floor.deltaMs,
    };
  } finally {
    await page.page
      .context()
      .close()
      .catch(() => undefined);
  }
}

const HEADER =
  'objects  renderer  view nodes  view edges  first paint ms  drawn ms  longest task load ms  longest task pan/zoom ms  fps    ' +
  'fps, wheel per frame (longest task ms)  frame draw ms mean/max  delta ms (layout worker)  heap MB  floor: load longest task ms  ' +
  'floor: delta ms';

function printRow(row: WebviewBenchRow): void {
  console.log(
    [
      String(row.objects).padEnd(8),
      row.renderer.padEnd(9),
      String(row.viewNodes).padEnd(11),
      String(row.viewEdges).padEnd(11),
      fixed(row.firstPaintMs, 0).padEnd(15),
      fixed(row.drawnMs, 0).padEnd(9),
      fixed(row.loadLongestTaskMs, 0).padEnd(21),
      fixed(row.panLongestTaskMs, 0).padEnd(25),
      fixed(row.fps, 1).padEnd(6),
      `${fixed(row.fpsPerFrameWheel, 1)} (${fixed(row.panPerFrameLongestTaskMs, 0)})`.padEnd(38),
      `${fixed(row.drawMs, 0)}/${fixed(row.drawMaxMs, 0)}`.padEnd(23),
      `${fixed(row.deltaMs, 0)} (${fixed(row.deltaLayoutMs, 0)})`.padEnd(25),
      fixed(row.heapMb, 1).padEnd(8),
      fixed(row.floorLoadLongestTaskMs, 0).padEnd(28),
      fixed(row.floorDeltaMs, 0),
    ].join(' '),
  );
}

/**
 * Prints one row per run, size and renderer, the renderers of a run next to each other; skips with the reason where
 * Chromium is not installed.
 */
export async function benchWebview(
  sizes: readonly number[],
  runs: number,
  profile: boolean,
  renderers: readonly BenchRenderer[] = ['canvas'],
): Promise<void> {
  if (!chromiumAvailable()) return;
  const harness = await WebviewHarness.launch();
  try {
    console.log(HEADER);
    for (const size of sizes) {
      const graph = syntheticGraph(size);
      for (let run = 0; run < runs; run++) {
        for (const renderer of renderers) printRow(await measure(harness, graph, renderer, profile && run === 0));
      }
    }
  } finally {
    await harness.close();
  }
}

export function webviewBenchFromEnv(): { sizes: number[]; runs: number; profile: boolean; renderers: BenchRenderer[] } {
  const renderers = (process.env['BENCH_WEBVIEW_RENDERERS'] ?? 'canvas,webgl').split(',').map((name) => name.trim());
  const unknown = renderers.filter((name) => name !== 'canvas' && name !== 'webgl');
  if (unknown.length > 0) throw new Error(`BENCH_WEBVIEW_RENDERERS: unknown renderer ${unknown.join(', ')} (canvas, webgl)`);
  return {
    sizes: (process.env['BENCH_WEBVIEW_SIZES'] ?? '1000,5000').split(',').map(Number),
    runs: Number(process.env['BENCH_WEBVIEW_RUNS'] ?? 2),
    profile: process.env['BENCH_WEBVIEW_PROFILE'] === '1',
    renderers: renderers as BenchRenderer[],
  };
}
