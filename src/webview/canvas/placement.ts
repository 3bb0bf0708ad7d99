/**
 * Incremental placement: puts nodes that appeared since the last layout next to what they connect to,
 * without moving anything already on screen (the reader's mental map survives live updates). Nodes with
 * nothing placed nearby are returned for a proper layout in the worker.
 */
import type { Point } from '../../engine/viewModel/layoutTypes';
import { SPACING } from '../../engine/viewModel/layoutCore';

export interface PlacementNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Namespace group id, or undefined outside any group. */
  readonly parent?: string;
}

export interface PlacementContext {
  /** Every node currently drawn, placed or not, by id. */
  readonly nodes: ReadonlyMap<string, PlacementNode>;
  readonly neighbours: (id: string) => readonly string[];
  /** Where a node should appear first, e.g. where the collapsed node it came out of was. */
  readonly seeds: ReadonlyMap<string, Point>;
}

const GAP_X = 24;
const GAP_Y = 16;
const SEARCH_RADIUS = 10;
const CELL = 128;

interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Uniform-grid spatial hash of occupied rectangles, for O(1) overlap checks. */
class Occupancy {
  private readonly cells = new Map<string, Rect[]>();

  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const list = this.cells.get(key);
      if (list === undefined) this.cells.set(key, [r]);
      else list.push(r);
    }
  }

  overlaps(r: Rect): boolean {
    for (const key of this.keys(r)) {
      for (const o of this.cells.get(key) ?? []) {
        if (r.x1 < o.x2 && o.x1 < r.x2 && r.y1 < o.y2 && o.y1 < r.y2) return true;
      }
    }
    return false;
  }

  private *keys(r: Rect): Generator<string> {
    for (let cx = Math.floor(r.x1 / CELL); cx <= Math.floor(r.x2 / CELL); cx++) {
      for (let cy = Math.floor(r.y1 / CELL); cy <= Math.floor(r.y2 / CELL); cy++) yield `${cx},${cy}`;
    }
  }
}

function rectAt(p: Point, n: PlacementNode): Rect {
  const hw = n.width / 2 + GAP_X / 2;
  const hh = n.height / 2 + GAP_Y / 2;
  return { x1: p.x - hw, y1: p.y - hh, x2: p.x + hw, y2: p.y + hh };
}

/**
 * Grid offsets nearest first. Vertical steps are cheaper than horizontal ones, downwards first: siblings
 * in a layered layout stack in a column (pods under their ReplicaSet), so newcomers should too.
 */
const OFFSETS: readonly (readonly [number, number])[] = (() => {
  const list: [number, number][] = [];
  for (let i = -SEARCH_RADIUS; i <= SEARCH_RADIUS; i++) {
    for (let j = -SEARCH_RADIUS; j <= SEARCH_RADIUS; j++) list.push([i, j]);
  }
  const cost = ([i, j]: readonly [number, number]): number => Math.hypot(1.6 * i, j) - (j > 0 ? 0.2 : 0) - (i > 0 ? 0.1 : 0);
  return list.sort((a, b) => cost(a) - cost(b));
})();

/** Room a group box takes around its members: the canvas padding plus the label above. */
const GROUP_MARGIN = { side: SPACING.groupPadding + GAP_X, top: SPACING.groupPadding + SPACING.groupLabel + GAP_Y };

function union(a: Rect | undefined, b: Rect): Rect {
  if (a === undefined) return b;
  return { x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1), x2: Math.max(a.x2, b.x2), y2: Math.max(a.y2, b.y2) };
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Occupied space: node boxes, plus each group's box so a newcomer never lands in another namespace. */
class Placer {
  private readonly occupied = new Occupancy();
  readonly groups = new Map<string, Rect>();

  constructor(private readonly ctx: PlacementContext) {}

  note(id: string, p: Point): void {
    const node = this.ctx.nodes.get(id);
    if (node === undefined) return;
    const r = rectAt(p, node);
    this.occupied.add(r);
    const key = node.parent ?? '';
    this.groups.set(key, union(this.groups.get(key), r));
  }

  findFree(anchor: Point, node: PlacementNode): Point {
    for (const [i, j] of OFFSETS) {
      const p = { x: anchor.x + i * (node.width + GAP_X), y: anchor.y + j * (node.height + GAP_Y) };
      const r = rectAt(p, node);
      if (!this.occupied.overlaps(r) && !this.inForeignGroup(r, node.parent ?? '')) return p;
    }
    return anchor;
  }

  private inForeignGroup(r: Rect, own: string): boolean {
    const grown = { x1: r.x1 - GROUP_MARGIN.side, y1: r.y1 - GROUP_MARGIN.top, x2: r.x2 + GROUP_MARGIN.side, y2: r.y2 + GROUP_MARGIN.side };
    for (const [key, box] of this.groups) {
      // Ungrouped nodes ('' when grouping is off) have no box to keep out of.
      if (key !== own && key !== '' && intersects(grown, box)) return true;
    }
    return false;
  }
}

/**
 * Places `pending` nodes (sorted by id for determinism) and writes them into `positions`.
 * Returns the ids that had no anchor: no seed, no placed neighbour, no placed group-mate.
 */
export function placeIncrementally(pending: readonly string[], positions: Map<string, Point>, ctx: PlacementContext): string[] {
  const placer = new Placer(ctx);
  for (const [id, p] of positions) if (ctx.nodes.has(id)) placer.note(id, p);
  let remaining = [...pending].sort();
  for (let progress = true; progress && remaining.length > 0;) {
    progress = false;
    const next: string[] = [];
    for (const id of remaining) {
      const node = ctx.nodes.get(id);
      const anchor = node === undefined ? undefined : anchorFor(node, positions, ctx, placer.groups);
      if (node === undefined || anchor === undefined) {
        next.push(id);
        continue;
      }
      const p = placer.findFree(anchor, node);
      positions.set(id, p);
      placer.note(id, p);
      progress = true;
    }
    remaining = next;
  }
  return remaining;
}
function anchorFor(
  node: PlacementNode,
  positions: ReadonlyMap<string, Point>,
  ctx: PlacementContext,
  groups: ReadonlyMap<string, Rect>,
): Point | undefined {
  const seed = ctx.seeds.get(node.id);
  if (seed !== undefined) return seed;
  let x = 0;
  let y = 0;
  let count = 0;
  for (const other of ctx.neighbours(node.id)) {
    const p = positions.get(other);
    // Only neighbours in the same group: a point in another namespace's box would stretch both boxes.
    if (p === undefined || ctx.nodes.get(other)?.parent !== node.parent) continue;
    x += p.x;
    y += p.y;
    count++;
  }
  if (count > 0) return { x: x / count, y: y / count };
  const box = groups.get(node.parent ?? '');
  return box === undefined ? undefined : { x: box.x1 + node.width / 2 + GAP_X / 2, y: box.y2 + node.height / 2 + GAP_Y };
}
