/**
 * Cytoscape's WebGL renderer (3.34, `renderer: { webgl: true }`) for large views: the canvas renderer redraws every
 * node and label with the 2D API on each frame (1–2 s at 5,000 objects, issue 15), where WebGL draws the same picture
 * from cached textures and instanced shapes. Two things its preview gets wrong for us are put right here, on the
 * instance's own drawing object (cytoscape internals: re-check on any cytoscape upgrade, test/webview covers both):
 * - `segments` edges (our orthogonal layout routes) would be drawn as one Bézier curve through all their corner
 *   points; they are polylines, drawn corner to corner as the canvas renderer and the exports draw them.
 * - labels ignore `min-zoomed-font-size`: far out, every label would still be drawn as a smear of tiny text.
 * Where WebGL 2 is unavailable (a remote desktop, a blocked GPU), the view keeps the canvas renderer.
 */
import type { Core } from 'cytoscape';

/** Whether this page can create a WebGL 2 context, which cytoscape's WebGL renderer needs. */
export function webglAvailable(doc: Document): boolean {
  try {
    const probe = doc.createElement('canvas');
    const gl = probe.getContext('webgl2');
    if (gl === null) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/** The renderer options cytoscape takes: WebGL where the page supports it, else its canvas renderer. */
export function rendererOptions(webgl: boolean): Record<string, unknown> {
  return webgl ? { name: 'canvas', webgl: true } : { name: 'canvas' };
}

/** "#rrggbb" or "rgb(r, g, b)" (theme.ts's forms) as the 0–255 triple the WebGL renderer blends arrows with. */
export function rgbTriple(css: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex !== null) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
  const fn = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(css);
  return fn === null ? undefined : [Number(fn[1]), Number(fn[2]), Number(fn[3])];
}

interface EdgeScratch {
  readonly edgeType?: string;
  readonly allpts?: readonly number[];
}

interface ScratchElement {
  readonly _private: { readonly rscratch: EdgeScratch };
  pstyle(name: string): { readonly pfValue: number; readonly value: unknown };
}

interface LabelOptions {
  isVisible?: (ele: ScratchElement) => unknown;
}

interface WebglDrawing {
  bgColor: readonly number[];
  _getEdgePoints(edge: ScratchElement): readonly number[] | undefined;
  readonly atlasManager: { getRenderTypeOpts(type: string): LabelOptions | undefined };
}

type RenderFrame = (options?: unknown) => void;
type FindNearest = (x: number, y: number, interactiveOnly: boolean, touch: boolean) => unknown;

interface RendererInternals {
  readonly drawing?: WebglDrawing;
  render: RenderFrame;
  findNearestElements: FindNearest;
  readonly data: { readonly contexts: readonly unknown[] };
  readonly WEBGL: number;
}

/** A `segments` edge's own corner points (what the canvas renderer draws), or the original's answer otherwise. */
export function polylinePoints(edge: ScratchElement, original: (edge: ScratchElement) => readonly number[] | undefined) {
  const scratch = edge._private.rscratch;
  if (scratch.edgeType === 'segments' && scratch.allpts !== undefined && !Number.isNaN(scratch.allpts[0])) return scratch.allpts;
  return original(edge);
}

/** Whether a node label is large enough on screen to draw, as the canvas renderer decides with min-zoomed-font-size. */
export function labelReadable(ele: ScratchElement, zoom: number): boolean {
  const minimum = ele.pstyle('min-zoomed-font-size').pfValue;
  return minimum <= 0 || ele.pstyle('font-size').pfValue * zoom >= minimum;
}

function rendererOf(cy: Core): RendererInternals {
  return (cy as unknown as { renderer(): RendererInternals }).renderer();
}

function drawingOf(cy: Core): WebglDrawing | undefined {
  return rendererOf(cy).drawing;
}

/**
 * Draws each frame with WebGL while `webglFrame()` says so, else with the canvas renderer, which draws what WebGL
 * cannot (dashed and dotted lines, tee arrows) and, zoomed in, only what is on screen. Cytoscape's own WebGL renderer
 * switches the same way above zoom 8 (its render override); this moves that switch to a condition of ours.
 */
export function chooseRendererPerFrame(cy: Core, webglFrame: () => boolean): void {
  const r = rendererOf(cy);
  if (r.drawing === undefined) return;
  const webgl = r.render;
  const canvas = (Object.getPrototypeOf(r) as RendererInternals).render;
  const gl = r.data.contexts[r.WEBGL] as WebGL2RenderingContext;
  let drewWebgl = true;
  r.render = (options) => {
    if (webglFrame()) {
      drewWebgl = true;
      webgl.call(r, options);
      // The canvas renderer announces each drawn frame; the WebGL one does not, and the view's probes listen for it.
      cy.emit('render');
      return;
    }
    if (drewWebgl) gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    drewWebgl = false;
    canvas.call(r, options);
  };
  // What is under the pointer: WebGL's picking draws the whole graph again into a buffer and reads it back, worth it
  // only where WebGL draws; the canvas renderer's geometric search is exact, and cheap on what a close look shows.
  const pickWebgl = r.findNearestElements;
  const pickCanvas = (Object.getPrototypeOf(r) as RendererInternals).findNearestElements;
  r.findNearestElements = (x, y, interactiveOnly, touch) => (webglFrame() ? pickWebgl : pickCanvas).call(r, x, y, interactiveOnly, touch);
}

/**
 * Arrow heads are drawn opaque, blended over this colour (mimicking the canvas renderer's cut-out); cytoscape reads it
 * once from the container's inline style, white by default, which would pale every arrow on a dark theme.
 */
export function setWebglBackground(cy: Core, css: string): void {
  const drawing = drawingOf(cy);
  const rgb = rgbTriple(css);
  if (drawing !== undefined && rgb !== undefined) drawing.bgColor = rgb;
}

/** Applies the two corrections above to a WebGL renderer; does nothing on the canvas renderer. */
export function correctWebglRenderer(cy: Core): void {
  const drawing = drawingOf(cy);
  if (drawing === undefined) return;
  const original = drawing._getEdgePoints.bind(drawing);
  drawing._getEdgePoints = (edge) => polylinePoints(edge, original);
  const label = drawing.atlasManager.getRenderTypeOpts('label');
  if (label === undefined) return;
  const visible = label.isVisible;
  label.isVisible = (ele) => labelReadable(ele, cy.zoom()) && (visible === undefined || visible(ele));
}

/** Below this zoom a large view is drawn with WebGL: node labels (11 px, min-zoomed-font-size 6) are not drawn yet. */
export const WEBGL_BELOW_ZOOM = 0.5;

/**
 * Sets up a WebGL-capable instance: the corrections, WebGL frames only for a large view (`large()`) zoomed out below
 * WEBGL_BELOW_ZOOM (a small view or a close look keeps the canvas renderer's exact drawing), and the theme background.
 */
export function installWebgl(cy: Core, large: () => boolean, background: string): void {
  correctWebglRenderer(cy);
  chooseRendererPerFrame(cy, () => large() && cy.zoom() < WEBGL_BELOW_ZOOM);
  setWebglBackground(cy, background);
}
