/**
 * A component's edges as ELK sees them, and ELK's routes back as drawable polylines.
 *
 * Edges run from the lower column to the higher (layoutRoles.ts): "StatefulSet governed-by Service" is laid
 * out as Service → StatefulSet so it cannot push the Service right of its workload; an Event's edge always runs
 * from its object to it. Such an edge's id says it
 * was reversed ("r" instead of "e"), and its route is turned back to run from the real source to the target.
 */
import type { Component, Point } from './layoutTypes.js';
import { partitionOf } from './layoutRoles.js';

export interface ElkSection {
  startPoint: Point;
  endPoint: Point;
  bendPoints?: Point[];
}

export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  sections?: ElkSection[];
}

/** Column per node index; undefined for nodes without a role (ELK places them by their edges). */
export function nodePartitions(c: Component): (number | undefined)[] {
  return c.nodes.map((n) => partitionOf(n.kind));
}

export function elkEdges(prefix: string, c: Component, partitions: readonly (number | undefined)[]): ElkEdge[] {
  const index = new Map(c.nodes.map((n, i) => [n.id, i]));
  return c.edges.map((e, i) => {
    const s = index.get(e.source) ?? 0;
    const t = index.get(e.target) ?? 0;
    const ps = partitions[s];
    const pt = partitions[t];
    // An Event is laid out after the object it describes, so it sits to the right of it, not in front of it.
    const reversed = e.type === 'event' || (ps !== undefined && pt !== undefined && ps > pt);
    const [from, to] = reversed ? [t, s] : [s, t];
    return { id: `${prefix}${reversed ? 'r' : 'e'}${i}`, sources: [`${prefix}n${from}`], targets: [`${prefix}n${to}`] };
  });
}

/** The edge index and its route from source to target, or undefined when ELK gave no sections. */
export function routeFromSections(edge: ElkEdge): { index: number; route: Point[] } | undefined {
  const match = /([er])(\d+)$/.exec(edge.id);
  const sections = edge.sections ?? [];
  if (match === null || sections.length === 0) return undefined;
  const points: Point[] = [];
  for (const section of sections) {
    for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
      const last = points[points.length - 1];
      if (last === undefined || last.x !== p.x || last.y !== p.y) points.push({ x: p.x, y: p.y });
    }
  }
  if (match[1] === 'r') points.reverse();
  return { index: Number(match[2]), route: points };
}
