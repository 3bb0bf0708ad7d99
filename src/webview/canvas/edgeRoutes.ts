/**
 * The layout's edge routes (layoutCore.ts) as cytoscape "segments" edges, so the view draws the lines the
 * exports draw. Cytoscape places segment points relative to the line between the two node centres
 * (`edge-distances: node-position`): a weight along it (0 at the source, 1 at the target) and a distance
 * across it (positive to the left of source → target in screen coordinates, y down).
 */
import type { Point } from '../../engine/viewModel/layoutTypes';

/** Edge data fields read by the `edge.routed` style block. */
export interface SegmentData {
  readonly segWeights: string;
  readonly segDistances: string;
}

/** Nodes closer than this have no usable line to measure along; such an edge is drawn straight. */
const MIN_SPAN = 1;

/**
 * Weights and distances of the route's bends, or undefined when the route has no bend (a straight line
 * needs none) or its ends sit on top of each other. The route's ends are not passed: cytoscape stops
 * drawing an edge whose segment point lies on or inside its node's shape.
 */
export function segmentData(route: readonly Point[], source: Point, target: Point): SegmentData | undefined {
  const bends = route.slice(1, -1);
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const span = Math.hypot(dx, dy);
  if (bends.length === 0 || span < MIN_SPAN) return undefined;
  const ux = dx / span;
  const uy = dy / span;
  const weights: string[] = [];
  const distances: string[] = [];
  for (const p of bends) {
    const px = p.x - source.x;
    const py = p.y - source.y;
    weights.push(round((px * ux + py * uy) / span, 4));
    // Cytoscape's normal is (-uy, ux).
    distances.push(round(-px * uy + py * ux, 2));
  }
  return { segWeights: weights.join(' '), segDistances: distances.join(' ') };
}

function round(n: number, places: number): string {
  const f = 10 ** places;
  return String(Math.round(n * f) / f);
}

/** Routes as the layout gave them, moved with the nodes they were laid out with. */
export class RouteBook {
  private readonly routes = new Map<string, readonly Point[]>();
  private readonly crossCutting = new Set<string>();

  clear(): void {
    this.routes.clear();
    this.crossCutting.clear();
  }

  add(routes: Readonly<Record<string, readonly Point[]>>, crossCutting: readonly string[], offset: Point): void {
    for (const id of crossCutting) this.crossCutting.add(id);
    for (const [id, route] of Object.entries(routes))
      this.routes.set(
        id,
        route.map((p) => ({ x: p.x + offset.x, y: p.y + offset.y })),
      );
  }

  /**
   * Takes an incremental layout's answer: routes of edges at the nodes it moved are dropped, its routes replace the
   * ones they differ from (an unchanged route keeps its object, so its edge is not redrawn), and which edges are
   * cross-cutting comes wholly from it (it covers the whole view).
   */
  replace(
    moved: ReadonlySet<string>,
    edges: readonly { id: string; source: string; target: string }[],
    routes: Readonly<Record<string, readonly Point[]>>,
    crossCutting: readonly string[],
  ): void {
    this.forget(moved, edges);
    this.crossCutting.clear();
    for (const id of crossCutting) this.crossCutting.add(id);
    for (const [id, route] of Object.entries(routes)) {
      const was = this.routes.get(id);
      if (was === undefined || !samePoints(was, route)) this.routes.set(id, route);
    }
  }

  /** A moved node's edges lose their routes (they no longer fit) and are drawn straight until the next layout. */
  forget(nodeIds: ReadonlySet<string>, edges: readonly { id: string; source: string; target: string }[]): void {
    for (const e of edges) if (nodeIds.has(e.source) || nodeIds.has(e.target)) this.routes.delete(e.id);
  }

  route(edgeId: string): readonly Point[] | undefined {
    return this.routes.get(edgeId);
  }

  /** Every route still valid, by edge id (for exports of what the view shows). */
  allRoutes(): Record<string, readonly Point[]> {
    return Object.fromEntries(this.routes);
  }

  isCrossCutting(edgeId: string): boolean {
    return this.crossCutting.has(edgeId);
  }

  crossCuttingIds(): string[] {
    return [...this.crossCutting].sort();
  }
}

function samePoints(a: readonly Point[], b: readonly Point[]): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i]?.x && p.y === b[i]?.y);
}
