/**
 * The webview's copy of the topology: nodes and edges by id plus adjacency, updated in place by deltas.
 * Domain data only; what the user sees is derived from it (deriveView) and never stored here.
 */
import type { BrokenReason, GraphDelta, TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';

export interface DeltaEffect {
  /** Nodes or edges were added or removed: the visible graph's shape may change. */
  readonly structural: boolean;
  /** Ids of nodes whose data changed in place (status, labels, detail). */
  readonly changedNodes: readonly string[];
}

export class GraphStore {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges = new Map<string, TopologyEdge>();
  private readonly out = new Map<string, Set<string>>();
  private readonly in = new Map<string, Set<string>>();
  /** Bumped on every change so derived views can be memoised on it. */
  version = 0;
  /** Placeholders expected to be absent (findings.ts `expectedPlaceholders`): drawn as made elsewhere, not broken. */
  private expected: ReadonlySet<string> = new Set();

  /** Takes the expected placeholders of the latest findings; returns whether that changed anything (and bumps `version`). */
  setExpected(ids: ReadonlySet<string>): boolean {
    if (ids.size === this.expected.size && [...ids].every((id) => this.expected.has(id))) return false;
    this.expected = ids;
    this.version++;
    return true;
  }

  /** Whether `id` is a placeholder whose absence is expected (a held object of that id is never "expected"). */
  isExpected(id: string): boolean {
    return this.expected.has(id) && this.nodes.get(id)?.missing === true;
  }

  /**
   * Why the edge is drawn and counted as broken, if it is: a reference to an expected placeholder is drawn as its
   * relation and counted as no problem. Every reader of brokenness (edges, summaries, status bar, details) asks here.
   */
  brokenAsDrawn(edge: TopologyEdge): BrokenReason | undefined {
    if (edge.broken !== 'missing') return edge.broken;
    const referrer = edge.referrer ?? edge.source;
    return this.isExpected(referrer === edge.source ? edge.target : edge.source) ? undefined : edge.broken;
  }

  reset(graph: TopologyGraph): void {
    this.nodes.clear();
    this.edges.clear();
    this.out.clear();
    this.in.clear();
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) this.addEdge(edge);
    this.version++;
  }

  applyDelta(delta: GraphDelta): DeltaEffect {
    for (const id of delta.removedEdges) this.removeEdge(id);
    for (const id of delta.removedNodes) this.nodes.delete(id);
    for (const node of delta.addedNodes) this.nodes.set(node.id, node);
    for (const node of delta.changedNodes) this.nodes.set(node.id, node);
    for (const edge of delta.addedEdges) this.addEdge(edge);
    for (const edge of delta.changedEdges) {
      this.removeEdge(edge.id);
      this.addEdge(edge);
    }
    this.version++;
    const structural =
      delta.addedNodes.length + delta.removedNodes.length + delta.addedEdges.length + delta.removedEdges.length > 0 ||
      delta.changedEdges.length > 0;
    return { structural, changedNodes: delta.changedNodes.map((n) => n.id) };
  }

  outgoing(id: string): TopologyEdge[] {
    return this.edgesOf(this.out.get(id));
  }

  incoming(id: string): TopologyEdge[] {
    return this.edgesOf(this.in.get(id));
  }

  private edgesOf(ids: ReadonlySet<string> | undefined): TopologyEdge[] {
    const result: TopologyEdge[] = [];
    for (const id of ids ?? []) {
      const edge = this.edges.get(id);
      if (edge !== undefined) result.push(edge);
    }
    return result;
  }

  private addEdge(edge: TopologyEdge): void {
    this.edges.set(edge.id, edge);
    link(this.out, edge.source, edge.id);
    link(this.in, edge.target, edge.id);
  }

  private removeEdge(id: string): void {
    const edge = this.edges.get(id);
    if (edge === undefined) return;
    this.edges.delete(id);
    this.out.get(edge.source)?.delete(id);
    this.in.get(edge.target)?.delete(id);
  }
}

function link(index: Map<string, Set<string>>, key: string, edgeId: string): void {
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  set.add(edgeId);
}

/** The last segment of a node id (`group/Kind/namespace/name`), for ids whose node is not in the store. */
export function nameFromId(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}
