/**
 * Positions, routes and viewport per "layout context" (grouping + focus), so leaving focus mode returns to the picture
 * the user left, and how a layout answer or a drag changes them. Pure: no cytoscape here.
 */
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import type { LayoutPatch } from '../../engine/viewModel/incrementalLayout';
import type { Point } from '../../engine/viewModel/layoutTypes';
import type { Viewport } from '../uiState';
import { RouteBook } from './edgeRoutes';

export interface ContextState {
  readonly positions: Map<string, Point>;
  /** The layout's edge routes for these positions; an edge whose end moved has none. */
  readonly routes: RouteBook;
  viewport: Viewport | null;
  /** The last layout answer applied here (layoutSessions.ts), and the view it was laid out for. */
  applied: number;
  laid: ViewGraph | null;
}

/** Every context's state, created on first use; one of them is current. */
export class LayoutContexts {
  private current = '';
  private readonly contexts = new Map<string, ContextState>();

  get name(): string {
    return this.current;
  }

  switchTo(context: string): void {
    this.current = context;
  }

  state(): ContextState {
    let state = this.contexts.get(this.current);
    if (state === undefined) {
      state = { positions: new Map(), routes: new RouteBook(), viewport: null, applied: 0, laid: null };
      this.contexts.set(this.current, state);
    }
    return state;
  }
}

/** Takes a layout answer into `state`: a full one replaces every position and route, an update only what it moved. */
export function applyPatch(state: ContextState, patch: LayoutPatch, view: ViewGraph): void {
  const { positions, routes } = state;
  if (patch.full) {
    positions.clear();
    routes.clear();
  }
  const moved = new Set<string>();
  for (const [id, p] of Object.entries(patch.positions)) {
    const was = positions.get(id);
    // The same point object for a node that did not move: the canvas then leaves it and its edges alone.
    if (was !== undefined && was.x === p.x && was.y === p.y) continue;
    positions.set(id, p);
    moved.add(id);
  }
  routes.replace(moved, view.edges, patch.routes, patch.crossCutting);
}

/** A node the user dropped somewhere, with its descendants; groups have no position of their own. */
export interface DroppedNode {
  readonly id: string;
  readonly position: Point;
  readonly group: boolean;
}

/** Keeps where the user dropped nodes; their edges lose their routes and are drawn straight. */
export function recordDrop(state: ContextState, dropped: readonly DroppedNode[], view: ViewGraph): void {
  const ids = new Set<string>();
  for (const n of dropped) {
    if (!n.group) state.positions.set(n.id, { ...n.position });
    ids.add(n.id);
  }
  state.routes.forget(ids, view.edges);
}
