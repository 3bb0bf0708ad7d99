/**
 * What bench/webview.ts measures inside the page. Each probe is a function handed to `page.evaluate`, so it runs in
 * Chromium and reaches the page through `globalThis as unknown as ProbeGlobals` (the root tsconfig has no DOM libs).
 * Time is the page's own clock (performance.now), so Playwright's round trips never count.
 */
import type { Core } from 'cytoscape';
import type { Counts } from '../test/webview/harness';

interface ProbeGlobals {
  readonly __kubilitics: { readonly cy: Core; counts(): Counts };
  readonly performance: { now(): number };
  readonly PerformanceObserver: new (cb: (list: { getEntries(): { duration: number }[] }) => void) => {
    observe(options: { type: string }): void;
    takeRecords(): { duration: number }[];
    disconnect(): void;
  };
  postMessage(message: unknown, targetOrigin: string): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  readonly WheelEvent: new (
    type: 'wheel',
    init: { deltaY: number; clientX: number; clientY: number; bubbles: boolean; cancelable: boolean },
  ) => unknown;
}

export interface LoadTimes {
  /** From posting `graph/init` to the first drawn frame that shows any object. */
  readonly firstPaintMs: number;
  /** From posting `graph/init` to the first drawn frame with every node of the view placed. */
  readonly drawnMs: number;
  readonly longestTaskMs: number;
}

/** Posts `graph/init` and times the frames cytoscape draws ('render' fires after each) until the view is complete. */
export function probeLoad(message: unknown): Promise<LoadTimes> {
  const w = globalThis as unknown as ProbeGlobals;
  return new Promise((resolve) => {
    let longest = 0;
    const observer = new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const cy = w.__kubilitics.cy;
    const start = w.performance.now();
    let firstPaintMs = -1;
    const onRender = (): void => {
      const counts = w.__kubilitics.counts();
      const now = w.performance.now() - start;
      if (firstPaintMs < 0 && counts.nodes > 0) firstPaintMs = now;
      if (counts.viewNodes === 0 || counts.pending !== 0 || counts.nodes !== counts.viewNodes) return;
      cy.off('render', onRender);
      // Long tasks are reported after they end; one more frame lets the last one arrive.
      w.requestAnimationFrame(() => {
        for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
        observer.disconnect();
        resolve({ firstPaintMs, drawnMs: now, longestTaskMs: longest });
      });
    };
    cy.on('render', onRender);
    w.postMessage(message, '*');
  });
}

export interface PanZoomTimes {
  readonly fps: number;
  readonly longestTaskMs: number;
  /** Mean and longest time cytoscape's render loop spent drawing one frame (its own redraw timings). */
  readonly drawMs: number;
  readonly drawMaxMs: number;
}

/** Cytoscape's renderer's own timings of its frames (base renderer's render loop, 3.34), and whether it uses WebGL. */
interface RendererTimings {
  readonly webgl?: boolean;
  readonly redrawCount?: number;
  readonly redrawTotalTime?: number;
  readonly lastRedrawTime?: number;
}

/** Which renderer the page's cytoscape draws with: WebGL only where asked for and available (webglRenderer.ts). */
export function probeRenderer(): 'webgl' | 'canvas' {
  const w = globalThis as unknown as ProbeGlobals;
  return (w.__kubilitics.cy as unknown as { renderer(): RendererTimings }).renderer().webgl === true ? 'webgl' : 'canvas';
}

interface FrameCounter {
  frames: number;
  longest: number;
  drawMax: number;
  readonly start: number;
  readonly redraws: number;
  readonly redrawMs: number;
  stop(): void;
}

/**
 * Starts counting the frames cytoscape draws and the longest task, while the benchmark drives a real mouse (drag and
 * wheel through Playwright): cytoscape takes its interaction shortcuts (texture on viewport, hidden edges) only for
 * user input, not for a scripted `cy.viewport()`.
 */
