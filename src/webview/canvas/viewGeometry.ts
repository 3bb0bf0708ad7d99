/** Pure helpers that turn a derived view into layout and placement inputs. */
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { Point } from '../../engine/viewModel/layoutTypes';

/**
 * Whether `next` lays out differently from `laid`: a node added, removed, resized or moved to another group, or an edge
 * added or removed. A status or label-colour change is not. Views are sorted, so comparing by index is exact.
 */
export function layoutInputChanged(laid: ViewGraph | null, next: ViewGraph): boolean {
  if (laid === null || laid.nodes.length !== next.nodes.length || laid.edges.length !== next.edges.length) return true;
  for (let i = 0; i < next.nodes.length; i++) {
    const a = laid.nodes[i];
    const b = next.nodes[i];
    if (a === undefined || b === undefined) return true;
    if (a.id !== b.id || a.width !== b.width || a.height !== b.height || a.parent !== b.parent || a.kind !== b.kind) return true;
  }
  for (let i = 0; i < next.edges.length; i++) {
    const a = laid.edges[i];
    const b = next.edges[i];
    if (a === undefined || b === undefined || a.id !== b.id || (a.count === undefined) !== (b.count === undefined)) return true;
  }
  return false;
}

/**
 * Where newly shown nodes should start: members coming out of a collapsed node start where it was; a
 * collapsed node starts at the centre of the members it folds.
 */
export function seedsFrom(previous: ViewGraph, next: ViewGraph, positions: ReadonlyMap<string, Point>): Map<string, Point> {
  const seeds = new Map<string, Point>();
  const before = new Set(previous.nodes.map((n) => n.id));
  for (const node of next.nodes) {
    if (before.has(node.id) || positions.has(node.id)) continue;
    const points: Point[] = [];
    for (const member of node.members) {
      const was = previous.representative.get(member);
      const p = was === undefined ? undefined : positions.get(was);
      if (p !== undefined) points.push(p);
    }
    if (points.length === 0) continue;
    seeds.set(node.id, { x: avg(points.map((p) => p.x)), y: avg(points.map((p) => p.y)) });
  }
  return seeds;
}

function avg(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Per layout group, the centre of its nodes' seeds: where a block that opens out of a folded node should appear. */
export function groupAnchors(view: ViewGraph, seeds: ReadonlyMap<string, Point>): Record<string, Point> {
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const node of view.nodes) {
    const seed = seeds.get(node.id);
    if (seed === undefined) continue;
    const key = node.parent ?? '';
    const sum = sums.get(key) ?? { x: 0, y: 0, n: 0 };
    sums.set(key, { x: sum.x + seed.x, y: sum.y + seed.y, n: sum.n + 1 });
  }
  return Object.fromEntries([...sums].map(([key, s]) => [key, { x: s.x / s.n, y: s.y / s.n }]));
}
