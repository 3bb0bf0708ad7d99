/**
 * Layout that remembers its last picture, block by block (one block per namespace group), so a change in one namespace
 * does not move the others (issue 15). After the first (full) layout, an update lays out again only the groups whose
 * layout input changed — a node added, removed or resized, an edge inside the group added or removed — and leaves every
 * other block exactly where it was. A status change is no layout change and costs nothing here.
 *
 * Where a block laid out again goes (blockPlacement.ts): it keeps its top-left corner when its new size fits there
 * without touching a neighbour (a shrunk block always does); a block that grew into a neighbour, or a new block, takes
 * the free spot beside or below another block that keeps it nearest to where it was (a new one: that keeps the picture
 * closest to the canvas shape). Untouched blocks never move; room left by a block that shrank or left stays empty until
 * the next full layout (the Relayout button), which packs every block afresh exactly as `computeLayout` does.
 */
import { findFreeCorner, type Rect } from './blockPlacement.js';
import type { LayoutInput, LayoutOutput } from './layoutCore.js';
import { SPACING, crossCuttingEdges, layoutGroups, placeGroupBox } from './layoutCore.js';
import { shelfPack } from './packing.js';
import type { ComponentLayout, LaidOut, LayoutEdgeInput, LayoutNodeInput, Point } from './layoutTypes.js';

export interface LayoutPatch extends LayoutOutput {
  /** A full layout: `positions` and `routes` cover the whole view and replace whatever was there. */
  readonly full: boolean;
  /**
   * Groups laid out again by an update: `positions` holds every node of these groups and `routes` every route inside
   * them; nodes of other groups keep their positions. `crossCutting` always covers the whole input.
   */
  readonly relaidGroups: readonly string[];
}

interface PlacedBlock {
  readonly signature: string;
  readonly box: LaidOut;
  readonly at: Point;
}

interface GroupInput {
  readonly nodes: LayoutNodeInput[];
  readonly edges: LayoutEdgeInput[];
}

export class IncrementalLayout {
  private blocks = new Map<string, PlacedBlock>();

  constructor(private readonly layouter: ComponentLayout) {}

  /** A full layout the first time or when asked; afterwards only the groups whose input changed. */
  async layout(input: LayoutInput, full: boolean): Promise<LayoutPatch> {
    const groups = splitByGroup(input);
    if (full || this.blocks.size === 0) return this.layoutAll(input, groups);
    const changed = [...groups.keys()].filter((g) => this.blocks.get(g)?.signature !== signature(groups.get(g)));
    for (const g of this.blocks.keys()) if (!groups.has(g)) this.blocks.delete(g);
    const boxes = await layoutGroups(this.layouter, {
      nodes: changed.flatMap((g) => groups.get(g)?.nodes ?? []),
      edges: changed.flatMap((g) => groups.get(g)?.edges ?? []),
    });
    const boxByGroup = new Map(boxes.map((b) => [b.key.slice(GROUP_KEY.length), b]));
    const previous = new Map(changed.map((g) => [g, this.blocks.get(g)?.at]));
    for (const g of changed) this.blocks.delete(g);
    // In key order, so the same update always places the same way.
    for (const g of [...changed].sort()) {
      const box = boxByGroup.get(g) ?? emptyBox(g);
      const at = findFreeCorner(box, previous.get(g), this.occupied(), SPACING.group, input.aspect ?? 1.6);
      this.blocks.set(g, { signature: signature(groups.get(g)), box, at });
    }
    return this.output(input, changed, false);
  }

  private async layoutAll(input: LayoutInput, groups: ReadonlyMap<string, GroupInput>): Promise<LayoutPatch> {
    const boxes = await layoutGroups(this.layouter, input);
    // Packed exactly as computeLayout packs, so a full layout here is the one every export draws.
    const packed = shelfPack(boxes, SPACING.group, input.aspect ?? 1.6);
    const byKey = new Map(boxes.map((b) => [b.key, b]));
    this.blocks = new Map();
    for (const placed of packed.boxes) {
      const box = byKey.get(placed.key);
      const g = placed.key.slice(GROUP_KEY.length);
      if (box !== undefined) this.blocks.set(g, { signature: signature(groups.get(g)), box, at: { x: placed.x, y: placed.y } });
    }
    return this.output(input, [...this.blocks.keys()], true);
  }

  private occupied(): Rect[] {
    return [...this.blocks.values()].map(({ at, box }) => ({ x1: at.x, y1: at.y, x2: at.x + box.width, y2: at.y + box.height }));
  }

  private output(input: LayoutInput, relaid: readonly string[], full: boolean): LayoutPatch {
    const positions: Record<string, Point> = {};
    const routes: Record<string, readonly Point[]> = {};
    for (const g of relaid) {
      const block = this.blocks.get(g);
      if (block !== undefined) placeGroupBox(block.box, block.at, positions, routes);
    }
    const routed = new Set<string>();
    for (const { box } of this.blocks.values()) for (const id of box.routes.keys()) routed.add(id);
    const crossCutting = crossCuttingEdges(input, (id) => routed.has(id));
    const bounds = this.occupied().reduce((b, r) => ({ width: Math.max(b.width, r.x2), height: Math.max(b.height, r.y2) }), {
      width: 0,
      height: 0,
    });
    return { positions, routes, crossCutting, ...bounds, full, relaidGroups: [...relaid].sort() };
  }
}

const GROUP_KEY = 'group:';

function emptyBox(group: string): LaidOut {
  return { key: GROUP_KEY + group, width: 0, height: 0, positions: new Map(), routes: new Map() };
}

/** Nodes by group, with the edges whose both ends are in that group (the only ones that can shape its layout). */
function splitByGroup(input: LayoutInput): Map<string, GroupInput> {
  const groups = new Map<string, GroupInput>();
  const groupOf = new Map<string, string>();
  for (const n of input.nodes) {
    groupOf.set(n.id, n.group);
    let entry = groups.get(n.group);
    if (entry === undefined) {
      entry = { nodes: [], edges: [] };
      groups.set(n.group, entry);
    }
    entry.nodes.push(n);
  }
  for (const e of input.edges) {
    const g = groupOf.get(e.source);
    if (g !== undefined && g === groupOf.get(e.target)) groups.get(g)?.edges.push(e);
  }
  return groups;
}

/** Everything of a group's input its layout depends on, in input order (the view's sorted order). */
function signature(group: GroupInput | undefined): string {
  if (group === undefined) return '';
  const nodes = group.nodes.map((n) => `${n.id}:${n.width}x${n.height}:${n.kind ?? ''}`).join('|');
  const edges = group.edges.map((e) => `${e.id ?? ''}:${e.source}>${e.target}:${e.type}`).join('|');
  return `${nodes}#${edges}`;
}
