import type { GraphDelta, TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Remembers the first value of every node and edge a change touches, then reports what really changed. */
export class DeltaTracker {
  private readonly nodesBefore = new Map<string, TopologyNode | undefined>();
  private readonly edgesBefore = new Map<string, TopologyEdge | undefined>();

  noteNode(id: string, current: TopologyNode | undefined): void {
    if (!this.nodesBefore.has(id)) this.nodesBefore.set(id, current);
  }

  noteEdge(id: string, current: TopologyEdge | undefined): void {
    if (!this.edgesBefore.has(id)) this.edgesBefore.set(id, current);
  }

  finish(nodes: ReadonlyMap<string, TopologyNode>, edges: ReadonlyMap<string, TopologyEdge>): GraphDelta {
    const nodeChanges = compare(this.nodesBefore, nodes);
    const edgeChanges = compare(this.edgesBefore, edges);
    return {
      addedNodes: nodeChanges.added, changedNodes: nodeChanges.changed, removedNodes: nodeChanges.removed,
      addedEdges: edgeChanges.added, changedEdges: edgeChanges.changed, removedEdges: edgeChanges.removed,
    };
  }
}

interface Changes<T> {
  readonly added: T[];
  readonly changed: T[];
  readonly removed: string[];
}

function compare<T extends { readonly id: string }>(before: ReadonlyMap<string, T | undefined>, after: ReadonlyMap<string, T>): Changes<T> {
  const result: Changes<T> = { added: [], changed: [], removed: [] };
  for (const [id, old] of before) {
    const current = after.get(id);
    if (!old && current) result.added.push(current);
    else if (old && !current) result.removed.push(id);
    else if (old && current && JSON.stringify(old) !== JSON.stringify(current)) result.changed.push(current);
  }
  result.added.sort(byId);
  result.changed.sort(byId);
  result.removed.sort();
  return result;
}

/** The delta that turns `before` into `after`. */
export function diffGraphs(before: TopologyGraph, after: TopologyGraph): GraphDelta {
  const tracker = new DeltaTracker();
  for (const node of before.nodes) tracker.noteNode(node.id, node);
  for (const node of after.nodes) tracker.noteNode(node.id, undefined);
  for (const edge of before.edges) tracker.noteEdge(edge.id, edge);
  for (const edge of after.edges) tracker.noteEdge(edge.id, undefined);
  return tracker.finish(new Map(after.nodes.map((node) => [node.id, node])), new Map(after.edges.map((edge) => [edge.id, edge])));
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
