/**
 * Headless layout: ELK "layered" per structural component, components shelf-packed inside their
 * namespace group, groups shelf-packed on the canvas. Pure (no DOM, no worker API), so it runs in the
 * webview's layout worker, in the Node benchmark, and can serve the CLI's headless exports.
 *
 * Why per component, on structural edges only: one layered layout over a whole cluster is slow (ELK is
 * super-linear) and unreadable, because cross-cutting edges (every pod → its Node, ServiceAccount, shared
 * ConfigMap) tie everything into one knot. Ownership, selection and routing chains are what a reader
 * follows, so those decide the layers; cross-cutting edges are drawn but do not move nodes.
 */
import type { EdgeType } from '../../engine/model/graph';
import type { Box } from './packing';
import { shelfPack } from './packing';

export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Namespace group key; '' for nodes outside any group box (cluster-scoped, or grouping off). */
  readonly group: string;
}

export interface LayoutEdgeInput {
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutOutput {
  /** Node centres (cytoscape's convention), by node id. */
  readonly positions: Record<string, Point>;
  readonly width: number;
  readonly height: number;
}

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

export const STRUCTURAL_EDGE_TYPES: ReadonlySet<EdgeType> = new Set<EdgeType>([
  'owns',
  'selects',
  'routes',
  'scales',
  'binds',
  'endpoint',
  'serves',
]);

/** Space around and between things, in model pixels. */
export const SPACING = {
  component: 36,
  group: 64,
  /** Inside a namespace box; the canvas draws compounds with the same padding. */
  groupPadding: 20,
  /** Room above a namespace box for its label. */
  groupLabel: 22,
} as const;

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

interface Component {
  readonly key: string;
  readonly group: string;
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

interface LaidOut extends Box {
  /** Positions relative to the box's top-left corner (centres). */
  readonly positions: ReadonlyMap<string, Point>;
}

export async function computeLayout(elk: ElkLike, input: LayoutInput): Promise<LayoutOutput> {
  const components = findComponents(input);
  const laidOut = await layoutComponents(elk, components);
  const byGroup = new Map<string, LaidOut[]>();
  for (const c of components) {
    const box = laidOut.get(c.key);
    if (box === undefined) continue;
    const list = byGroup.get(c.group) ?? [];
    list.push(box);
    byGroup.set(c.group, list);
  }
  const groups = [...byGroup].map(([group, boxes]) => packGroup(group, boxes));
  const packed = shelfPack(groups, SPACING.group);
  const groupByKey = new Map(groups.map((g) => [g.key, g]));
  const positions: Record<string, Point> = {};
  for (const box of packed.boxes) {
    for (const [id, p] of groupByKey.get(box.key)?.positions ?? []) {
      positions[id] = { x: box.x + p.x, y: box.y + p.y };
    }
  }
  return { positions, width: packed.width, height: packed.height };
}

function packGroup(group: string, boxes: readonly LaidOut[]): LaidOut {
  const packed = shelfPack(boxes, SPACING.component);
  const inset =
    group === '' ? { left: 0, top: 0 } : { left: SPACING.groupPadding, top: SPACING.groupPadding + SPACING.groupLabel };
  const byKey = new Map(boxes.map((b) => [b.key, b]));
  const positions = new Map<string, Point>();
  for (const placed of packed.boxes) {
    for (const [id, p] of byKey.get(placed.key)?.positions ?? []) {
      positions.set(id, { x: inset.left + placed.x + p.x, y: inset.top + placed.y + p.y });
    }
  }
  const extraWidth = group === '' ? 0 : 2 * SPACING.groupPadding;
  const extraHeight = group === '' ? 0 : 2 * SPACING.groupPadding + SPACING.groupLabel;
  return { key: `group:${group}`, width: packed.width + extraWidth, height: packed.height + extraHeight, positions };
}

/** Connected components over structural edges, within one group; deterministic order and keys. */
export function findComponents(input: LayoutInput): Component[] {
  const groupOf = new Map(input.nodes.map((n) => [n.id, n.group]));
  const parent = new Map<string, string>(input.nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    for (let cur = id; cur !== root; ) {
      const next = parent.get(cur) ?? root;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const structural = input.edges.filter(
    (e) =>
      STRUCTURAL_EDGE_TYPES.has(e.type) &&
      e.source !== e.target &&
      groupOf.has(e.source) &&
      groupOf.get(e.source) === groupOf.get(e.target),
  );
  for (const e of structural) {
    const a = find(e.source);
    const b = find(e.target);
    // The smaller id becomes the root so component keys do not depend on edge order.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const nodesByRoot = new Map<string, LayoutNodeInput[]>();
  for (const n of input.nodes) {
    const root = find(n.id);
    const list = nodesByRoot.get(root) ?? [];
    list.push(n);
    nodesByRoot.set(root, list);
  }
  const edgesByRoot = new Map<string, LayoutEdgeInput[]>();
  for (const e of structural) {
    const root = find(e.source);
    const list = edgesByRoot.get(root) ?? [];
    list.push(e);
    edgesByRoot.set(root, list);
  }
  return [...nodesByRoot.keys()].sort().map((root) => ({
    key: root,
    group: groupOf.get(root) ?? '',
    nodes: nodesByRoot.get(root) ?? [],
    edges: edgesByRoot.get(root) ?? [],
  }));
}

/** Single nodes need no layout; everything else goes to ELK in one call, one compound per component. */
async function layoutComponents(elk: ElkLike, components: readonly Component[]): Promise<Map<string, LaidOut>> {
  const result = new Map<string, LaidOut>();
  const multi: Component[] = [];
  for (const c of components) {
    const only = c.nodes[0];
    if (c.nodes.length === 1 && only !== undefined) {
      const centre = { x: only.width / 2, y: only.height / 2 };
      result.set(c.key, { key: c.key, width: only.width, height: only.height, positions: new Map([[only.id, centre]]) });
    } else multi.push(c);
  }
  if (multi.length === 0) return result;
  const root: ElkGraph = {
    id: '__root',
    // Components are packed by us afterwards; ELK only needs to lay out each one's insides.
    layoutOptions: { 'elk.algorithm': 'fixed', 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' },
    children: multi.map(toElk),
  };
  const laid = await elk.layout(root);
  for (const child of laid.children ?? []) {
    const positions = new Map<string, Point>();
    for (const n of child.children ?? []) {
      positions.set(n.id, { x: (n.x ?? 0) + (n.width ?? 0) / 2, y: (n.y ?? 0) + (n.height ?? 0) / 2 });
    }
    const key = child.id.slice('c:'.length);
    result.set(key, { key, width: child.width ?? 0, height: child.height ?? 0, positions });
  }
  return result;
}

function toElk(c: Component): ElkGraph {
  return {
    id: `c:${c.key}`,
    layoutOptions: COMPONENT_OPTIONS,
    children: c.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: c.edges.map((e, i) => ({ id: `e${i}:${c.key}`, sources: [e.source], targets: [e.target] })),
  };
}
