/**
 * Layout that remembers its last picture, block by block (one block per namespace group), so a change in one namespace
 * does not move the others (issue 15). After the first (full) layout, an update lays out again only the groups whose
 * layout input changed — a node added, removed or resized, an edge inside the group added or removed — and leaves every
 * other block exactly where it was. A status change is no layout change and costs nothing here.
 *
 * Inside a changed group the same holds one level down: components (a workload with its ReplicaSets, Pods, Service and
 * config) whose nodes and edges did not change keep their place in the box; only changed or new ones are laid out.
 *
 * Where a block laid out again goes (blockPlacement.ts): it keeps its top-left corner when its new size fits there
 * without touching a neighbour (a shrunk block always does); a block that grew into a neighbour, or a new block, takes
 * the free spot beside or below another block that keeps it nearest to where it was (a new one: that keeps the picture
 * closest to the canvas shape). Untouched blocks never move; room left by a block that shrank or left stays empty until
 * the next full layout (the Relayout button), which packs every block afresh exactly as `computeLayout` does.
 *
 * This lays out the view, not the canvas: it does not know which nodes the user dragged. The webview keeps those where
 * they were dropped whatever a patch says, until Re-layout (src/webview/canvas/layoutContext.ts).
 */
import { findFreeCorner, type Rect, type Size } from './blockPlacement.js';
import { findComponents } from './components.js';
import type { LayoutInput, LayoutOutput } from './layoutCore.js';
import { GROUP_ASPECT, SPACING, assembleGroup, crossCuttingEdges, placeGroupBox } from './layoutCore.js';
import type { Component, ComponentLayout, LaidOut, Point } from './layoutTypes.js';
import type { PackedBox } from './packing.js';
import { shelfPack } from './packing.js';

export interface LayoutPatch extends LayoutOutput {
  /** A full layout: `positions` and `routes` cover the whole view and replace whatever was there. */
  readonly full: boolean;
  /**
   * Groups laid out again by an update: `positions` holds every node of these groups and `routes` every route inside
   * them; nodes of other groups keep their positions. `crossCutting` always covers the whole input.
   */
  readonly relaidGroups: readonly string[];
}

/** A component's laid-out box at its corner inside its group (relative to the group's padding). */
interface PlacedComponent {
  readonly signature: string;
  readonly placed: PackedBox;
  readonly box: LaidOut;
}

interface PlacedBlock {
  readonly components: ReadonlyMap<string, PlacedComponent>;
  readonly box: LaidOut;
  readonly at: Point;
}

export class IncrementalLayout {
  private blocks = new Map<string, PlacedBlock>();

  constructor(private readonly layouter: ComponentLayout) {}

  /** A full layout the first time or when asked; afterwards only the groups whose input changed. */
  async layout(input: LayoutInput, full: boolean): Promise<LayoutPatch> {
    const components = findComponents(input);
    if (full || this.blocks.size === 0) return this.layoutAll(input, components);
    const byGroup = groupComponents(components);
    for (const g of this.blocks.keys()) if (!byGroup.has(g)) this.blocks.delete(g);
    const changed = [...byGroup.keys()].filter((g) => !this.unchanged(g, byGroup.get(g) ?? []));
    const fresh = changed.flatMap((g) => (byGroup.get(g) ?? []).filter((c) => !this.keeps(g, c)));
    const laid = await this.layouter.layout(fresh);
    const previous = new Map(changed.map((g) => [g, this.blocks.get(g)]));
    const kept = new Map(changed.map((g) => [g, this.blocks.get(g)?.components]));
    for (const g of changed) this.blocks.delete(g);
    // In key order, so the same update always places the same way.
    for (const g of [...changed].sort()) {
      const inside = placeComponents(byGroup.get(g) ?? [], kept.get(g), laid);
      const box = assembleGroup(
        g,
        [...inside.values()].map((c) => c.placed),
        new Map([...inside].map(([k, c]) => [k, c.box])),
      );
      const preferred = preferredCorners(box, previous.get(g), input.anchors?.[g]);
      const at = findFreeCorner(box, preferred, this.occupied(), SPACING.group, input.aspect ?? 1.6);
      this.blocks.set(g, { components: inside, box, at });
    }
    return this.patchFor(input, changed);
  }

  /** Same components with the same signatures: nothing in the group would move. */
  private unchanged(group: string, components: readonly Component[]): boolean {
    const block = this.blocks.get(group);
    return block !== undefined && block.components.size === components.length && components.every((c) => this.keeps(group, c));
  }

  private keeps(group: string, c: Component): boolean {
    return this.blocks.get(group)?.components.get(c.key)?.signature === signature(c);
  }

