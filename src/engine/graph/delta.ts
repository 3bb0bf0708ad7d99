import type { EdgeType, GraphDelta, TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';
import { edgeId } from '../model/graph.js';

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where an edge sits, so its current value can be found again after the change. */
export interface EdgeEndpoints {
  readonly source: string;
  readonly type: EdgeType;
  readonly target: string;
}

/**
 * An edge drawn when a change first wrote its slot, as the edge table holds it (graphState.ts): compared with the
 * edge at the end without making an edge or its id unless it changed. Ends and referrer by name: a number freed in
 * the change may be given to another id.
 */
export interface EdgeBefore extends EdgeEndpoints {
  readonly slot: number;
  readonly flags: number;
  readonly referrer: string | undefined;
  readonly via: string | readonly string[];
}

export interface CurrentGraph {
  node(id: string): TopologyNode | undefined;
  /** The edge drawn now between these ends (for edges noted by id with `noteEdge`). */
  edge?(source: string, type: EdgeType, target: string): TopologyEdge | undefined;
  /** The edge drawn in `slot` now, if any (for slots noted with `noteSlot`). */
  edgeAt?(slot: number): TopologyEdge | undefined;
  /** The slot drawing `before`'s edge now (its own, unless the change moved it), if it is drawn. */
  drawnSlotOf?(before: EdgeBefore): number | undefined;
  /** Whether the edge drawn in `slot` is as `before` was. */
  unchangedAt?(slot: number, before: EdgeBefore): boolean;
  /** The node of id number `id` now, if any (for numbers noted with `noteNumber`). */
  nodeAt?(id: number): TopologyNode | undefined;
}

/** Remembers the first value of every node and edge a change touches, then reports what really changed. */
export class DeltaTracker {
  private readonly nodesBefore = new Map<string, TopologyNode | undefined>();
  private readonly edgesBefore = new Map<string, { readonly before: TopologyEdge | undefined; readonly at: EdgeEndpoints }>();

  noteNode(id: string, current: TopologyNode | undefined): void {
    if (!this.nodesBefore.has(id)) this.nodesBefore.set(id, current);
  }

  /**
   * Slots that held no drawn edge when first written in this change: whatever they draw at the end is new, unless that
   * edge was drawn before elsewhere (noted by id, and compared there). Most edges of a list page are new: they need
   * no id, no map entry and no lookup until the end.
   */
  private readonly newSlots = new Set<number>();

  noteEdge(id: string, current: TopologyEdge | undefined, at: EdgeEndpoints): void {
    if (!this.edgesBefore.has(id)) this.edgesBefore.set(id, { before: current, at });
  }

  /** Edges drawn before the change, by the slot that drew them (see EdgeBefore). */
  private readonly drawnBefore = new Map<number, EdgeBefore>();

  /** Id numbers first given a node in this change: as `newSlots`, for nodes. */
  private readonly newNumbers = new Set<number>();

  /** Whether `id` was first written with no node (see newNumbers); notes it if `absent`. */
  noteNumber(id: number, absent: boolean): boolean {
    if (this.newNumbers.has(id)) return true;
    if (absent) this.newNumbers.add(id);
    return absent;
  }

  /**
   * Notes a write of `slot`: as new if the change's first write found it drawing nothing, or once it is freed and
   * given to another edge (see newSlots); else, at the first write, with the edge it drew (`table.noteOf`).
   */
  noteSlot(slot: number, undrawn: boolean, table: { noteOf(slot: number): EdgeBefore }): void {
    if (this.newSlots.has(slot)) return;
    if (undrawn) this.newSlots.add(slot);
    else if (!this.drawnBefore.has(slot)) this.drawnBefore.set(slot, table.noteOf(slot));
  }

  /**
   * What changed. `sorted` (by id) makes small deltas easy to read and compare; a list page's delta goes to a
   * receiver that keys everything by id (the coalescer), where sorting thousands of ids per page bought nothing.
   */
  finish(now: CurrentGraph, sorted = true): GraphDelta {
    const nodes: Changes<TopologyNode> = { added: [], changed: [], removed: [] };
    for (const [id, before] of this.nodesBefore) classify(nodes, id, before, now.node(id), sameNode);
    for (const number of this.newNumbers) {
      const node = now.nodeAt!(number);
      if (node && (this.nodesBefore.size === 0 || !this.nodesBefore.has(node.id))) nodes.added.push(node);
    }
    const edges: Changes<TopologyEdge> = { added: [], changed: [], removed: [] };
    for (const [id, { before, at }] of this.edgesBefore) classify(edges, id, before, now.edge!(at.source, at.type, at.target), sameEdge);
    // New slots drawing an edge that was drawn before elsewhere: compared here, not reported as added.
    const compared = this.compareDrawn(now, edges);
    for (const slot of this.newSlots) {
      if (compared?.has(slot)) continue;
      const edge = now.edgeAt!(slot);
      if (edge && (this.edgesBefore.size === 0 || !this.edgesBefore.has(edge.id))) edges.added.push(edge);
    }
    if (sorted) {
      sortChanges(nodes);
      sortChanges(edges);
    }
    return {
      addedNodes: nodes.added,
      changedNodes: nodes.changed,
      removedNodes: nodes.removed,
      addedEdges: edges.added,
      changedEdges: edges.changed,
      removedEdges: edges.removed,
    };
  }

  /** Edges drawn before, compared with now; returns the new slots that drew one of them (undefined: none). */
  private compareDrawn(now: CurrentGraph, edges: Changes<TopologyEdge>): Set<number> | undefined {
    let compared: Set<number> | undefined;
    for (const before of this.drawnBefore.values()) {
      const slot = now.drawnSlotOf!(before);
      if (slot === undefined) {
        edges.removed.push(edgeId(before.source, before.type, before.target));
        continue;
      }
      if (this.newSlots.has(slot)) (compared ??= new Set()).add(slot);
      if (!now.unchangedAt!(slot, before)) edges.changed.push(now.edgeAt!(slot)!);
    }
    return compared;
  }
}

interface Changes<T> {
  readonly added: T[];
  readonly changed: T[];
  readonly removed: string[];
}

function classify<T>(changes: Changes<T>, id: string, before: T | undefined, after: T | undefined, same: (a: T, b: T) => boolean): void {
  if (!before && after) changes.added.push(after);
  else if (before && !after) changes.removed.push(id);
  else if (before && after && !same(before, after)) changes.changed.push(after);
}

function sortChanges<T extends { readonly id: string }>(changes: Changes<T>): void {
  changes.added.sort(byId);
  changes.changed.sort(byId);
  changes.removed.sort();
}

/** A node is re-made only when its object changed, so the same object is the same node; otherwise compare values. */
function sameNode(before: TopologyNode, after: TopologyNode): boolean {
  if (before === after) return true;
  // A placeholder made real, or a new status, differs at a glance: most changes need not be written out to compare.
  if (before.missing !== after.missing || before.status !== after.status || before.detail !== after.detail) return false;
  return JSON.stringify(before) === JSON.stringify(after);
}

/** Edges are made afresh each time they are read: compare their fields (an edge's id names its ends and type). */
function sameEdge(before: TopologyEdge, after: TopologyEdge): boolean {
  return (
    before.id === after.id &&
    before.controller === after.controller &&
    before.broken === after.broken &&
    before.referrer === after.referrer &&
    before.via.length === after.via.length &&
    before.via.every((reason, index) => reason === after.via[index])
  );
}

/** The delta that turns `before` into `after`. */
export function diffGraphs(before: TopologyGraph, after: TopologyGraph): GraphDelta {
  const tracker = new DeltaTracker();
  for (const node of before.nodes) tracker.noteNode(node.id, node);
  for (const node of after.nodes) tracker.noteNode(node.id, undefined);
  for (const edge of before.edges) tracker.noteEdge(edge.id, edge, edge);
  for (const edge of after.edges) tracker.noteEdge(edge.id, undefined, edge);
  const nodes = new Map(after.nodes.map((node) => [node.id, node]));
  const edges = new Map(after.edges.map((edge) => [edgeId(edge.source, edge.type, edge.target), edge]));
  return tracker.finish({ node: (id) => nodes.get(id), edge: (source, type, target) => edges.get(edgeId(source, type, target)) });
}

/**
 * One delta for several in a row: each node and edge compared as it was before the first with how it is after the
 * last (an edge added then removed is not reported; one changed and changed back is reported as changed, its value
 * as now).
 */
export function foldDeltas(deltas: readonly GraphDelta[]): GraphDelta {
  if (deltas.length === 1) return deltas[0]!;
  const nodes = new Fold<TopologyNode>();
  const edges = new Fold<TopologyEdge>();
  for (const delta of deltas) {
    nodes.add(delta.addedNodes, delta.changedNodes, delta.removedNodes);
    edges.add(delta.addedEdges, delta.changedEdges, delta.removedEdges);
  }
  const n = nodes.finish();
  const e = edges.finish();
  return {
    addedNodes: n.added,
    changedNodes: n.changed,
    removedNodes: n.removed,
    addedEdges: e.added,
    changedEdges: e.changed,
    removedEdges: e.removed,
  };
}

/** Whether each id was there before the first delta, and its value after the last (undefined: gone). */
class Fold<T extends { readonly id: string }> {
  private readonly items = new Map<string, { readonly existed: boolean; now: T | undefined }>();

  add(added: readonly T[], changed: readonly T[], removed: readonly string[]): void {
    for (const item of added) this.note(item.id, false, item);
    for (const item of changed) this.note(item.id, true, item);
    for (const id of removed) this.note(id, true, undefined);
  }

  finish(): Changes<T> {
    const changes: Changes<T> = { added: [], changed: [], removed: [] };
    for (const [id, { existed, now }] of this.items) {
      if (now && !existed) changes.added.push(now);
      else if (now) changes.changed.push(now);
      else if (existed) changes.removed.push(id);
    }
    sortChanges(changes);
    return changes;
  }

  private note(id: string, existed: boolean, now: T | undefined): void {
    const entry = this.items.get(id);
    if (entry) entry.now = now;
    else this.items.set(id, { existed, now });
  }
}

/** Applies a delta to a graph (the webview and snapshot code use this to follow a live engine). */
export function applyDelta(graph: TopologyGraph, delta: GraphDelta): TopologyGraph {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
  for (const id of delta.removedNodes) nodes.delete(id);
  for (const id of delta.removedEdges) edges.delete(id);
  for (const node of [...delta.addedNodes, ...delta.changedNodes]) nodes.set(node.id, node);
  for (const edge of [...delta.addedEdges, ...delta.changedEdges]) edges.set(edge.id, edge);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byId) };
}

export function sortGraph(nodes: Iterable<TopologyNode>, edges: Iterable<TopologyEdge>): TopologyGraph {
  return { nodes: [...nodes].sort(byId), edges: [...edges].sort(byId) };
}
