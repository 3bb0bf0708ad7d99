/**
 * The nodes that stand for several objects: summaries of a level of detail (a namespace, an application, cluster
 * infrastructure), what a workload runs folded under it, and Events folded beside their object. Each fold records
 * which view node represents its members, so deriveView.ts re-points their edges.
 */
import type { NodeStatus } from '../model/graph.js';
import { STATUS_TONE, TONE_SEVERITY } from '../visual/status.js';
import { estimateNodeSize, nodeLabelLines } from '../visual/nodeGeometry.js';
import { kindVisual } from '../visual/kinds.js';
import type { GraphStore } from './graphStore.js';
import { nameFromId } from './graphStore.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';
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
import { EVENT_FOLD_PREFIX, EVENT_FOLD_TAG, eventFoldCounts, eventFoldLines, eventFolds, shownStatus } from './eventFolds.js';
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX, compare, type ViewNode } from './viewGraph.js';

/** The summaries of a level of detail, one per folded group of what is reachable. */
export function foldGroups(
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
export function foldOwned(
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
export function foldEvents(
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

/** When grouping, every node sits in its namespace's box; cluster-scoped objects share one box too. */
export function withParent(node: ViewNode, options: ViewOptions): ViewNode {
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
