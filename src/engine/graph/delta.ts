import type { EdgeType, GraphDelta, TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';
import { edgeId } from '../model/graph.js';

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where an edge sits, so its current value can be found again after the change. */
export interface EdgeEndpoints {
  readonly source: string;
  readonly type: EdgeType;
  readonly target: string;
}

export interface CurrentGraph {
  node(id: string): TopologyNode | undefined;
  edge(source: string, type: EdgeType, target: string): TopologyEdge | undefined;
}

/** Remembers the first value of every node and edge a change touches, then reports what really changed. */
export class DeltaTracker {
  private readonly nodesBefore = new Map<string, TopologyNode | undefined>();
  private readonly edgesBefore = new Map<string, { readonly before: TopologyEdge | undefined; readonly at: EdgeEndpoints }>();

  noteNode(id: string, current: TopologyNode | undefined): void {
    if (!this.nodesBefore.has(id)) this.nodesBefore.set(id, current);
  }

  noteEdge(id: string, current: TopologyEdge | undefined, at: EdgeEndpoints): void {
    if (!this.edgesBefore.has(id)) this.edgesBefore.set(id, { before: current, at });
  }

  finish(now: CurrentGraph): GraphDelta {
    const nodes = new Map([...this.nodesBefore.keys()].map((id) => [id, now.node(id)] as const));
    const edges = new Map([...this.edgesBefore].map(([id, { at }]) => [id, now.edge(at.source, at.type, at.target)] as const));
    const nodeChanges = compare(this.nodesBefore, nodes);
    const edgeChanges = compare(new Map([...this.edgesBefore].map(([id, { before }]) => [id, before])), edges);
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

function compare<T extends { readonly id: string }>(before: ReadonlyMap<string, T | undefined>, after: ReadonlyMap<string, T | undefined>): Changes<T> {
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
  // From nothing (an engine's first list), everything is added: no map of the whole graph to learn that.
  if (before.nodes.length === 0 && before.edges.length === 0) {
    return { addedNodes: [...after.nodes], changedNodes: [], removedNodes: [], addedEdges: [...after.edges], changedEdges: [], removedEdges: [] };
  }
  const tracker = new DeltaTracker();
  for (const node of before.nodes) tracker.noteNode(node.id, node);
  for (const node of after.nodes) tracker.noteNode(node.id, undefined);
  for (const edge of before.edges) tracker.noteEdge(edge.id, edge, edge);
  for (const edge of after.edges) tracker.noteEdge(edge.id, undefined, edge);
  const nodes = new Map(after.nodes.map((node) => [node.id, node]));
  const edges = new Map(after.edges.map((edge) => [edgeId(edge.source, edge.type, edge.target), edge]));
  return tracker.finish({ node: (id) => nodes.get(id), edge: (source, type, target) => edges.get(edgeId(source, type, target)) });
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
