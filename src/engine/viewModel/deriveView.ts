/**
 * From the full topology to what is drawn: filters, focus neighbourhood, summaries of the level of detail,
 * what a workload runs folded under it, Events folded beside their object, collapsed namespaces, namespace groups,
 * and edges re-pointed at whatever represents their ends. Pure and deterministic (sorted output) so the canvas can diff two views cheaply.
 */
import type { EdgeType, NodeStatus, TopologyNode } from '../model/graph.js';
import { STATUS_TONE, TONE_SEVERITY } from '../visual/status.js';
import { estimateNodeSize, nodeLabelLines } from '../visual/nodeGeometry.js';
import { kindVisual } from '../visual/kinds.js';
import type { GraphStore } from './graphStore.js';
import { nameFromId } from './graphStore.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';
import { resolveLevel } from './viewOptions.js';
import type { GroupSummary } from './detailLevels.js';
import {
  brokenReferrers,
  foldAssignments,
  membersByGroup,
  namespacesWithApps,
  summarize,
  summaryKind,
  summaryLines,
  summaryTitle,
} from './detailLevels.js';
import { appOfGroup, isAppGroup } from './applications.js';
import { namespaceOfGroup } from './groupFamilies.js';
import { ownedFoldCounts, ownedFoldKind, ownedFolds } from './ownerFolds.js';
import {
  EVENT_FOLD_PREFIX,
  EVENT_FOLD_TAG,
  eventFoldCounts,
  eventFoldLines,
  eventFolds,
  recentWarningCount,
  shownStatus,
  warningNeighbourhood,
} from './eventFolds.js';
import type { ViewEdge } from './viewEdges.js';
import { deriveEdges } from './viewEdges.js';

export type AggregateKind = 'pods' | 'namespace' | 'events';

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
  /** A missing placeholder expected to be absent (made outside the files): drawn as such, not as broken. */
  readonly expected?: true;
  readonly aggregate?: AggregateKind;
  /** Real node ids this view node stands for (itself for an ordinary node). */
  readonly members: readonly string[];
  /** On a folded group (namespace or cluster infrastructure): what it holds. */
  readonly summary?: GroupSummary;
  /** Compound namespace group, when grouping by namespace. */
  readonly parent?: string;
  readonly width: number;
  readonly height: number;
  /** Recent Warning Events about the objects it stands for (absent when none): the badge on the canvas. */
  readonly warnings?: number;
}

export interface ViewGroup {
  readonly id: string;
  readonly namespace: string;
}

export type { ViewEdge } from './viewEdges.js';

export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly groups: readonly ViewGroup[];
  /** Real node id → id of the view node that shows it. */
  readonly representative: ReadonlyMap<string, string>;
  /** The level drawn (`auto` resolved). */
  readonly level: DetailLevel;
}

export const POD_AGGREGATE_PREFIX = 'pods:';
export { EVENT_FOLD_PREFIX } from './eventFolds.js';
export { INFRA_NODE_PREFIX, NAMESPACE_NODE_PREFIX } from './groupFamilies.js';
export { APP_NODE_PREFIX } from './applications.js';
export const GROUP_PREFIX = 'ns:';

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

function foldGroups(
  store: GraphStore,
  options: ViewOptions,
  level: DetailLevel,
  reachable: ReadonlySet<string>,
  representative: Map<string, string>,
): ViewNode[] {
  const groups = membersByGroup(foldAssignments(store, options, level, reachable));
  if (groups.size === 0) return [];
  const broken = brokenReferrers(store);
  // At the application level a namespace holding applications is a box: its apps and the rest of it sit inside.
  const boxed = level === 'application' && options.groupByNamespace ? namespacesWithApps(store, reachable) : new Set<string>();
  // A namespace folded by hand is one summary, not a box of applications.
  for (const ns of options.collapsedNamespaces) boxed.delete(ns);
  const result: ViewNode[] = [];
  for (const [id, members] of groups) {
    for (const member of members) representative.set(member, id);
    const summary = summarize(store, members, broken, isAppGroup(id));
    const home = homeNamespace(id);
    const lines = summaryLines(id, summary, boxed.has(home));
    const node: ViewNode = {
      id,
      kind: summaryKind(id, summary),
      name: summaryTitle(id),
      namespace: home,
      status: summary.worst,
      tag: lines[0] ?? '',
      label: lines.join('\n'),
      missing: false,
      aggregate: 'namespace',
      members,
      summary,
      ...estimateNodeSize(lines),
    };
    result.push(boxed.has(home) ? { ...node, parent: GROUP_PREFIX + home } : node);
  }
  return result;
}

/** The namespace a summary belongs to: its own, its application's, or '' for cluster infrastructure. */
function homeNamespace(groupId: string): string {
  return namespaceOfGroup(groupId) ?? appOfGroup(groupId)?.namespace ?? '';
}

