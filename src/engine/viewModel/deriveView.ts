/**
 * From the full topology to what is drawn: filters, focus neighbourhood, pods collapsed under their
 * controller, collapsed namespaces, namespace groups, and edges re-pointed at whatever represents their
 * ends. Pure and deterministic (sorted output) so the canvas can diff two views cheaply.
 */
import type { BrokenReason, EdgeType, NodeStatus, TopologyEdge, TopologyNode } from '../model/graph.js';
import { STATUS_TONE, TONE_SEVERITY } from '../visual/status.js';
import { estimateNodeSize, nodeLabelLines } from '../visual/nodeGeometry.js';
import { kindVisual } from '../visual/kinds.js';
import type { GraphStore } from './graphStore.js';
import { nameFromId } from './graphStore.js';
import type { ViewOptions } from './viewOptions.js';

export type AggregateKind = 'pods' | 'namespace';

export interface ViewNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly status: NodeStatus;
  /** The kind tag drawn above the name, e.g. DEPLOY. */
  readonly tag: string;
  /** Exactly what the canvas draws: tag and name lines joined by newlines. */
  readonly label: string;
  readonly missing: boolean;
  readonly aggregate?: AggregateKind;
  /** Real node ids this view node stands for (itself for an ordinary node). */
  readonly members: readonly string[];
  /** Compound namespace group, when grouping by namespace. */
  readonly parent?: string;
  readonly width: number;
  readonly height: number;
}

export interface ViewGroup {
  readonly id: string;
  readonly namespace: string;
}

export interface ViewEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  readonly broken?: BrokenReason;
  readonly controller: boolean;
  /** Real edge ids drawn as this one line. */
  readonly members: readonly string[];
}

export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly groups: readonly ViewGroup[];
  /** Real node id → id of the view node that shows it. */
  readonly representative: ReadonlyMap<string, string>;
}

export const POD_AGGREGATE_PREFIX = 'pods:';
export const NAMESPACE_NODE_PREFIX = 'nsc:';
export const GROUP_PREFIX = 'ns:';

/** Pods are folded into one node only when there are at least this many under one controller. */
const MIN_PODS_TO_COLLAPSE = 2;

