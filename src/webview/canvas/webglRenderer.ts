/**
 * Cytoscape's experimental WebGL mode (3.31+, `renderer: { name: 'canvas', webgl: true }`), tried for large views in
 * issue 15 and not turned on for users. In the benchmark (bench/webview.ts, its `webgl` rows; headless Chromium draws
 * WebGL with SwiftShader, on the CPU) at 5,000 objects its first frame is one task of ~2 s (every label drawn into
 * texture atlases at once, vs ~0.3 s), pan/zoom runs at ~2 fps (vs ~27), and cytoscape's own JavaScript alone takes
 * ~65 ms a frame, which would hold even a fast GPU under the 30 fps target; only a delta's redraw is cheaper. And it
 * draws our visual language wrong where users would see it: dashed and dotted relations solid, `tee` arrows as
 * triangles (cytoscape/cytoscape.js#3305 lists what it supports), no dimming of a search's non-matches drawn from
 * textures (most shapes, and every label), no keyboard focus ring on the shapes it draws itself.
 * bench/webviewShots.ts saves both renderers' pictures side by side. The benchmark and the Chromium tests ask for it
 * through the test harness (webglAskedByTest), so the comparison can be run again as cytoscape's WebGL mode matures.
 *
 * What this adds to cytoscape's WebGL mode, so the comparison is of what we would ship:
 * - a 'render' event after each drawn frame, as the canvas renderer emits (the WebGL mode replaces the method that
 *   emits it, and the benchmark times frames by it);
 * - hit tests by geometry (hitTesting.ts's grid, then cytoscape's own test) instead of reading back an off-screen
 *   picture of element indexes, which redraws everything after each pan or zoom and stalls on `readPixels`;
 * - orthogonal routes (edgeRoutes.ts, `segments` edges) drawn through their bends: the WebGL mode draws any edge of more
 *   than two points as one Bézier curve of all of them, which cuts every corner;
 * - arrowheads blended over the editor's background: it blends them over the container's inline background colour,
 *   white where there is none, so in a dark theme every arrowhead came out pale.
 */
import type { Core } from 'cytoscape';
import type { Rgba } from './resolvedTheme';

/**
 * The `renderer` option of `cytoscape(...)` that turns the WebGL mode on, with cytoscape's default atlas and batch
 * sizes: with 4096 px atlases (fewer textures for a large view's labels) the first frame at 5,000 objects was a task of
 * ~10 s instead of ~2–3 s in a profiled benchmark run, each atlas uploaded whole.
 */
export const WEBGL_RENDERER = { name: 'canvas', webgl: true } as const;

interface TestGlobal {
  /** Set by the test harness before the bundle loads (testHooks.ts): a real webview never has it. */
  readonly __kubiliticsTest?: boolean;
  /** Set with it by the benchmark and tests that compare renderers (test/webview/harness.ts, `renderer`). */
  readonly __kubiliticsRenderer?: unknown;
}

/** Whether the test harness asked for cytoscape's WebGL mode; never in a real webview. */
export function webglAskedByTest(): boolean {
  const g = globalThis as TestGlobal;
  return g.__kubiliticsTest === true && g.__kubiliticsRenderer === 'webgl';
}

/** What webgl2Available needs of a document (typed here so the benchmark, compiled without DOM types, can import this). */
interface CanvasMaker {
  createElement(tag: 'canvas'): {
    getContext(kind: 'webgl2'): { getExtension(name: 'WEBGL_lose_context'): { loseContext(): void } | null } | null;
  };
}

/**
 * Whether this page can create a WebGL2 context (a blocklisted GPU, `--disable-gpu` without SwiftShader, or a lost
 * device cannot). Cytoscape's WebGL mode throws from its constructor without one.
 */
export function webgl2Available(doc: CanvasMaker): boolean {
  try {
    const gl = doc.createElement('canvas').getContext('webgl2');
    if (gl === null) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/** The parts of cytoscape's canvas renderer (3.34) in WebGL mode that this reads and replaces. */
interface WebglInternals {
  readonly webgl?: boolean;
  render(options?: { forcedContext?: unknown }): void;
  findNearestElements?: unknown;
  drawing?: WebglDrawing;
}

interface EdgeInternals {
  readonly _private: { readonly rscratch: { readonly edgeType?: string; readonly allpts?: readonly number[] } };
}

interface WebglDrawing {
  bgColor: readonly number[];
  _isValidEdge(edge: EdgeInternals): boolean;
  _getEdgePoints(edge: EdgeInternals): readonly number[] | undefined;
}

function internals(cy: Core): WebglInternals {
  return (cy as unknown as { renderer(): WebglInternals }).renderer();
}

/** Whether `cy` draws with cytoscape's WebGL mode. */
export function drawsWithWebgl(cy: Core): boolean {
  return internals(cy).webgl === true;
}

/**
 * Adapts a WebGL-mode renderer as the header says. Call before installHitTesting, which then wraps cytoscape's own
 * geometric hit test.
 */
export function adaptWebgl(cy: Core, background: Rgba): void {
  const r = internals(cy);
  const drawing = r.drawing;
  if (r.webgl !== true || drawing === undefined) return;
  const render = r.render.bind(r);
  r.render = (options) => {
    render(options);
    if (options?.forcedContext === undefined) cy.emit('render');
  };
  // An own property, set over the prototype's geometric test.
  delete r.findNearestElements;
  const curve = drawing._getEdgePoints.bind(drawing);
  drawing._getEdgePoints = (edge) => {
    const rs = edge._private.rscratch;
    return rs.edgeType === 'segments' && drawing._isValidEdge(edge) ? rs.allpts : curve(edge);
  };
  setWebglBackground(cy, background);
  // Cytoscape turns the WebGL layer on for every later renderer of the page by setting it on the prototype.
  const prototype = Object.getPrototypeOf(r) as { CANVAS_LAYERS?: number };
  prototype.CANVAS_LAYERS = 3;
}

/** What arrowheads are blended over (the theme's background), after a theme change too. */
export function setWebglBackground(cy: Core, background: Rgba): void {
  const drawing = internals(cy).drawing;
  if (drawing === undefined) return;
  drawing.bgColor = rgbTuple(background.rgb);
  cy.forceRender();
}

/** `#rrggbb` or `rgb(r, g, b)` as cytoscape's [r, g, b] (0–255); black where neither. */
export function rgbTuple(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css);
  if (hex !== null) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
  const rgb = /rgba?\(\s*(\d+)\D+(\d+)\D+(\d+)/.exec(css);
  if (rgb !== null) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}
