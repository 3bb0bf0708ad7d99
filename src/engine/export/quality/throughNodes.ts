/**
 * Edges through unrelated nodes: an edge whose drawn line enters the box of a node that is neither its source nor
 * its target reads as if it connected that node too. Counted per edge (an edge through three boxes counts once).
 */
import type { QualityEdge, QualityNode } from './qualityTypes.js';
import { boundsOf, segmentEntersBox } from './segments.js';
import { UniformGrid } from './spatialGrid.js';

/**
 * How deep, in pixels, a line must run inside a box to count: a line along an outline, or one clipped a rounding
 * error short of its own target's neighbour, is not through it.
 */
export const BOX_INSET = 1;

export function edgesThroughNodes(nodes: readonly QualityNode[], edges: readonly QualityEdge[]): number {
  return throughEdgeIds(nodes, edges).length;
}

/** The ids of the edges that pass through an unrelated node, in edge order. */
export function throughEdgeIds(nodes: readonly QualityNode[], edges: readonly QualityEdge[]): string[] {
  const meanSide = nodes.reduce((sum, n) => sum + Math.max(n.box.width, n.box.height), 0) / Math.max(1, nodes.length);
  const grid = UniformGrid.over(boundsOf(nodes.map((n) => n.box)), nodes.length, Math.max(1, meanSide));
  nodes.forEach((n, i) => grid.addBox(n.box, i));
  const seen = new PieceStamps(nodes.length);
  return edges.filter((e) => passesThroughNode(e, nodes, grid, seen)).map((e) => e.id);
}

/** Which nodes the current piece of line has already been tested against, when a node spans several cells. */
class PieceStamps {
  private readonly stamps: Int32Array;
  private current = 0;

  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }

  nextPiece(): void {
    this.current++;
  }

  /** True the first time a node is met on the current piece. */
  firstMeeting(node: number): boolean {
    if (this.stamps[node] === this.current) return false;
    this.stamps[node] = this.current;
    return true;
  }
}

function passesThroughNode(e: QualityEdge, nodes: readonly QualityNode[], grid: UniformGrid, seen: PieceStamps): boolean {
  for (let k = 1; k < e.points.length; k++) {
    const a = e.points[k - 1]!;
    const b = e.points[k]!;
    let hit = false;
    seen.nextPiece();
    grid.forEachCellOnSegment(a, b, (cell) => {
      for (const i of grid.itemsIn(cell)) {
        if (!seen.firstMeeting(i)) continue;
        const n = nodes[i]!;
        if (n.id !== e.source && n.id !== e.target && segmentEntersBox(a, b, n.box, BOX_INSET)) return (hit = true);
      }
      return false;
    });
    if (hit) return true;
  }
  return false;
}
