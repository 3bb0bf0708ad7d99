/**
 * Lays out structural components with ELK "layered", one compound per component in a single ELK call
 * (ELK's per-call overhead dominates for the small components clusters are made of).
 *
 * Clusters repeat themselves: every Deployment → ReplicaSet → pods + Service looks alike. Components are
 * keyed by shape (node sizes, widths rounded up, and edges by position), and each distinct shape is laid
 * out once and remembered for the lifetime of the layouter. ELK is deterministic, so a shape's layout
 * is the same whichever component asks first.
 *
 * Nodes sit in role columns (ELK partitions, layoutRoles.ts) and edges are routed orthogonally around node
 * boxes; ELK's routes are kept and drawn, by the view and by every export.
 */
import type { Component, ComponentLayout, LaidOut, LayoutNodeInput, Point } from './layoutTypes.js';
import { elkEdges, nodePartitions, routeFromSections, type ElkEdge } from './elkEdges.js';

/** The part of an ELK instance we use; satisfied by `elkjs` in a worker and in Node. */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

export interface ElkGraph {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkGraph[];
  edges?: ElkEdge[];
  layoutOptions?: Record<string, string>;
}

/** A shape's layout: centres by node index, routes by edge index (source to target) in the component. */
interface ShapeLayout {
  readonly width: number;
  readonly height: number;
  readonly centres: readonly Point[];
  readonly routes: readonly (readonly Point[] | undefined)[];
}

const COMPONENT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.spacing.edgeNode': '12',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Routed around node boxes; the view and the exports draw these routes.
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.partitioning.activate': 'true',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** Widths are rounded up to this step so names of similar length share a shape. */
const WIDTH_STEP = 16;
const MAX_REMEMBERED_SHAPES = 4000;

export class ComponentLayouter implements ComponentLayout {
  private readonly shapes = new Map<string, ShapeLayout>();

  constructor(private readonly elk: ElkLike) {}

  async layout(components: readonly Component[]): Promise<Map<string, LaidOut>> {
    const keyed = components.map((c) => ({ component: c, shape: shapeKey(c) }));
    const pending = new Map<string, Component>();
    for (const { component, shape } of keyed) {
      if (component.nodes.length > 1 && !this.shapes.has(shape) && !pending.has(shape)) pending.set(shape, component);
    }
    if (pending.size > 0) await this.layoutShapes(pending);
    const result = new Map<string, LaidOut>();
    for (const { component, shape } of keyed) {
      const layout = component.nodes.length === 1 ? singleton(component.nodes[0]) : this.shapes.get(shape);
      if (layout === undefined) continue;
      const positions = new Map<string, Point>();
      component.nodes.forEach((n, i) => positions.set(n.id, layout.centres[i] ?? { x: 0, y: 0 }));
      const routes = new Map<string, readonly Point[]>();
      const widths = new Map(component.nodes.map((n) => [n.id, n.width]));
      component.edges.forEach((e, i) => {
        const route = layout.routes[i];
        if (e.id === undefined || route === undefined) return;
        const from = { centre: positions.get(e.source), width: widths.get(e.source) ?? 0 };
        routes.set(e.id, fitEnds(route, from, { centre: positions.get(e.target), width: widths.get(e.target) ?? 0 }));
      });
      result.set(component.key, { key: component.key, width: layout.width, height: layout.height, positions, routes });
    }
    return result;
  }

  private async layoutShapes(pending: ReadonlyMap<string, Component>): Promise<void> {
    const shapes = [...pending.keys()];
    const root: ElkGraph = {
      id: '__root',
      // Components are packed by the caller; ELK only lays out each one's insides.
      layoutOptions: { 'elk.algorithm': 'fixed', 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' },
      children: shapes.map((shape, i) => toElk(`s${i}`, pending.get(shape))),
    };
    const laid = await this.elk.layout(root);
    if (this.shapes.size + shapes.length > MAX_REMEMBERED_SHAPES) this.shapes.clear();
    for (const child of laid.children ?? []) {
      const shape = shapes[Number(child.id.slice(1))];
      if (shape === undefined) continue;
      const centres: Point[] = [];
      for (const n of child.children ?? []) {
        // Child ids end in their node index; do not rely on ELK keeping the input order.
        const i = Number(n.id.slice(n.id.lastIndexOf('n') + 1));
        centres[i] = { x: (n.x ?? 0) + (n.width ?? 0) / 2, y: (n.y ?? 0) + (n.height ?? 0) / 2 };
      }
      const routes: (readonly Point[] | undefined)[] = [];
      for (const e of child.edges ?? []) {
        const routed = routeFromSections(e);
        if (routed !== undefined) routes[routed.index] = routed.route;
      }
      this.shapes.set(shape, { width: child.width ?? 0, height: child.height ?? 0, centres, routes });
    }
  }
}

function singleton(node: LayoutNodeInput | undefined): ShapeLayout | undefined {
  if (node === undefined) return undefined;
  return { width: node.width, height: node.height, centres: [{ x: node.width / 2, y: node.height / 2 }], routes: [] };
}

/**
 * ELK saw widths rounded up (so similar shapes share a layout); a route that leaves or enters a node's side
 * horizontally is pulled in to the node's true side, so no gap shows between line and box.
 */
interface RouteEnd {
  readonly centre: Point | undefined;
  readonly width: number;
}

function fitEnds(route: readonly Point[], from: RouteEnd, to: RouteEnd): Point[] {
  const points = route.map((p) => ({ ...p }));
  const fit = (end: number, next: number, centre: Point | undefined, w: number): void => {
    const p = points[end];
    const q = points[next];
    if (p === undefined || q === undefined || centre === undefined || Math.abs(p.y - q.y) > 0.5) return;
    if (Math.abs(Math.abs(p.x - centre.x) - w / 2) > WIDTH_STEP) return;
    p.x = centre.x + Math.sign(p.x - centre.x) * (w / 2);
  };
  fit(0, 1, from.centre, from.width);
  fit(points.length - 1, points.length - 2, to.centre, to.width);
  return points;
}

function roundedWidth(width: number): number {
  return Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
}

/** Node sizes and columns in order, then edges as index pairs: equal keys mean ELK would produce equal layouts. */
function shapeKey(c: Component): string {
  const index = new Map(c.nodes.map((n, i) => [n.id, i]));
  const partitions = nodePartitions(c);
  const sizes = c.nodes.map((n, i) => `${roundedWidth(n.width)}x${Math.ceil(n.height)}p${partitions[i] ?? ''}`).join(',');
  const edges = c.edges.map((e) => `${index.get(e.source) ?? -1}>${index.get(e.target) ?? -1}`).join(',');
  return `${sizes}|${edges}`;
}

/** Child ids are node indexes so the compound is the same whichever component supplied the shape. */
function toElk(id: string, c: Component | undefined): ElkGraph {
  const nodes = c?.nodes ?? [];
  const partitions = c === undefined ? [] : nodePartitions(c);
  return {
    id,
    layoutOptions: COMPONENT_OPTIONS,
    children: nodes.map((n, i) => {
      const partition = partitions[i];
      const layoutOptions = partition === undefined ? undefined : { 'elk.partitioning.partition': String(partition) };
      return { id: `${id}n${i}`, width: roundedWidth(n.width), height: n.height, ...(layoutOptions ? { layoutOptions } : {}) };
    }),
    edges: c === undefined ? [] : elkEdges(id, c, partitions),
  };
}
