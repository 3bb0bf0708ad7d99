/** Where the canvas looks: fitting, restoring a saved viewport, and bringing nodes into view. */
import type { Core, NodeSingular } from 'cytoscape';
import { NODE_METRICS } from '../../engine/visual/nodeGeometry';
import type { Viewport } from '../uiState';
import { fitViewport } from './fitViewport';

const FIT_PADDING = 30;

interface Fitted {
  readonly viewport: Viewport;
  readonly ids: readonly string[] | undefined;
}

/** The viewport each canvas's last fit set, and what it fitted (undefined: everything). */
const lastFits = new WeakMap<Core, Fitted>();

/** The current zoom and pan, copied (cytoscape hands out its own pan object). */
export function currentViewport(cy: Core): Viewport {
  return { zoom: cy.zoom(), pan: { ...cy.pan() } };
}

/**
 * Shows every element, or `ids`, as large as fits, but a small diagram never below readable text (fitViewport.ts).
 * `objects` is how many objects the view holds.
 */
export function fitCanvas(cy: Core, objects: number, ids?: readonly string[]): void {
  let targets = cy.collection();
  if (ids === undefined) targets = cy.elements();
  else for (const id of ids) targets = targets.union(cy.getElementById(id));
  if (targets.empty()) return;
  const viewport = fitViewport({
    bounds: targets.boundingBox({}),
    width: cy.width(),
    height: cy.height(),
    padding: FIT_PADDING,
    objects,
    labelFontSize: NODE_METRICS.fontSize,
  });
  cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
  lastFits.set(cy, { viewport: currentViewport(cy), ids });
}

/** What the last fit showed (undefined: everything), while the viewport is still the one it set; else null. */
export function stillFitted(cy: Core): { readonly ids: readonly string[] | undefined } | null {
  const fitted = lastFits.get(cy);
  if (fitted === undefined) return null;
  const { zoom, pan } = fitted.viewport;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  return close(cy.zoom(), zoom) && close(cy.pan().x, pan.x) && close(cy.pan().y, pan.y) ? { ids: fitted.ids } : null;
}

/** A saved viewport, or a fit of the whole view where there is none. */
export function restoreViewport(cy: Core, viewport: Viewport | null, objects: number): void {
  if (viewport === null) fitCanvas(cy, objects);
  else cy.viewport({ zoom: viewport.zoom, pan: { ...viewport.pan } });
}

/** Centres `node` at a readable zoom, interrupting any viewport animation under way. */
export function centreOn(cy: Core, node: NodeSingular): void {
  cy.stop(true, false);
  cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 250 });
}

/**
 * Brings a block that just appeared into view: the reader opened it and should see it. Left alone when it is in view
 * already; never zoomed in past the current zoom or 100 % for a small block, which a plain fit would fill the screen with.
 */
export function showNodes(cy: Core, ids: ReadonlySet<string>): void {
  const shown = cy.nodes().filter((n) => ids.has(n.id()));
  if (shown.empty()) return;
  const box = shown.boundingBox({});
  const view = cy.extent();
  if (box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2) return;
  const padding = 40;
  const fitZoom = Math.min((cy.width() - 2 * padding) / Math.max(box.w, 1), (cy.height() - 2 * padding) / Math.max(box.h, 1));
  const zoom = Math.min(fitZoom, Math.max(cy.zoom(), 1));
  cy.stop(true, false);
  cy.animate({ center: { eles: shown }, zoom }, { duration: 250 });
}

/** Whether any drawn node is at least partly on screen. */
export function showsContent(cy: Core): boolean {
  const { x1, y1, x2, y2 } = cy.extent();
  return cy.nodes().some((n) => {
    const b = n.boundingBox({});
    return b.x1 < x2 && b.x2 > x1 && b.y1 < y2 && b.y2 > y1;
  });
}
