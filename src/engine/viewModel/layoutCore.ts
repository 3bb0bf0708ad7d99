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
import type { EdgeType } from '../model/graph.js';
import type { Component, ComponentLayout, LaidOut, LayoutEdgeInput, LayoutNodeInput, Point } from './layoutTypes.js';
import { shelfPack } from './packing.js';

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
  /** Width ÷ height of the screen area the picture should fill; groups are packed towards it. */
  readonly aspect?: number;
}

export interface LayoutOutput {
  /** Node centres (cytoscape's convention), by node id. */
  readonly positions: Record<string, Point>;
  readonly width: number;
  readonly height: number;
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

const GROUP_ASPECT = 2;

export async function computeLayout(layouter: ComponentLayout, input: LayoutInput): Promise<LayoutOutput> {
  const components = findComponents(input);
  const laidOut = await layouter.layout(components);
  const byGroup = new Map<string, LaidOut[]>();
  for (const c of components) {
    const box = laidOut.get(c.key);
    if (box === undefined) continue;
    const list = byGroup.get(c.group) ?? [];
    list.push(box);
    byGroup.set(c.group, list);
  }
  const groups = [...byGroup].map(([group, boxes]) => packGroup(group, boxes));
  const packed = shelfPack(groups, SPACING.group, input.aspect ?? 1.6);
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
  // Inside a group, wider than tall: layered components read left to right.
  const packed = shelfPack(boxes, SPACING.component, GROUP_ASPECT);
  const inset = group === '' ? { left: 0, top: 0 } : { left: SPACING.groupPadding, top: SPACING.groupPadding + SPACING.groupLabel };
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
    for (let cur = id; cur !== root;) {
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
