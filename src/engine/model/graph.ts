/** The typed graph the engine emits: plain data, serializable, shared by host, webview, CLI and exporters. */

export type NodeStatus =
  'Running' | 'Pending' | 'Failed' | 'CrashLoopBackOff' | 'Succeeded' | 'Ready' | 'Degraded' | 'Bound' | 'Unbound' | 'Missing' | 'Unknown';

export interface SourceLocation {
  readonly file: string;
  /** 1-based line of the document's first line. */
  readonly line: number;
}

export interface TopologyNode {
  readonly id: string;
  readonly kind: string;
  readonly group: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly status: NodeStatus;
  /** Short human text, e.g. "3/3 ready" or "ClusterIP 10.0.0.1". */
  readonly detail?: string | undefined;
  /** A placeholder for a referenced object that is not in the input. */
  readonly missing?: boolean;
  /** A synthetic node that is not a Kubernetes object (e.g. an ipBlock peer). */
  readonly synthetic?: boolean;
  /** Id of the controlling owner (ownerReference with controller: true), for collapsing. */
  readonly controller?: string | undefined;
  readonly instance?: string | undefined;
  readonly partOf?: string | undefined;
  readonly source?: SourceLocation | undefined;
  /** On an Event of type Warning: true (Normal events leave it out). Its object reads as Degraded (viewModel/eventFolds.ts). */
  readonly warning?: boolean | undefined;
  /** On an Event: when it last happened, as the API wrote it (RFC 3339); tells a recent warning from an old one. */
  readonly time?: string | undefined;
}

/**
 * Every relation type, declared once. The order is the graph table's type code (graph/edgeTable.ts), so a new type
 * goes at the end. Each type's colour, line and readings (forward and reverse) live in visual/edges.ts; the export
 * schema's enums are checked against this list by a test.
 */
export const EDGE_TYPES = [
  'owns',
  'selects',
  'routes',
  'mounts',
  'env',
  'pulls',
  'uses',
  'runs-on',
  'binds',
  'scales',
  'allows',
  'applies-to',
  'endpoint',
  'serves',
  'aggregates',
  'claims',
  'provisions',
  'event',
  'token',
  'governed-by',
  'runs-as',
] as const;

export type EdgeType = (typeof EDGE_TYPES)[number];

export type BrokenReason = 'missing' | 'not-permitted' | 'uid-mismatch';

export interface TopologyEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  /** Why the edge exists, e.g. "volume config", "env DB_HOST", "ingress from". Sorted, de-duplicated. */
  readonly via: readonly string[];
  readonly controller?: boolean;
  readonly broken?: BrokenReason;
  /** On broken edges: the object whose field holds the reference (the one to fix). */
  readonly referrer?: string;
}

export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

export interface GraphDelta {
  readonly addedNodes: readonly TopologyNode[];
  readonly changedNodes: readonly TopologyNode[];
  readonly removedNodes: readonly string[];
  readonly addedEdges: readonly TopologyEdge[];
  readonly changedEdges: readonly TopologyEdge[];
  readonly removedEdges: readonly string[];
}

/** Joined, not concatenated: one flat string, which sorting and hashing read without flattening a rope first. */
export function edgeId(source: string, type: EdgeType, target: string): string {
  return [source, type, target].join('>');
}

export function isEmptyDelta(delta: GraphDelta): boolean {
  return (
    delta.addedNodes.length === 0 &&
    delta.changedNodes.length === 0 &&
    delta.removedNodes.length === 0 &&
    delta.addedEdges.length === 0 &&
    delta.changedEdges.length === 0 &&
    delta.removedEdges.length === 0
  );
}
