/**
 * From the full topology to what is drawn: filters, focus neighbourhood, summaries of the level of detail,
 * what a workload runs folded under it, Events folded beside their object, collapsed namespaces, namespace groups,
 * and edges re-pointed at whatever represents their ends. Pure and deterministic (sorted output) so the canvas can diff two views cheaply.
 */
import type { EdgeType, TopologyNode } from '../model/graph.js';
import { nodeLabelLines, estimateNodeSize } from '../visual/nodeGeometry.js';
import { kindVisual } from '../visual/kinds.js';
import type { GraphStore } from './graphStore.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';
import { resolveLevel } from './viewOptions.js';
import { recentWarningCount, shownStatus, warningNeighbourhood } from './eventFolds.js';
import { foldEvents, foldGroups, foldOwned, withParent } from './foldNodes.js';
import { GROUP_PREFIX, compare, type ViewGraph, type ViewGroup, type ViewNode } from './viewGraph.js';
import { deriveEdges } from './viewEdges.js';

export type { ViewEdge } from './viewEdges.js';
export { EVENT_FOLD_PREFIX } from './eventFolds.js';
export { INFRA_NODE_PREFIX, NAMESPACE_NODE_PREFIX } from './groupFamilies.js';
export { APP_NODE_PREFIX } from './applications.js';

export function deriveView(store: GraphStore, options: ViewOptions): ViewGraph {
  const shown = filterNodes(store, options);
  const visible = options.warningsOnly ? warningNeighbourhood(store, shown, options.hiddenEdgeTypes) : shown;
  const reachable = options.focus === null ? visible : focusNeighbourhood(store, options, visible);
  const level = resolveLevel(options.level, reachable.size);
  const representative = new Map<string, string>();
  const summaries = foldGroups(store, options, level, reachable, representative);
  const nodes = [...summaries, ...(level === 'object' ? [] : foldOwned(store, options, reachable, representative))];
  if (level === 'workload') nodes.push(...foldEvents(store, options, reachable, representative));
  for (const id of reachable) {
    if (representative.has(id)) continue;
    const node = store.nodes.get(id);
    if (node === undefined) continue;
    representative.set(id, id);
    nodes.push(plainNode(store, node, options, level));
  }
  nodes.sort((a, b) => compare(a.id, b.id));
  withWarnings(store, nodes);
  // At the summary levels, edges between summaries are counted by family: one labelled line per pair and family.
  const counted = new Set(level === 'namespace' || level === 'application' ? summaries.map((n) => n.id) : []);
  const edges = deriveEdges(store, options, representative, counted);
  return { nodes, edges, groups: deriveGroups(nodes), representative, level };
}

function filterNodes(store: GraphStore, options: ViewOptions): Set<string> {
  const hiddenNs = new Set(options.hiddenNamespaces);
  const hiddenKinds = new Set(options.hiddenKinds);
  const result = new Set<string>();
  for (const node of store.nodes.values()) {
    if (!hiddenNs.has(node.namespace) && !hiddenKinds.has(node.kind)) result.add(node.id);
  }
  return result;
}

/** Breadth-first over visible edges in both directions, up to `hops` steps from the focus node. */
function focusNeighbourhood(store: GraphStore, options: ViewOptions, visible: ReadonlySet<string>): Set<string> {
  const focus = options.focus;
  if (focus === null || !visible.has(focus.id)) return new Set(visible);
  const hiddenTypes = new Set<EdgeType>(options.hiddenEdgeTypes);
  const reached = new Set([focus.id]);
  let frontier = [focus.id];
  for (let hop = 0; hop < focus.hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of [...store.outgoing(id), ...store.incoming(id)]) {
        if (hiddenTypes.has(edge.type)) continue;
        const other = edge.source === id ? edge.target : edge.source;
        if (visible.has(other) && !reached.has(other)) {
          reached.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return reached;
}

function plainNode(store: GraphStore, node: TopologyNode, options: ViewOptions, level: DetailLevel): ViewNode {
  const tag = kindVisual(node.kind, node.missing === true).abbreviation;
  const lines = nodeLabelLines(tag, node.name);
  const plain: ViewNode = {
    id: node.id,
    kind: node.kind,
    name: node.name,
    namespace: node.namespace,
    status: shownStatus(store, node),
    tag,
    label: lines.join('\n'),
    missing: node.missing === true,
    members: [node.id],
    ...estimateNodeSize(lines),
  };
  const view: ViewNode = store.isExpected(node.id) ? { ...plain, expected: true } : plain;
  // At the summary levels a Namespace object folds with its contents, so it opens into their box too.
  const summaryLevel = level === 'namespace' || level === 'application';
  if (summaryLevel && node.kind === 'Namespace' && options.groupByNamespace) return { ...view, parent: GROUP_PREFIX + node.name };
  return withParent(view, options);
}

/** Gives each node that stands for warned objects its badge count (Events and their folds carry none). */
function withWarnings(store: GraphStore, nodes: ViewNode[]): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.kind === 'Event') continue;
    const warnings = recentWarningCount(store, node.members);
    if (warnings > 0) nodes[index] = { ...node, warnings };
  }
}

function deriveGroups(nodes: readonly ViewNode[]): ViewGroup[] {
  const namespaces = new Set<string>();
  for (const node of nodes) if (node.parent !== undefined) namespaces.add(node.parent.slice(GROUP_PREFIX.length));
  return [...namespaces].sort(compare).map((namespace) => ({ id: GROUP_PREFIX + namespace, namespace }));
}
