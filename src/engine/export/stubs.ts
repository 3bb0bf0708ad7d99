/**
 * Cross-cutting relations in drawings (issue 15: "draw them short, as ports or stubs"). The layout leaves them out
 * (→ a Node, a shared ServiceAccount or ConfigMap, another component, the counted lines between folded namespaces),
 * and a drawn line across the picture would cross everything between its ends. A picture has no selection to show
 * them on, so each node that has some gets one short stub: a line leaving its box with an arrow, labelled with the
 * far ends ("→ SA default, NODE node-1 +3", a counted line as "→ NAMESPACE infra (12)").
 *
 * A stub goes only where it touches nothing: right of the node, below, left or above, the first side where the line
 * and its label stay clear of every node box, every drawn edge, every title and every other stub, inside the node's
 * namespace box. So stubs add no crossings, no lines through nodes and no overlapping text; a node with no free side
 * keeps its relations in the legend count ("not drawn").
 */
import type { Point } from '../viewModel/layoutTypes.js';
import { EDGE_VISUALS } from '../visual/edges.js';
import { DASHES } from './edgeGeometry.js';
import type { Palette } from './palette.js';
import { UniformGrid } from './quality/spatialGrid.js';
import type { Rect, SceneEdge, SceneGroup, SceneNode, SceneStub, StubPlacement } from './scene.js';
import { STUB } from './stubMetrics.js';
import { GROUP_LABEL_SIZE, groupTitleAnchor } from './svg.js';

/** A scene's stubs again as a placement: what a legend laid out a second time (PDF pages) needs. */
export function placementOf(scene: { readonly stubs: readonly SceneStub[]; readonly edges: readonly SceneEdge[] }): StubPlacement {
  const crossCutting = scene.edges.filter((e) => e.crossCutting === true).length;
  return { stubs: scene.stubs, unplaced: crossCutting - scene.stubs.reduce((sum, s) => sum + s.edges.length, 0) };
}

type Side = 'right' | 'below' | 'left' | 'above';
const SIDES: readonly Side[] = ['right', 'below', 'left', 'above'];

export function placeStubs(
  nodes: readonly SceneNode[],
  groups: readonly SceneGroup[],
  edges: readonly SceneEdge[],
  drawing: Rect,
  colours: Palette,
): StubPlacement {
  const bySource = new Map<string, SceneEdge[]>();
  for (const e of edges) if (e.crossCutting === true) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  if (bySource.size === 0) return { stubs: [], unplaced: 0 };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const room = new Room(nodes, groups, edges, drawing);
  const stubs: SceneStub[] = [];
  let unplaced = 0;
  for (const source of [...bySource.keys()].sort()) {
    const node = byId.get(source);
    const out = bySource.get(source) ?? [];
    const labels = stubLabels(out, byId);
    const candidates = node === undefined ? [] : labels.flatMap((label) => SIDES.map((side) => stubAt(node, side, label)));
    const stub = node === undefined ? undefined : candidates.find((s) => room.isFree(s, node));
    if (node === undefined || stub === undefined) {
      unplaced += out.length;
      continue;
    }
    room.take(stub);
    const first = out[0]!;
    const visual = EDGE_VISUALS[first.type];
    const paint = colours.paint(visual.color);
    stubs.push({
      ...stub,
      node: source,
      edges: out.map((e) => e.id),
      paint: { color: paint.color, opacity: Math.max(0.55, paint.opacity) },
      dash: DASHES[visual.line],
    });
  }
  return { stubs, unplaced };
}

/**
 * The labels to try, longest first: "→ SA default, NODE node-1 +3" (the first far ends by name, then how many
 * more), then one name, then the count alone where a name does not fit. The SVG's tooltip lists every relation.
 */
function stubLabels(out: readonly SceneEdge[], byId: ReadonlyMap<string, SceneNode>): string[] {
  const names = [...new Set(out.map((e) => farEnd(e, byId.get(e.target))))].sort();
  const label = (named: number): string =>
    `→ ${names.slice(0, named).join(', ')}${names.length > named ? ` +${names.length - named}` : ''}`;
  const count = `→ ${names.length} ${names.length === 1 ? 'relation' : 'relations'}`;
  return [...new Set([label(Math.min(STUB.maxNamed, names.length)), label(1), count])];
}

function farEnd(e: SceneEdge, target: SceneNode | undefined): string {
  if (target === undefined) return e.target;
  const name = target.name.length > STUB.maxName ? `${target.name.slice(0, STUB.maxName - 1)}…` : target.name;
  // The kind tag ("SA", "NODE"), unless the name already says it (a summary "CLUSTER" named "Cluster RBAC").
  const kindTag = target.lines[0] ?? '';
  const tag = kindTag === '' || name.toLowerCase().startsWith(kindTag.toLowerCase()) ? '' : `${kindTag} `;
  return `${tag}${name}${e.count === undefined ? '' : ` (${e.count})`}`;
}

type PlacedStub = Omit<SceneStub, 'node' | 'edges' | 'paint' | 'dash'>;