/** What a workload runs (ReplicaSets, Jobs, Pods) folded under it, one node per top owner (ownerFolds.ts). */
function foldOwned(
  store: GraphStore,
  options: ViewOptions,
  reachable: ReadonlySet<string>,
  representative: Map<string, string>,
): ViewNode[] {
  const folds = ownedFolds(store, reachable, representative, new Set(options.expandedOwners), options.focus?.id);
  const result: ViewNode[] = [];
  for (const [owner, ids] of folds) {
    const id = POD_AGGREGATE_PREFIX + owner;
    for (const member of ids) representative.set(member, id);
    const namespace = store.nodes.get(ids[0] ?? '')?.namespace ?? '';
    const ownerName = store.nodes.get(owner)?.name ?? nameFromId(owner);
    result.push(withParent(ownedFoldNode(id, store, ownerName, namespace, ids), options));
  }
  return result;
}

/**
 * A fold of what an owner runs: "PODS" when it holds only Pods, "RUNS" when ReplicaSets or Jobs are in it too. The
 * counts get a line of their own, so a long owner name never breaks "ReplicaSets" in two.
 */
function ownedFoldNode(id: string, store: GraphStore, ownerName: string, namespace: string, members: readonly string[]): ViewNode {
  const kind = ownedFoldKind(members, store);
  const tag = members.every((m) => store.nodes.get(m)?.kind === 'Pod') ? 'PODS' : 'RUNS';
  const counts = ownedFoldCounts(members, store);
  const lines = [...nodeLabelLines(tag, ownerName), counts];
  const sorted = [...members].sort(compare);
  const status = worstStatus(store, members);
  const name = `${ownerName} (${counts})`;
  return {
    id,
    kind,
    name,
    namespace,
    status,
    tag,
    label: lines.join('\n'),
    missing: false,
    aggregate: 'pods',
    members: sorted,
    ...estimateNodeSize(lines),
  };
}

/**
 * Events about one drawn object folded beside it (eventFolds.ts), after what owners run is folded: a Pod's Events
 * go to the fold of the Deployment that runs it.
 */
function foldEvents(
  store: GraphStore,
  options: ViewOptions,
  reachable: ReadonlySet<string>,
  representative: Map<string, string>,
): ViewNode[] {
  const folds = eventFolds(store, reachable, representative, new Set(options.openedGroups), options.focus?.id);
  const result: ViewNode[] = [];
  for (const [id, members] of folds) {
    for (const member of members) representative.set(member, id);
    const title = viewTitle(store, id.slice(EVENT_FOLD_PREFIX.length));
    const lines = eventFoldLines(store, title, members);
    const node: ViewNode = {
      id,
      kind: 'Event',
      name: `${title} (${eventFoldCounts(store, members)})`,
      namespace: store.nodes.get(members[0] ?? '')?.namespace ?? '',
      status: worstStatus(store, members),
      tag: EVENT_FOLD_TAG,
      label: lines.join('\n'),
      missing: false,
      aggregate: 'events',
      members: [...members].sort(compare),
      ...estimateNodeSize(lines),
    };
    result.push(withParent(node, options));
  }
  return result;
}

/**
 * What an Events fold is about, with its kind: a Deployment, its Service and its Pods are often all named "web"
 * ("DEPLOY web", "SVC web", "PODS web"); a summary's title.
 */
function viewTitle(store: GraphStore, viewId: string): string {
  const node = store.nodes.get(viewId);
  if (node !== undefined) return `${kindVisual(node.kind, node.missing === true).abbreviation} ${node.name}`;
  if (viewId.startsWith(POD_AGGREGATE_PREFIX)) {
    const owner = viewId.slice(POD_AGGREGATE_PREFIX.length);
    return `PODS ${store.nodes.get(owner)?.name ?? nameFromId(owner)}`;
  }
  return summaryTitle(viewId);
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

/** When grouping, every node sits in its namespace's box; cluster-scoped objects share one box too. */
function withParent(node: ViewNode, options: ViewOptions): ViewNode {
  if (!options.groupByNamespace) return node;
  return { ...node, parent: GROUP_PREFIX + node.namespace };
}

function worstStatus(store: GraphStore, ids: readonly string[]): NodeStatus {
  let worst: NodeStatus = 'Unknown';
  for (const id of ids) {
    const node = store.nodes.get(id);
    const status = node === undefined ? 'Unknown' : shownStatus(store, node);
    if (TONE_SEVERITY[STATUS_TONE[status]] > TONE_SEVERITY[STATUS_TONE[worst]]) worst = status;
  }
  return worst;
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

/** Code-unit order: locale-independent, so every machine derives the same view. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