export function probeFramesStart(): void {
  const w = globalThis as unknown as ProbeGlobals & { __frames?: FrameCounter };
  const cy = w.__kubilitics.cy;
  const observer = new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) counter.longest = Math.max(counter.longest, entry.duration);
  });
  const r = (cy as unknown as { renderer(): RendererTimings }).renderer();
  const onRender = (): void => {
    counter.frames++;
    counter.drawMax = Math.max(counter.drawMax, r.lastRedrawTime ?? 0);
  };
  const counter: FrameCounter = {
    frames: 0,
    longest: 0,
    drawMax: 0,
    start: w.performance.now(),
    redraws: r.redrawCount ?? 0,
    redrawMs: r.redrawTotalTime ?? 0,
    stop: () => {
      for (const entry of observer.takeRecords()) counter.longest = Math.max(counter.longest, entry.duration);
      observer.disconnect();
      cy.off('render', onRender);
    },
  };
  observer.observe({ type: 'longtask' });
  cy.on('render', onRender);
  w.__frames = counter;
}

/**
 * Wheels in and out for `ms` from inside the page, one wheel event per animation frame at points that wander over the
 * canvas, as a trackpad or a free-spinning wheel sends them (60 and more a second). Playwright's mouse cannot: each of
 * its events waits for a round trip, ~17 a second, which caps frames counted during its gesture at that rate.
 * Cytoscape handles these events as it does real ones (its wheel listener on the container reads deltaY and the
 * client position only). Run between probeFramesStart and probeFramesStop.
 */