function stubAt(n: SceneNode, side: Side, label: string): PlacedStub {
  const width = label.length * STUB.fontSize * STUB.charWidth;
  const height = STUB.fontSize * 1.2;
  const { length, gap, fontSize } = STUB;
  const left = n.x - n.width / 2;
  const right = n.x + n.width / 2;
  const top = n.y - n.height / 2;
  const bottom = n.y + n.height / 2;
  const baseline = (middle: number): number => middle + 0.35 * fontSize;
  switch (side) {
    case 'right':
      return placed({ x: right, y: n.y }, { x: right + length, y: n.y }, label, { x: right + length + gap, y: baseline(n.y) }, 'start', {
        x: right + length + gap,
        y: n.y - height / 2,
        width,
        height,
      });
    case 'left':
      return placed({ x: left, y: n.y }, { x: left - length, y: n.y }, label, { x: left - length - gap, y: baseline(n.y) }, 'end', {
        x: left - length - gap - width,
        y: n.y - height / 2,
        width,
        height,
      });
    case 'below': {
      const box = { x: n.x - width / 2, y: bottom + length + 1, width, height };
      return placed(
        { x: n.x, y: bottom },
        { x: n.x, y: bottom + length },
        label,
        { x: n.x, y: baseline(box.y + height / 2) },
        'middle',
        box,
      );
    }
    case 'above': {
      const box = { x: n.x - width / 2, y: top - length - 1 - height, width, height };
      return placed({ x: n.x, y: top }, { x: n.x, y: top - length }, label, { x: n.x, y: baseline(box.y + height / 2) }, 'middle', box);
    }
  }
}

function placed(from: Point, to: Point, label: string, labelAt: Point, anchor: SceneStub['anchor'], labelBox: Rect): PlacedStub {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  // A small arrow, the tip at the stub's end: the relation leaves this node.
  const head = [
    to,
    { x: to.x - ux * 5 - uy * 2.5, y: to.y - uy * 5 + ux * 2.5 },
    { x: to.x - ux * 5 + uy * 2.5, y: to.y - uy * 5 - ux * 2.5 },
  ];
  return { from, to, head, label, labelAt, anchor, labelBox };
}

/** What is already drawn, as boxes in a grid: node boxes, edge segments, titles, and the stubs placed so far. */
class Room {
  private readonly boxes: Rect[] = [];
  private readonly owners: (string | undefined)[] = [];
  private readonly grid: UniformGrid;
  private readonly groupOf: ReadonlyMap<string, Rect>;

  constructor(
    nodes: readonly SceneNode[],
    groups: readonly SceneGroup[],
    edges: readonly SceneEdge[],
    private readonly drawing: Rect,
  ) {
    this.grid = UniformGrid.over(drawing, nodes.length + edges.length, 32);
    this.groupOf = new Map(groups.flatMap((g) => nodes.filter((n) => n.parent === g.id).map((n) => [n.id, g.box] as const)));
    for (const n of nodes) this.add({ x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height }, n.id);
    for (const g of groups) this.add(titleBox(g));
    for (const e of edges) {
      if (e.crossCutting === true) continue;
      const points = e.points ?? [e.from, ...(e.control ? [e.control] : []), e.to];
      for (let i = 1; i < points.length; i++) this.add(spanOf(points[i - 1]!, points[i]!));
      if (e.head.length > 0) this.add(spanOf(...(e.head as [Point, ...Point[]])));
    }
  }

  isFree(stub: PlacedStub, node: SceneNode): boolean {
    const line = spanOf(stub.from, stub.to, ...stub.head);
    const within = this.groupOf.get(node.id) ?? this.drawing;
    if (!inside(line, within) || !inside(stub.labelBox, within)) return false;
    return this.clear(line, node.id) && this.clear(stub.labelBox, undefined);
  }

  take(stub: PlacedStub): void {
    this.add(spanOf(stub.from, stub.to, ...stub.head));
    this.add(stub.labelBox);
  }

  /** Nothing within the clearance of `box`, except (for the stub's line) its own node, which it starts on. */
  private clear(box: Rect, own: string | undefined): boolean {
    const c = STUB.clearance;
    const grown = { x: box.x - c, y: box.y - c, width: box.width + 2 * c, height: box.height + 2 * c };
    for (const cell of cellsOf(this.grid, grown)) {
      for (const item of this.grid.itemsIn(cell)) {
        if (own !== undefined && this.owners[item] === own) continue;
        if (overlaps(this.boxes[item]!, grown)) return false;
      }
    }
    return true;
  }

  private add(box: Rect, owner?: string): void {
    this.grid.addBox(box, this.boxes.length);
    this.boxes.push(box);
    this.owners.push(owner);
  }
}

/** A group's title as quality/labelBoxes.ts measures it: one line, about 0.62 em a character, centred above the box. */
function titleBox(g: SceneGroup): Rect {
  const anchor = groupTitleAnchor(g);
  const width = Math.ceil(g.label.length * GROUP_LABEL_SIZE * 0.62);
  return { x: anchor.x - width / 2, y: anchor.y - 1.35 * GROUP_LABEL_SIZE, width, height: 1.7 * GROUP_LABEL_SIZE };
}

function cellsOf(grid: UniformGrid, box: Rect): number[] {
  const first = grid.cellAt(box.x, box.y);
  const last = grid.cellAt(box.x + box.width, box.y + box.height);
  const cols = grid.cols;
  const cells: number[] = [];
  for (let r = Math.floor(first / cols); r <= Math.floor(last / cols); r++) {
    for (let c = first % cols; c <= last % cols; c++) cells.push(r * cols + c);
  }
  return cells;
}

function spanOf(...points: Point[]): Rect {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function inside(box: Rect, outer: Rect): boolean {
  return box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;
}
