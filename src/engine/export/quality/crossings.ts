/**
 * Edge crossings: points where the drawn lines of two edges cross. Edges that share a node are not compared: they
 * meet at that node by design, and Graphviz even starts them from one point.
 */
import type { Point } from '../../viewModel/layoutTypes.js';
import type { QualityEdge } from './qualityTypes.js';
import { boundsOf, segmentCrossing } from './segments.js';
import { UniformGrid } from './spatialGrid.js';

interface Piece {
  readonly edge: number;
  readonly a: Point;
  readonly b: Point;
}

export function countCrossings(edges: readonly QualityEdge[]): number {
  const pieces = piecesOf(edges);
  const grid = UniformGrid.over(
    boundsOf(
      [],
      pieces.flatMap((p) => [p.a, p.b]),
    ),
    pieces.length,
    1,
  );
  pieces.forEach((p, i) => grid.addSegment(p.a, p.b, i));
  let crossings = 0;
  for (const [cell, items] of grid.occupied()) {
    for (let i = 0; i < items.length; i++) {
      const p = pieces[items[i]!]!;
      for (let j = i + 1; j < items.length; j++) {
        const q = pieces[items[j]!]!;
        if (p.edge === q.edge || shareNode(edges[p.edge]!, edges[q.edge]!)) continue;
        const at = segmentCrossing(p.a, p.b, q.a, q.b);
        // Counted in the one cell that holds the crossing, though both pieces may share several cells.
        if (at !== undefined && grid.cellAt(at.x, at.y) === cell) crossings++;
      }
    }
  }
  return crossings;
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
