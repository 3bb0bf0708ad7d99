/** Spatial keyboard navigation between nodes: pure geometry, no cytoscape. */
import type { Point } from '../../engine/viewModel/layoutTypes';

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Located {
  readonly id: string;
  readonly p: Point;
}

const VECTORS: Readonly<Record<Direction, Point>> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

/**
 * The nearest node in a direction: candidates must lie within 60° of it; distance along the direction
 * counts once and sideways drift twice, so "right" prefers the node straight across over a closer one
 * far below.
 */
export function nearestInDirection(from: Located, candidates: readonly Located[], dir: Direction): string | undefined {
  const v = VECTORS[dir];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c.id === from.id) continue;
    const dx = c.p.x - from.p.x;
    const dy = c.p.y - from.p.y;
    const along = dx * v.x + dy * v.y;
    const across = Math.abs(dx * v.y - dy * v.x);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}

/** Row band height for reading order: nodes whose centres are this close vertically share a row. */
const ROW = 30;

/** Left-to-right, top-to-bottom: the order Tab walks through nodes. */
export function readingOrder(nodes: readonly Located[]): string[] {
  return [...nodes]
    .sort((a, b) => Math.round(a.p.y / ROW) - Math.round(b.p.y / ROW) || a.p.x - b.p.x || (a.id < b.id ? -1 : 1))
    .map((n) => n.id);
}
