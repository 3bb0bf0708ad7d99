/** Pure helpers that turn a derived view into layout and placement inputs. */
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import type { Point } from '../../engine/viewModel/layoutTypes';
import type { PlacementContext, PlacementNode } from './placement';

export function placementContext(view: ViewGraph, seeds: ReadonlyMap<string, Point>): PlacementContext {
  const nodes = new Map<string, PlacementNode>(view.nodes.map((n) => [n.id, n]));
  const adjacency = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const list = adjacency.get(a);
    if (list === undefined) adjacency.set(a, [b]);
    else list.push(b);
  };
  for (const e of view.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  return { nodes, neighbours: (id) => adjacency.get(id) ?? [], seeds };
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
