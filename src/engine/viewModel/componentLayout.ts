/**
 * Lays out structural components with ELK "layered", one compound per component in a single ELK call
 * (ELK's per-call overhead dominates for the small components clusters are made of).
 *
 * Clusters repeat themselves: every Deployment → ReplicaSet → pods + Service looks alike. Components are
 * keyed by shape (node sizes, widths rounded up, and edges by position), and each distinct shape is laid
 * out once and remembered for the lifetime of the layouter. ELK is deterministic, so a shape's layout
 * is the same whichever component asks first.
 */
import type { Component, ComponentLayout, LaidOut, LayoutNodeInput, Point } from './layoutTypes.js';

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
  edges?: { id: string; sources: string[]; targets: string[] }[];
  layoutOptions?: Record<string, string>;
}

/** A shape's layout: centres by node index in the component. */
interface ShapeLayout {
  readonly width: number;
  readonly height: number;
  readonly centres: readonly Point[];
}

const COMPONENT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Edge routes are discarded (the canvas draws its own edges), so the cheapest router will do.
  'elk.edgeRouting': 'POLYLINE',
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
      result.set(component.key, { key: component.key, width: layout.width, height: layout.height, positions });
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
      this.shapes.set(shape, { width: child.width ?? 0, height: child.height ?? 0, centres });
    }
  }
}

function singleton(node: LayoutNodeInput | undefined): ShapeLayout | undefined {
  if (node === undefined) return undefined;
  return { width: node.width, height: node.height, centres: [{ x: node.width / 2, y: node.height / 2 }] };
}

function roundedWidth(width: number): number {
  return Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
}

/** Node sizes in order, then edges as index pairs: equal keys mean ELK would produce equal layouts. */
function shapeKey(c: Component): string {
  const index = new Map(c.nodes.map((n, i) => [n.id, i]));
  const sizes = c.nodes.map((n) => `${roundedWidth(n.width)}x${Math.ceil(n.height)}`).join(',');
  const edges = c.edges.map((e) => `${index.get(e.source) ?? -1}>${index.get(e.target) ?? -1}`).join(',');
  return `${sizes}|${edges}`;
}

/** Child ids are node indexes so the compound is the same whichever component supplied the shape. */
function toElk(id: string, c: Component | undefined): ElkGraph {
  const nodes = c?.nodes ?? [];
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  return {
    id,
    layoutOptions: COMPONENT_OPTIONS,
    children: nodes.map((n, i) => ({ id: `${id}n${i}`, width: roundedWidth(n.width), height: n.height })),
    edges: (c?.edges ?? []).map((e, i) => ({
      id: `${id}e${i}`,
      sources: [`${id}n${index.get(e.source) ?? 0}`],
      targets: [`${id}n${index.get(e.target) ?? 0}`],
    })),
  };
}