export function wheelInPage(ms: number): Promise<number> {
  const w = globalThis as unknown as ProbeGlobals;
  const container = w.__kubilitics.cy.container() as unknown as {
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
    dispatchEvent(event: unknown): boolean;
  };
  const box = container.getBoundingClientRect();
  return new Promise((done) => {
    const start = w.performance.now();
    let step = 0;
    const tick = (): void => {
      if (w.performance.now() - start >= ms) {
        done(step);
        return;
      }
      const clientX = box.left + box.width * (0.5 + 0.3 * Math.sin(step / 7));
      const clientY = box.top + box.height * (0.5 + 0.3 * Math.cos(step / 5));
      // Ten notches in, ten out: the zoom swings without drifting away.
      const deltaY = step % 20 < 10 ? -100 : 100;
      container.dispatchEvent(new w.WheelEvent('wheel', { deltaY, clientX, clientY, bubbles: true, cancelable: true }));
      step++;
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
}

export function probeFramesStop(): PanZoomTimes {
  const w = globalThis as unknown as ProbeGlobals & { __frames: FrameCounter };
  const counter = w.__frames;
  counter.stop();
  const r = (w.__kubilitics.cy as unknown as { renderer(): RendererTimings }).renderer();
  const redraws = (r.redrawCount ?? 0) - counter.redraws;
  return {
    fps: (counter.frames * 1000) / (w.performance.now() - counter.start),
    longestTaskMs: counter.longest,
    drawMs: redraws > 0 ? ((r.redrawTotalTime ?? 0) - counter.redrawMs) / redraws : 0,
    drawMaxMs: counter.drawMax,
  };
}

export interface DeltaExpectation {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Nodes whose tone the delta changes, and the tone they must show. */
  readonly restyled: readonly string[];
  readonly tone: string;
}

/** Posts a `graph/delta` and times it until a drawn frame shows every added, removed and restyled node as it should. */
export function probeDelta(args: { message: unknown; expect: DeltaExpectation }): Promise<number> {
  const w = globalThis as unknown as ProbeGlobals;
  const { added, removed, restyled, tone } = args.expect;
  return new Promise((resolve) => {
    const cy = w.__kubilitics.cy;
    const start = w.performance.now();
    const onRender = (): void => {
      if (added.some((id) => cy.getElementById(id).empty())) return;
      if (removed.some((id) => cy.getElementById(id).nonempty())) return;
      if (restyled.some((id) => cy.getElementById(id).data('tone') !== tone)) return;
      cy.off('render', onRender);
      resolve(w.performance.now() - start);
    };
    cy.on('render', onRender);
    w.postMessage(args.message, '*');
  });
}

export interface FloorTimes {
  /** Longest task while a fresh cytoscape, given the drawn elements, stylesheet and viewport, draws its first frame. */
  readonly firstDrawLongestTaskMs: number;
  /** From one batch that restyles, removes and adds as the 100-object delta did to the frame that shows it. */
  readonly deltaMs: number;
}

/** A batch of the delta's size: `restyle` set to `tone`, `remove` removed, and copies of them added as `addAs`. */
export interface FloorDelta {
  readonly restyle: readonly string[];
  readonly tone: string;
  readonly remove: readonly string[];
  readonly addAs: readonly string[];
  /** Cytoscape's `renderer` option for the fresh instance (its WebGL mode for the benchmark's webgl rows). */
  readonly renderer?: Readonly<Record<string, unknown>>;
}

/**
 * A floor under the load and delta measures: cytoscape alone, none of our code, drawing the same picture. A fresh
 * instance (the page's own cytoscape constructor) over a container of the same size, fed the page's elements,
 * stylesheet and viewport; then one batch as large as the delta, timed to the frame that shows it.
 */
export function probeFloor(delta: FloorDelta): Promise<FloorTimes> {
  const w = globalThis as unknown as ProbeGlobals & { document: FloorDocument };
  const source = w.__kubilitics.cy;
  const box = source.container()?.getBoundingClientRect() ?? { width: 0, height: 0 };
  const div = w.document.createElement('div');
  div.style.cssText = `position:fixed;left:0;top:0;width:${box.width}px;height:${box.height}px;z-index:1000`;
  w.document.body.appendChild(div);
  const elements = source.elements().jsons();
  const Core = source.constructor as unknown as new (options: Record<string, unknown>) => Core;
  let longest = 0;
  const observer = new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const wait = (ms: number): Promise<void> => new Promise((resolve) => w.setTimeout(resolve, ms));
  const style = (source.style() as unknown as { json(): unknown }).json();
  const viewport = { zoom: source.zoom(), pan: source.pan() };
  // Built in a task of its own: an observer does not see the task it was created in.
  return wait(0).then(async () => {
    const cy = new Core({ container: div, elements, style, ...viewport, ...(delta.renderer ? { renderer: delta.renderer } : {}) });
    const r = (cy as unknown as { renderer(): { webgl?: boolean; render(o?: { forcedContext?: unknown }): void } }).renderer();
    if (r.webgl === true) {
      // Cytoscape's WebGL mode emits no 'render' (webglRenderer.ts): the frame is timed by the same event all the same.
      const render = r.render.bind(r);
      r.render = (o) => {
        render(o);
        if (o?.forcedContext === undefined) cy.emit('render');
      };
    }
    const nextFrame = (): Promise<number> => new Promise((resolve) => cy.one('render', () => resolve(w.performance.now())));
    await nextFrame();
    await wait(500);
    for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
    observer.disconnect();
    const copies = delta.remove.map((id, i) => {
      const json = cy.getElementById(id).json() as unknown as { data: Record<string, unknown> };
      return { ...json, data: { ...json.data, id: delta.addAs[i] } };
    });
    const start = w.performance.now();
    const drawn = nextFrame();
    cy.batch(() => {
      for (const id of delta.restyle) cy.getElementById(id).data('tone', delta.tone);
      for (const id of delta.remove) cy.getElementById(id).remove();
      cy.add(copies as never);
    });
    const deltaMs = (await drawn) - start;
    cy.destroy();
    div.remove();
    return { firstDrawLongestTaskMs: longest, deltaMs };
  });
}

interface FloorDocument {
  createElement(tag: 'div'): { style: { cssText: string }; remove(): void };
  readonly body: { appendChild(node: unknown): void };
}
