/**
 * Edges of a derived view: every real edge re-pointed at the view nodes that show its ends. Edges touching a
 * namespace-level summary are counted together per pair of ends and edge family (one line labelled "12"
 * instead of twelve parallel lines); the rest stay one line per pair and type.
 */
import type { BrokenReason, EdgeType, TopologyEdge } from '../model/graph.js';
import { EDGE_TYPES } from '../model/graph.js';
import type { GraphStore } from './graphStore.js';
import { EDGE_FAMILY } from './groupFamilies.js';
import type { ViewOptions } from './viewOptions.js';

export interface ViewEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  readonly broken?: BrokenReason;
  readonly controller: boolean;
  /** Real edge ids drawn as this one line. */
  readonly members: readonly string[];
  /** On an edge counted by family between summaries: how many real edges it stands for, drawn as its label. */
  readonly count?: number;
}

interface EdgeAccumulator {
  source: string;
  target: string;
  broken: BrokenReason | undefined;
  controller: boolean;
  members: string[];
  types: Map<EdgeType, number>;
  counted: boolean;
}

/** `counted`: view node ids (summaries) whose edges are counted by family. */
export function deriveEdges(
  store: GraphStore,
  options: ViewOptions,
  representative: ReadonlyMap<string, string>,
  counted: ReadonlySet<string>,
): ViewEdge[] {
  const hiddenTypes = new Set<EdgeType>(options.hiddenEdgeTypes);
  const byKey = new Map<string, EdgeAccumulator>();
  for (const edge of store.edges.values()) {
    if (hiddenTypes.has(edge.type)) continue;
    const source = representative.get(edge.source);
    const target = representative.get(edge.target);
    // Edges inside one collapsed node (pod to pod, within a folded namespace) have nothing to connect.
    if (source === undefined || target === undefined || source === target) continue;
    const byFamily = counted.has(source) || counted.has(target);
    const key = `${source}>${byFamily ? EDGE_FAMILY[edge.type] : edge.type}>${target}`;
    const acc = byKey.get(key);
    if (acc === undefined) byKey.set(key, accumulate(edge, store.brokenAsDrawn(edge), source, target, byFamily));
    else {
      acc.members.push(edge.id);
      acc.types.set(edge.type, (acc.types.get(edge.type) ?? 0) + 1);
      acc.broken ??= store.brokenAsDrawn(edge);
      acc.controller ||= edge.controller === true;
    }
  }
  const edges: ViewEdge[] = [];
  for (const [id, acc] of byKey) edges.push(finish(id, acc));
  return edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function accumulate(
  edge: TopologyEdge,
  broken: BrokenReason | undefined,
  source: string,
  target: string,
  counted: boolean,
): EdgeAccumulator {
  return {
    source,
    target,
    broken,
    controller: edge.controller === true,
    members: [edge.id],
    types: new Map([[edge.type, 1]]),
    counted,
  };
}

function finish(id: string, acc: EdgeAccumulator): ViewEdge {
  const members = [...acc.members].sort();
  const base = { id, source: acc.source, target: acc.target, type: dominantType(acc.types), controller: acc.controller, members };
  const withCount = acc.counted ? { ...base, count: members.length } : base;
  return acc.broken === undefined ? withCount : { ...withCount, broken: acc.broken };
}

/** The type drawn for a counted edge: the most common among its members, ties to the earlier declared type. */
function dominantType(types: ReadonlyMap<EdgeType, number>): EdgeType {
  let best: EdgeType | undefined;
  for (const type of EDGE_TYPES) {
    const n = types.get(type) ?? 0;
    if (n > 0 && (best === undefined || n > (types.get(best) ?? 0))) best = type;
  }
  return best ?? 'uses';
}
