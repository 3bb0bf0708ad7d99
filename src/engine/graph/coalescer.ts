import type { GraphDelta, TopologyEdge, TopologyNode } from '../model/graph.js';
import { isEmptyDelta } from '../model/graph.js';

type Pending<T> = { readonly op: 'upsert'; readonly value: T } | { readonly op: 'remove' };

/**
 * Folds many deltas into one, latest state wins, nothing lost: a node added then removed before a flush is never
 * sent; a node changed ten times is sent once, as it is now. Tracks what the receiver already has so each flushed
 * item is correctly an add, a change or a removal.
 */
export class DeltaCoalescer {
  private readonly nodes = new Map<string, Pending<TopologyNode>>();
  private readonly edges = new Map<string, Pending<TopologyEdge>>();
  private readonly sentNodes = new Set<string>();
  private readonly sentEdges = new Set<string>();

  /** The receiver was just given a full graph (init): it has exactly these. */
  reset(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void {
    this.nodes.clear();
    this.edges.clear();
    this.sentNodes.clear();
    this.sentEdges.clear();
    for (const id of nodeIds) this.sentNodes.add(id);
    for (const id of edgeIds) this.sentEdges.add(id);
  }

  push(delta: GraphDelta): void {
    for (const node of [...delta.addedNodes, ...delta.changedNodes]) this.nodes.set(node.id, { op: 'upsert', value: node });
    for (const id of delta.removedNodes) this.nodes.set(id, { op: 'remove' });
    for (const edge of [...delta.addedEdges, ...delta.changedEdges]) this.edges.set(edge.id, { op: 'upsert', value: edge });
    for (const id of delta.removedEdges) this.edges.set(id, { op: 'remove' });
  }

  get pending(): boolean {
    return this.nodes.size > 0 || this.edges.size > 0;
  }

  /** The one delta that brings the receiver up to date, or undefined when nothing changed. */
  flush(): GraphDelta | undefined {
    const nodes = split(this.nodes, this.sentNodes);
    const edges = split(this.edges, this.sentEdges);
    this.nodes.clear();
    this.edges.clear();
    const delta: GraphDelta = {
      addedNodes: nodes.added,
      changedNodes: nodes.changed,
      removedNodes: nodes.removed,
      addedEdges: edges.added,
      changedEdges: edges.changed,
      removedEdges: edges.removed,
    };
    return isEmptyDelta(delta) ? undefined : delta;
  }
}

function split<T>(pending: Map<string, Pending<T>>, sent: Set<string>): { added: T[]; changed: T[]; removed: string[] } {
  const result = { added: [] as T[], changed: [] as T[], removed: [] as string[] };
  for (const [id, entry] of pending) {
    if (entry.op === 'remove') {
      if (sent.delete(id)) result.removed.push(id);
    } else if (sent.has(id)) {
      result.changed.push(entry.value);
    } else {
      sent.add(id);
      result.added.push(entry.value);
    }
  }
  return result;
}
