/** What the export commands take from the canvas: a PNG of the whole picture, and the positions an export redraws. */
import type { Core } from 'cytoscape';
import { CHROME } from '../../engine/visual/theme';
import type { ViewPositionNode, ViewPositions } from '../../engine/export/viewPositions';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { DEFAULT_ASPECT } from '../../engine/viewModel/viewLayout';
import type { RouteBook } from './edgeRoutes';
import type { ResolvedTheme } from './resolvedTheme';

/** The whole picture (not only what is in view) on the editor's background, at 1×–4× scale, as a data URI. */
export function canvasPng(cy: Core, theme: ResolvedTheme, scale: number): string {
  const bg = theme.color(CHROME.background);
  return cy.png({ full: true, scale: Math.min(4, Math.max(1, scale)), bg: bg.rgb, output: 'base64uri' });
}

/** The canvas's width over its height, or the default where it has no size yet. */
export function canvasAspect(cy: Core): number {
  const aspect = cy.width() / Math.max(1, cy.height());
  return Number.isFinite(aspect) && aspect > 0 ? aspect : DEFAULT_ASPECT;
}

/** Node positions and sizes, the canvas aspect and the view options: what an export needs to draw this view. */
export function positionsJson(cy: Core, view: ViewOptions, routes: RouteBook): string {
  const nodes: ViewPositionNode[] = [];
  cy.nodes().forEach((n) => {
    if (!n.hasClass('group')) nodes.push({ id: n.id(), ...n.position(), width: n.width(), height: n.height() });
  });
  const payload: ViewPositions = {
    version: 1,
    aspect: canvasAspect(cy),
    view,
    nodes,
    edges: cy.edges().map((e) => e.id()),
    routes: routes.allRoutes(),
    crossCutting: routes.crossCuttingIds(),
  };
  return JSON.stringify(payload);
}