  private async layoutAll(input: LayoutInput, components: readonly Component[]): Promise<LayoutPatch> {
    const laid = await this.layouter.layout(components);
    const boxes: LaidOut[] = [];
    const inside = new Map<string, Map<string, PlacedComponent>>();
    // Packed exactly as computeLayout packs (layoutGroups), so a full layout here is the one every export draws.
    for (const [g, list] of groupComponents(components)) {
      const own = list.flatMap((c) => {
        const box = laid.get(c.key);
        return box === undefined ? [] : [{ c, box }];
      });
      const packed = shelfPack(
        own.map((o) => o.box),
        SPACING.component,
        GROUP_ASPECT,
      );
      const byKey = new Map(own.map((o) => [o.c.key, o]));
      const placed = new Map<string, PlacedComponent>();
      for (const p of packed.boxes) {
        const own = byKey.get(p.key);
        if (own !== undefined) placed.set(p.key, { signature: signature(own.c), placed: p, box: own.box });
      }
      inside.set(g, placed);
      boxes.push(assembleGroup(g, packed.boxes, new Map(own.map((o) => [o.c.key, o.box]))));
    }
    const packed = shelfPack(boxes, SPACING.group, input.aspect ?? 1.6);
    const byKey = new Map(boxes.map((b) => [b.key, b]));
    this.blocks = new Map();
    for (const at of packed.boxes) {
      const g = at.key.slice(GROUP_KEY.length);
      const box = byKey.get(at.key);
      if (box !== undefined) this.blocks.set(g, { components: inside.get(g) ?? new Map(), box, at: { x: at.x, y: at.y } });
    }
    return { ...this.patchFor(input, [...this.blocks.keys()]), full: true };
  }

  private occupied(): Rect[] {
    return [...this.blocks.values()].map(({ at, box }) => ({ x1: at.x, y1: at.y, x2: at.x + box.width, y2: at.y + box.height }));
  }

  /** An update patch for `relaid` groups as they are placed now (groups no longer in the input are skipped). */
  patchFor(input: LayoutInput, relaid: readonly string[]): LayoutPatch {
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
    return { positions, routes, crossCutting, ...bounds, full: false, relaidGroups: relaid.filter((g) => this.blocks.has(g)).sort() };
  }
}

const GROUP_KEY = 'group:';

/**
 * Where a changed block would rather stay: at its old top-left corner (what did not change inside it then keeps still
 * too), else centred where it was. A new block: centred on its anchor (where it opened from), if the view gave one.
 */
function preferredCorners(size: Size, was: PlacedBlock | undefined, anchor: Point | undefined): Point[] {
  if (was === undefined) return anchor === undefined ? [] : [{ x: anchor.x - size.width / 2, y: anchor.y - size.height / 2 }];
  return [was.at, { x: was.at.x + (was.box.width - size.width) / 2, y: was.at.y + (was.box.height - size.height) / 2 }];
}

/**
 * A changed group's components: unchanged ones where they were, the rest (in key order) at their old corner if they
 * still fit there, else in the nearest free spot inside the group.
 */
function placeComponents(
  components: readonly Component[],
  kept: ReadonlyMap<string, PlacedComponent> | undefined,
  laid: ReadonlyMap<string, LaidOut>,
): Map<string, PlacedComponent> {
  const result = new Map<string, PlacedComponent>();
  const fresh: Component[] = [];
  for (const c of components) {
    const old = kept?.get(c.key);
    if (old !== undefined && old.signature === signature(c)) result.set(c.key, old);
    else fresh.push(c);
  }
  for (const c of fresh) {
    const box = laid.get(c.key);
    if (box === undefined) continue;
    const occupied = [...result.values()].map(({ placed: p }) => ({ x1: p.x, y1: p.y, x2: p.x + p.width, y2: p.y + p.height }));
    const old = kept?.get(c.key)?.placed;
    // A component that changed grows or shrinks about its centre (a summary whose count changed stays put), else
    // keeps its corner; never left of or above the group's inside.
    const centred = old && { x: Math.max(0, old.x + (old.width - box.width) / 2), y: Math.max(0, old.y + (old.height - box.height) / 2) };
    const at = findFreeCorner(box, old && centred ? [centred, old] : [], occupied, SPACING.component, GROUP_ASPECT);
    result.set(c.key, { signature: signature(c), placed: { key: c.key, width: box.width, height: box.height, ...at }, box });
  }
  return result;
}

function groupComponents(components: readonly Component[]): Map<string, Component[]> {
  const byGroup = new Map<string, Component[]>();
  for (const c of components) {
    const list = byGroup.get(c.group);
    if (list === undefined) byGroup.set(c.group, [c]);
    else list.push(c);
  }
  return byGroup;
}

/** Everything of a component its layout depends on, in input order (the view's sorted order). */
function signature(c: Component | undefined): string {
  if (c === undefined) return '';
  const nodes = c.nodes.map((n) => `${n.id}:${n.width}x${n.height}:${n.kind ?? ''}`).join('|');
  const edges = c.edges.map((e) => `${e.id ?? ''}:${e.source}>${e.target}:${e.type}`).join('|');
  return `${nodes}#${edges}`;
}
