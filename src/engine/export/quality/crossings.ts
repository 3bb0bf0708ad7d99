/**
 * Edge crossings: points where the drawn lines of two edges cross. Edges that share a node are not compared: they
 * meet at that node by design, and Graphviz even starts them from one point.
 *
 * A hairball has tens of millions of candidate pairs, so the inner loop reads flat typed arrays and node numbers
 * rather than objects and id strings.
 */
import type { Point } from '../../viewModel/layoutTypes.js';
import type { QualityEdge } from './qualityTypes.js';
import { PARALLEL, boundsOf } from './segments.js';
import { UniformGrid } from './spatialGrid.js';

interface Piece {
  readonly edge: number;
  readonly a: Point;
  readonly b: Point;
}

/** Every straight piece of every edge: its ends (ax, ay, bx, by per piece) and the numbers of its edge's two nodes. */
interface PieceTable {
  readonly count: number;
  readonly ends: Float64Array;
  readonly edge: Int32Array;
  readonly source: Int32Array;
  readonly target: Int32Array;
}

export function countCrossings(edges: readonly QualityEdge[]): number {
  const table = pieceTable(edges);
  const grid = UniformGrid.over(
    boundsOf(
      [],
      piecesOf(edges).flatMap((p) => [p.a, p.b]),
    ),
    table.count,
    1,
  );
  const e = table.ends;
  for (let i = 0; i < table.count; i++) grid.addSegment({ x: e[4 * i]!, y: e[4 * i + 1]! }, { x: e[4 * i + 2]!, y: e[4 * i + 3]! }, i);
  let crossings = 0;
  for (const [cell, items] of grid.occupied()) crossings += crossingsInCell(table, items, grid, cell);
  return crossings;
}

/** Crossings between the pieces in one cell whose crossing point lies in this cell: each crossing is counted once. */
function crossingsInCell(table: PieceTable, items: readonly number[], grid: UniformGrid, cell: number): number {
  const { ends, edge, source, target } = table;
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    const [ax, ay, bx, by] = [ends[4 * p]!, ends[4 * p + 1]!, ends[4 * p + 2]!, ends[4 * p + 3]!];
    const [ps, pt, pe] = [source[p]!, target[p]!, edge[p]!];
    for (let j = i + 1; j < items.length; j++) {
      const q = items[j]!;
      const qs = source[q]!;
      const qt = target[q]!;
      if (edge[q] === pe || qs === ps || qs === pt || qt === ps || qt === pt) continue;
      const cx = ends[4 * q]!;
      const cy = ends[4 * q + 1]!;
      const dx = ends[4 * q + 2]!;
      const dy = ends[4 * q + 3]!;
      // Boxes apart: no crossing (most pairs in a cell end here).
      if (Math.max(cx, dx) < Math.min(ax, bx) || Math.min(cx, dx) > Math.max(ax, bx)) continue;
      if (Math.max(cy, dy) < Math.min(ay, by) || Math.min(cy, dy) > Math.max(ay, by)) continue;
      // segments.ts segmentCrossing, written out: this loop runs tens of millions of times on a hairball.
      const t = crossingParameter(ax, ay, bx - ax, by - ay, cx, cy, dx - cx, dy - cy);
      if (t >= 0 && grid.cellAt(ax + t * (bx - ax), ay + t * (by - ay)) === cell) count++;
    }
  }
  return count;
}

/** Where along a (0 ≤ t < 1) the half-open segments a + t·r and c + u·s cross; -1 when they do not. */
function crossingParameter(ax: number, ay: number, rx: number, ry: number, cx: number, cy: number, sx: number, sy: number): number {
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < PARALLEL) return -1;
  const qx = cx - ax;
  const qy = cy - ay;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  return t < 0 || t >= 1 || u < 0 || u >= 1 ? -1 : t;
}

function pieceTable(edges: readonly QualityEdge[]): PieceTable {
  const pieces = piecesOf(edges);
  const nodeNumbers = new Map<string, number>();
  const numberOf = (id: string): number => {
    let n = nodeNumbers.get(id);
    if (n === undefined) nodeNumbers.set(id, (n = nodeNumbers.size));
    return n;
  };
  const table: PieceTable = {
    count: pieces.length,
    ends: new Float64Array(4 * pieces.length),
    edge: new Int32Array(pieces.length),
    source: new Int32Array(pieces.length),
    target: new Int32Array(pieces.length),
  };
  pieces.forEach((p, i) => {
    table.ends.set([p.a.x, p.a.y, p.b.x, p.b.y], 4 * i);
    table.edge[i] = p.edge;
    table.source[i] = numberOf(edges[p.edge]!.source);
    table.target[i] = numberOf(edges[p.edge]!.target);
  });
  return table;
}

/** The straight pieces of every edge's line, skipping pieces of no length. */
export function piecesOf(edges: readonly QualityEdge[]): Piece[] {
  const pieces: Piece[] = [];
  edges.forEach((e, edge) => {
    for (let k = 1; k < e.points.length; k++) {
      const a = e.points[k - 1]!;
      const b = e.points[k]!;
      if (a.x !== b.x || a.y !== b.y) pieces.push({ edge, a, b });
    }
  });
  return pieces;
}

export function shareNode(e: QualityEdge, f: QualityEdge): boolean {
  return e.source === f.source || e.source === f.target || e.target === f.source || e.target === f.target;
}
