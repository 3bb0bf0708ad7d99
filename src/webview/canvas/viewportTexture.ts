/**
 * While the user pans or zooms a large view, cytoscape can move a snapshot of the picture instead of drawing every
 * node and edge again each frame (its `textureOnViewport`); the full drawing comes back as soon as the gesture pauses.
 * At 5,000 objects a full canvas frame costs several hundred ms (issue 15), a snapshot frame one image copy.
 *
 * Cytoscape (3.34) makes that snapshot by drawing every element again, at twice the canvas resolution where the pixel
 * ratio is 1, in the gesture's first frame: at 5,000 objects that frame took 150-370 ms, so the first wheel notch
 * stalled. The picture on screen is the same drawing, already made: this hands a copy of it to cytoscape as the
 * snapshot, placed at the viewport it was drawn at, and cytoscape moves it as it would its own.
 */
import type { Core } from 'cytoscape';

interface Viewport {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

/** The parts of cytoscape's canvas renderer the snapshot reads and sets (drawing-redraw.mjs). */
interface RendererInternals {
  textureOnViewport: boolean;
  textureCache: unknown;
  textureDrawLastFrame?: boolean;
  readonly pinching?: boolean;
  readonly swipePanning?: boolean;
  readonly hoverData: { readonly dragging?: boolean };
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  readonly NODE: number;
  readonly TEXTURE_BUFFER: number;
  readonly data: {
    readonly wheelZooming?: boolean;
    readonly canvases: readonly HTMLCanvasElement[];
    readonly bufferCanvases: readonly HTMLCanvasElement[];
    readonly bufferContexts: readonly CanvasRenderingContext2D[];
  };
  render(options?: { forcedContext?: unknown }): unknown;
}

function rendererOf(cy: Core): RendererInternals {
  return (cy as unknown as { renderer(): RendererInternals }).renderer();
}

const snapshotting = new WeakSet<RendererInternals>();

export function setViewportTexture(cy: Core, on: boolean): void {
  const r = rendererOf(cy);
  r.textureOnViewport = on;
  if (on && !snapshotting.has(r)) {
    snapshotting.add(r);
    reuseScreenAsSnapshot(cy, r);
  }
}

/** Whether this frame is one cytoscape draws from its snapshot (the same test as its own render). */
function snapshotFrame(r: RendererInternals, options?: { forcedContext?: unknown }): boolean {
  const gesture = r.pinching === true || r.hoverData.dragging === true || r.swipePanning === true || r.data.wheelZooming === true;
  return r.textureOnViewport && options?.forcedContext === undefined && gesture;
}

/** Wraps the renderer's `render`: remembers the viewport of each full frame, and copies that frame as a new snapshot. */
function reuseScreenAsSnapshot(cy: Core, r: RendererInternals): void {
  const render = r.render.bind(r);
  let shown: Viewport | null = null;
  r.render = (options) => {
    if (shown !== null && (r.textureCache ?? null) === null && snapshotFrame(r, options)) r.textureCache = screenCopy(r, shown);
    const result = render(options);
    if (options?.forcedContext === undefined && r.textureDrawLastFrame !== true) shown = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    return result;
  };
}

/** The snapshot cytoscape would make (its textureCache), from the node layer on screen, drawn at `shown`. */
function screenCopy(r: RendererInternals, shown: Viewport): unknown {
  const texture = r.data.bufferCanvases[r.TEXTURE_BUFFER];
  const context = r.data.bufferContexts[r.TEXTURE_BUFFER];
  const screen = r.data.canvases[r.NODE];
  if (texture === undefined || context === undefined || screen === undefined) return null;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, texture.width, texture.height);
  context.drawImage(screen, 0, 0, texture.width, texture.height);
  const mpan = { x: -shown.pan.x / shown.zoom, y: -shown.pan.y / shown.zoom };
  return { texture, viewport: { zoom: shown.zoom, pan: shown.pan, width: r.canvasWidth, height: r.canvasHeight, mpan } };
}