export function deriveView(store: GraphStore, options: ViewOptions): ViewGraph {
  const visible = filterNodes(store, options);
  const reachable = options.focus === null ? visible : focusNeighbourhood(store, options, visible);
  const representative = new Map<string, string>();
  const nodes = [
    ...collapseNamespaces(store, options, reachable, representative),
    ...collapsePods(store, options, reachable, representative),
  ];
  for (const id of reachable) {
    if (representative.has(id)) continue;
    const node = store.nodes.get(id);
    if (node === undefined) continue;
    representative.set(id, id);
    nodes.push(plainNode(node, options));
  }
  nodes.sort((a, b) => compare(a.id, b.id));
  const edges = deriveEdges(store, options, representative);
  return { nodes, edges, groups: deriveGroups(nodes), representative };
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

function collapseNamespaces(
  store: GraphStore,
  options: ViewOptions,
  reachable: ReadonlySet<string>,
  representative: Map<string, string>,
): ViewNode[] {
  if (!options.groupByNamespace || options.collapsedNamespaces.length === 0) return [];
  const collapsed = new Set(options.collapsedNamespaces.filter((ns) => ns !== ''));
  const members = new Map<string, string[]>();
  for (const id of reachable) {
    const node = store.nodes.get(id);
    if (node === undefined || !collapsed.has(node.namespace) || id === options.focus?.id) continue;
    push(members, node.namespace, id);
  }
  return [...members].map(([namespace, ids]) => {
    const id = NAMESPACE_NODE_PREFIX + namespace;
    for (const member of ids) representative.set(member, id);
    const name = `${namespace} (${ids.length} objects)`;
    return aggregateNode(id, 'Namespace', name, namespace, worstStatus(store, ids), 'namespace', ids);
  });
}

function collapsePods(
  store: GraphStore,
  options: ViewOptions,
  reachable: ReadonlySet<string>,
  representative: Map<string, string>,
): ViewNode[] {
  const expanded = new Set(options.expandedOwners);
  const byController = new Map<string, string[]>();
  for (const id of reachable) {
    const node = store.nodes.get(id);
    if (node?.kind !== 'Pod' || node.controller === undefined || representative.has(id)) continue;
    if (expanded.has(node.controller)) continue;
    push(byController, node.controller, id);
  }
  const result: ViewNode[] = [];
  for (const [controller, ids] of byController) {
    // Keep the focused pod visible on its own: collapsing it would hide what the user asked to see.
    if (ids.length < MIN_PODS_TO_COLLAPSE || ids.includes(options.focus?.id ?? '')) continue;
    const id = POD_AGGREGATE_PREFIX + controller;
    for (const member of ids) representative.set(member, id);
    const first = store.nodes.get(ids[0] ?? '');
    const namespace = first?.namespace ?? '';
    const owner = store.nodes.get(controller)?.name ?? nameFromId(controller);
    const node = aggregateNode(id, 'Pod', `${owner} (${ids.length} pods)`, namespace, worstStatus(store, ids), 'pods', ids);
    result.push(withParent(node, options));
  }
  return result;
}

function aggregateNode(
  id: string,
  kind: string,
  name: string,
  namespace: string,
  status: NodeStatus,
  aggregate: AggregateKind,
  members: readonly string[],
): ViewNode {
  const tag = aggregate === 'pods' ? 'PODS' : 'NAMESPACE';
  const lines = nodeLabelLines(tag, name);
  const sorted = [...members].sort(compare);
  const label = lines.join('\n');
  return { id, kind, name, namespace, status, tag, label, missing: false, aggregate, members: sorted, ...estimateNodeSize(lines) };
}

function plainNode(node: TopologyNode, options: ViewOptions): ViewNode {
  const tag = kindVisual(node.kind, node.missing === true).abbreviation;
  const lines = nodeLabelLines(tag, node.name);
  const view: ViewNode = {
    id: node.id,
    kind: node.kind,
    name: node.name,
    namespace: node.namespace,
    status: node.status,
    tag,
    label: lines.join('\n'),
    missing: node.missing === true,
    members: [node.id],
    ...estimateNodeSize(lines),
  };
  return withParent(view, options);
}

/** When grouping, every node sits in its namespace's box; cluster-scoped objects share one box too. */
function withParent(node: ViewNode, options: ViewOptions): ViewNode {
  if (!options.groupByNamespace) return node;
  return { ...node, parent: GROUP_PREFIX + node.namespace };
}

function worstStatus(store: GraphStore, ids: readonly string[]): NodeStatus {
  let worst: NodeStatus = 'Unknown';
  for (const id of ids) {
    const status = store.nodes.get(id)?.status ?? 'Unknown';
    if (TONE_SEVERITY[STATUS_TONE[status]] > TONE_SEVERITY[STATUS_TONE[worst]]) worst = status;
  }
  return worst;
}

interface EdgeAccumulator {
  source: string;
  target: string;
  type: EdgeType;
  broken: BrokenReason | undefined;
  controller: boolean;
  members: string[];
}

function deriveEdges(store: GraphStore, options: ViewOptions, representative: ReadonlyMap<string, string>): ViewEdge[] {
  const hiddenTypes = new Set<EdgeType>(options.hiddenEdgeTypes);
  const byKey = new Map<string, EdgeAccumulator>();
  for (const edge of store.edges.values()) {
    if (hiddenTypes.has(edge.type)) continue;
    const source = representative.get(edge.source);
    const target = representative.get(edge.target);
    // Edges inside one collapsed node (pod to pod, within a folded namespace) have nothing to connect.
    if (source === undefined || target === undefined || source === target) continue;
    const key = `${source}>${edge.type}>${target}`;
    const acc = byKey.get(key);
    if (acc === undefined) byKey.set(key, accumulate(edge, source, target));
    else {
      acc.members.push(edge.id);
      acc.broken ??= edge.broken;
      acc.controller ||= edge.controller === true;
    }
  }
  const edges: ViewEdge[] = [];
  for (const [id, acc] of byKey) {
    const { broken, ...rest } = acc;
    const members = [...acc.members].sort(compare);
    edges.push(broken === undefined ? { id, ...rest, members } : { id, ...rest, broken, members });
  }
  return edges.sort((a, b) => compare(a.id, b.id));
}

function accumulate(edge: TopologyEdge, source: string, target: string): EdgeAccumulator {
  return {
    source,
    target,
    type: edge.type,
    broken: edge.broken,
    controller: edge.controller === true,
    members: [edge.id],
  };
}

function deriveGroups(nodes: readonly ViewNode[]): ViewGroup[] {
  const namespaces = new Set<string>();
  for (const node of nodes) if (node.parent !== undefined) namespaces.add(node.namespace);
  return [...namespaces].sort(compare).map((namespace) => ({ id: GROUP_PREFIX + namespace, namespace }));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Code-unit order: locale-independent, so every machine derives the same view. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
