/**
 * Headless layout: ELK "layered" per structural component, components shelf-packed inside their
 * namespace group, groups shelf-packed on the canvas. Pure (no DOM, no worker API), so it runs in the
 * webview's layout worker, in the Node benchmark, and can serve the CLI's headless exports.
 *
 * Why per component, on structural edges only: one layered layout over a whole cluster is slow (ELK is
 * super-linear) and unreadable, because cross-cutting edges (every pod → its Node, ServiceAccount, shared
 * ConfigMap) tie everything into one knot. Ownership, selection and routing chains are what a reader
 * follows, so those decide the layers (in role columns, layoutRoles.ts); cross-cutting edges get no route and
 * do not move nodes (components.ts says which are which).
 */
import { findComponents } from './components.js';
import type { ComponentLayout, LaidOut, LayoutEdgeInput, LayoutNodeInput, Point } from './layoutTypes.js';
import type { PackedBox } from './packing.js';
import { shelfPack } from './packing.js';

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
  /** Width ÷ height of the screen area the picture should fill; groups are packed towards it. */
  readonly aspect?: number;
  /**
   * Edges that never take part in the layout and are reported cross-cutting as they are: the counted edges between
   * folded groups (every namespace binds cluster RBAC and runs on Nodes; drawn straight they cross the summaries).
   */
  readonly unlaidEdges?: readonly string[];
  /**
   * Where a group new to an incremental layout should appear, centred, by group key: e.g. where the folded summary it
   * opens from was drawn (incrementalLayout.ts). A full layout ignores it.
   */
  readonly anchors?: Readonly<Record<string, Point>>;
}

export interface LayoutOutput {
  /** Node centres (cytoscape's convention), by node id. */
  readonly positions: Record<string, Point>;
  /**
   * Orthogonal routes around node boxes, by view edge id: from the source's outline to the target's, in the
   * same coordinates as `positions`. Edges without a route are cross-cutting (see components.ts).
   */
  readonly routes: Record<string, readonly Point[]>;
  /** Ids of the input edges left out of the layout (no route): drawn on demand in the view, not in drawings. */
  readonly crossCutting: readonly string[];
  readonly width: number;
  readonly height: number;
}

/** Space around and between things, in model pixels. */
export const SPACING = {
  component: 24,
  group: 48,
  /** Inside a namespace box; the canvas draws compounds with the same padding. */
  groupPadding: 20,
  /** Room above a namespace box for its label. */
  groupLabel: 22,
} as const;

/** Width ÷ height components are packed towards inside a group: layered components read left to right. */
export const GROUP_ASPECT = 2;

export async function computeLayout(layouter: ComponentLayout, input: LayoutInput): Promise<LayoutOutput> {
  const groups = await layoutGroups(layouter, input);
  const packed = shelfPack(groups, SPACING.group, input.aspect ?? 1.6);
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const positions: Record<string, Point> = {};
  const routes: Record<string, readonly Point[]> = {};
  for (const box of packed.boxes) {
    const group = byKey.get(box.key);
    if (group !== undefined) placeGroupBox(group, box, positions, routes);
  }
  return { positions, routes, crossCutting: crossCuttingEdges(input, (id) => id in routes), width: packed.width, height: packed.height };
}

/** Every group's nodes laid out and packed into one box (keyed `group:<group>`), positions relative to it. */
export async function layoutGroups(layouter: ComponentLayout, input: Pick<LayoutInput, 'nodes' | 'edges'>): Promise<LaidOut[]> {
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
  return [...byGroup].map(([group, boxes]) => packGroup(group, boxes));
}

/** Writes a group box's node positions and routes, moved to its top-left corner `at`, into the output records. */
export function placeGroupBox(group: LaidOut, at: Point, positions: Record<string, Point>, routes: Record<string, readonly Point[]>): void {
  for (const [id, p] of group.positions) positions[id] = { x: at.x + p.x, y: at.y + p.y };
  for (const [id, route] of group.routes) routes[id] = route.map((p) => ({ x: at.x + p.x, y: at.y + p.y }));
}

/** Input edges with no route (left out of the layout), then the edges never laid out at all. */
export function crossCuttingEdges(input: LayoutInput, routed: (edgeId: string) => boolean): string[] {
  return [...input.edges.flatMap((e) => (e.id === undefined || routed(e.id) ? [] : [e.id])), ...(input.unlaidEdges ?? [])];
}

function packGroup(group: string, boxes: readonly LaidOut[]): LaidOut {
  // Inside a group, wider than tall: layered components read left to right.
  const packed = shelfPack(boxes, SPACING.component, GROUP_ASPECT);
  return assembleGroup(group, packed.boxes, new Map(boxes.map((b) => [b.key, b])));
}

/** A group's box from its components placed at `placed` corners (relative to the group's inside), with its padding. */
export function assembleGroup(group: string, placed: readonly PackedBox[], boxes: ReadonlyMap<string, LaidOut>): LaidOut {
  const inset = group === '' ? { left: 0, top: 0 } : { left: SPACING.groupPadding, top: SPACING.groupPadding + SPACING.groupLabel };
  const positions = new Map<string, Point>();
  const routes = new Map<string, readonly Point[]>();
  let width = 0;
  let height = 0;
  for (const at of placed) {
    const move = (p: Point): Point => ({ x: inset.left + at.x + p.x, y: inset.top + at.y + p.y });
    const box = boxes.get(at.key);
    for (const [id, p] of box?.positions ?? []) positions.set(id, move(p));
    for (const [id, route] of box?.routes ?? []) routes.set(id, route.map(move));
    width = Math.max(width, at.x + at.width);
    height = Math.max(height, at.y + at.height);
  }
  const extraWidth = group === '' ? 0 : 2 * SPACING.groupPadding;
  const extraHeight = group === '' ? 0 : 2 * SPACING.groupPadding + SPACING.groupLabel;
  return { key: `group:${group}`, width: width + extraWidth, height: height + extraHeight, positions, routes };
}
