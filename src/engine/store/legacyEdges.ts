/**
 * Relation types renamed since snapshots were first stored: a snapshot recorded before the rename reads with
 * today's names, so comparing it with the live graph shows no change that is only a new name. Stored bytes are
 * never rewritten; the renaming happens as a snapshot is read (from the database or from an imported file).
 *
 * Each rule names the old type and the kinds at both ends, read from the edge's ids (`group/Kind/namespace/name`).
 */
import type { EdgeType, TopologyEdge, TopologyGraph } from '../model/graph.js';
import { edgeId } from '../model/graph.js';

interface Rename {
  readonly from: EdgeType;
  readonly sourceKind?: string;
  readonly targetKind: string;
  readonly to: EdgeType;
}

const RENAMES: readonly Rename[] = [
  // ServiceAccount.secrets (its token Secrets) was drawn as "mounts": nothing mounts anything there.
  { from: 'mounts', sourceKind: 'ServiceAccount', targetKind: 'Secret', to: 'token' },
  // StatefulSet.spec.serviceName was a bare "uses".
  { from: 'uses', sourceKind: 'StatefulSet', targetKind: 'Service', to: 'governed-by' },
  // serviceAccountName of Pods, pod templates and operator resources was a bare "uses".
  { from: 'uses', targetKind: 'ServiceAccount', to: 'runs-as' },
];

function kindOf(id: string): string {
  return id.split('/')[1] ?? '';
}

function renamed(edge: TopologyEdge): EdgeType | undefined {
  for (const rule of RENAMES) {
    if (edge.type !== rule.from || kindOf(edge.target) !== rule.targetKind) continue;
    if (rule.sourceKind === undefined || kindOf(edge.source) === rule.sourceKind) return rule.to;
  }
  return undefined;
}

/** The graph with today's relation names; the same object when nothing needed renaming. */
export function renameLegacyEdges(graph: TopologyGraph): TopologyGraph {
  if (!graph.edges.some((edge) => renamed(edge) !== undefined)) return graph;
  const edges = graph.edges.map((edge): TopologyEdge => {
    const type = renamed(edge);
    if (type === undefined) return edge;
    // An id that was derived from the old type is derived again; any other id is kept as it was.
    const id = edge.id === edgeId(edge.source, edge.type, edge.target) ? edgeId(edge.source, type, edge.target) : edge.id;
    return { ...edge, id, type };
  });
  edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...graph, edges };
}
