/**
 * Positions, routes and viewport per "layout context" (grouping + focus), so leaving focus mode returns to the picture
 * the user left, and how a layout answer or a drag changes them. Pure: no cytoscape here.
 */
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { LayoutPatch } from '../../engine/viewModel/incrementalLayout';
import type { Point } from '../../engine/viewModel/layoutTypes';
import type { Viewport } from '../uiState';
import { RouteBook } from './edgeRoutes';

export interface ContextState {
  readonly positions: Map<string, Point>;
  /** The layout's edge routes for these positions; an edge whose end moved has none. */
  readonly routes: RouteBook;
  /** Where the user dropped nodes they dragged: layouts leave them there until Re-layout (`unpinAll`). */
  readonly pinned: Map<string, Point>;
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
      state = { positions: new Map(), routes: new RouteBook(), pinned: new Map(), viewport: null, applied: 0, laid: null };
      this.contexts.set(this.current, state);
    }
    return state;
  }
}

/**
 * Takes a layout answer into `state`: a full one replaces every position and route, an update only what it moved.
 * A node the user dropped somewhere keeps that place whatever the layout says (the layout does not know it was moved:
 * the worker lays out the view, not the canvas), and its edges are drawn straight, as after the drop.
 */
export function applyPatch(state: ContextState, patch: LayoutPatch, view: ViewGraph): void {
  const { positions, routes, pinned } = state;
  if (patch.full) {
    positions.clear();
    routes.clear();
  }
  const moved = new Set<string>();
  const held = new Set<string>();
  for (const [id, laid] of Object.entries(patch.positions)) {
    const p = pinned.get(id) ?? laid;
    if (p !== laid) held.add(id);
    const was = positions.get(id);
    // The same point object for a node that did not move: the canvas then leaves it and its edges alone.
    if (was !== undefined && was.x === p.x && was.y === p.y) continue;
    positions.set(id, p);
    moved.add(id);
  }
  routes.replace(moved, view.edges, patch.routes, patch.crossCutting);
  // The answer's routes at a held node lead to where the layout wanted it, not to where it stands.
  if (held.size > 0) routes.forget(held, view.edges);
}

/** A node the user dropped somewhere, with its descendants; groups have no position of their own. */
export interface DroppedNode {
  readonly id: string;
  readonly position: Point;
  readonly group: boolean;
}

/**
 * Keeps where the user dropped nodes, also through later layouts (they are pinned there); their edges lose their
 * routes and are drawn straight.
 */
export function recordDrop(state: ContextState, dropped: readonly DroppedNode[], view: ViewGraph): void {
  const ids = new Set<string>();
  for (const n of dropped) {
    if (!n.group) {
      const at = { ...n.position };
      state.positions.set(n.id, at);
      state.pinned.set(n.id, at);
    }
    ids.add(n.id);
  }
  state.routes.forget(ids, view.edges);
}

/** Re-layout: dragged nodes go back to wherever the next layout puts them. */
export function unpinAll(state: ContextState): void {
  state.pinned.clear();
}
