/**
 * Levels of detail (issue 15): which objects fold into summary nodes, and what each summary says. At the
 * namespace level every namespace and every family of cluster-scoped infrastructure is one node, except the
 * groups the user opened; at the application level every application (per namespace) is one node and the rest
 * folds as at the namespace level; below it only namespaces the user folded by hand are, and those stay folded at
 * the application level too. Nothing is dropped:
 * a summary's members are every object it stands for, and its status is the worst of theirs.
 */
import type { NodeStatus } from '../model/graph.js';
import { STATUS_TONE, TONE_SEVERITY } from '../visual/status.js';
import { kindVisual } from '../visual/kinds.js';
import { nodeLabelLines } from '../visual/nodeGeometry.js';
import { WORKLOAD_KINDS } from '../model/kinds.js';
import type { GraphStore } from './graphStore.js';
import { shownStatus } from './eventFolds.js';
import { appOfGroup, applicationGroups } from './applications.js';
import { INFRA_TITLES, NAMESPACE_NODE_PREFIX, infraFamilyOfGroup, namespaceOfGroup, summaryGroupOf } from './groupFamilies.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';

export interface KindCount {
  readonly kind: string;
  readonly count: number;
}

/** What a folded group holds, for its label and the details panel. */
export interface GroupSummary {
  readonly objects: number;
  /** Kinds by count, most first (ties by name), at most TOP_KINDS of them. */
  readonly topKinds: readonly KindCount[];
  readonly worst: NodeStatus;
  /** Members whose status reads as failing (Failed, CrashLoopBackOff, Missing). */
  readonly failing: number;
  /** Broken references whose referring object is a member. */
  readonly broken: number;
}

export const TOP_KINDS = 3;

/** Real object id → id of the summary group it folds into, for every reachable object that folds. */
export function foldAssignments(
  store: GraphStore,
  options: ViewOptions,
  level: DetailLevel,
  reachable: ReadonlySet<string>,
): Map<string, string> {
  const assigned = new Map<string, string>();
  const opened = new Set(options.openedGroups);
  const collapsed = new Set(options.groupByNamespace ? options.collapsedNamespaces.filter((ns) => ns !== '') : []);
  const summaryLevel = level === 'namespace' || level === 'application';
  if (!summaryLevel && collapsed.size === 0) return assigned;
  const apps = level === 'application' ? applicationGroups(store) : undefined;
  const focus = options.focus?.id;
  for (const id of reachable) {
    const node = store.nodes.get(id);
    // The focused object stays itself: folding it would hide what the user asked to see.
    if (node === undefined || id === focus) continue;
    // A namespace the user folded by hand stays folded at every level, its applications with it.
    if (node.namespace !== '' && collapsed.has(node.namespace)) assigned.set(id, NAMESPACE_NODE_PREFIX + node.namespace);
    else if (summaryLevel) {
      const group = apps?.get(id) ?? summaryGroupOf(node);
      if (!opened.has(group)) assigned.set(id, group);
    }
  }
  return assigned;
}

/**
 * Namespaces ('' for cluster scope) where some reachable object belongs to an application: at the application
 * level each is a box holding its applications and, beside them, the rest of the namespace folded into one node.
 */
export function namespacesWithApps(store: GraphStore, reachable: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  const namespaceOf = new Map<string, string>();
  for (const [id, group] of applicationGroups(store)) {
    if (!reachable.has(id)) continue;
    let namespace = namespaceOf.get(group);
    if (namespace === undefined) namespaceOf.set(group, (namespace = appOfGroup(group)?.namespace ?? ''));
    result.add(namespace);
  }
  return result;
}

/** Member lists per group, members sorted, groups in id order. */
export function membersByGroup(assigned: ReadonlyMap<string, string>): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const [id, group] of assigned) {
    const list = byGroup.get(group);
    if (list === undefined) byGroup.set(group, [id]);
    else list.push(id);
  }
  for (const list of byGroup.values()) list.sort(compareIds);
  return new Map([...byGroup].sort(([a], [b]) => compareIds(a, b)));
}

/**
 * `workloadsFirst`: list workload kinds before the rest, for an application, whose summary should say what it runs
 * before the ConfigMaps that configure it (argo-cd: 6 DEPLOY · 1 STS · 9 SVC, not 9 SVC · 7 CM · 7 NETPOL;
 * a Deployment before its more numerous ReplicaSets).
 */
export function summarize(
  store: GraphStore,
  members: readonly string[],
  brokenBySource: ReadonlyMap<string, number>,
  workloadsFirst = false,
): GroupSummary {
  const kinds = new Map<string, number>();
  let worst: NodeStatus = 'Unknown';
  let failing = 0;
  let broken = 0;
  for (const id of members) {
    const node = store.nodes.get(id);
    if (node === undefined) continue;
    kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
    const status = shownStatus(store, node);
    const tone = STATUS_TONE[status];
    if (tone === 'bad') failing++;
    if (TONE_SEVERITY[tone] > TONE_SEVERITY[STATUS_TONE[worst]]) worst = status;
    broken += brokenBySource.get(id) ?? 0;
  }
  const topKinds = [...kinds]
    .map(([kind, count]) => ({ kind, count }))
    .sort(
      (a, b) =>
        recordRank(a.kind) - recordRank(b.kind) ||
        (workloadsFirst ? workloadRank(a.kind) - workloadRank(b.kind) : 0) ||
        b.count - a.count ||
        compareIds(a.kind, b.kind),
    )
    .slice(0, TOP_KINDS);
  return { objects: members.length, topKinds, worst, failing, broken };
}

/**
 * Events outnumber what they describe (a live namespace easily holds more Events than Pods), but a reader asks what
 * runs there: records of what happened rank after every kind that runs or configures something.
 */
const RECORD_KINDS: ReadonlySet<string> = new Set(['Event']);

function recordRank(kind: string): number {
  return RECORD_KINDS.has(kind) ? 1 : 0;
}

/** What an application runs at the top (Deployments, StatefulSets, CronJobs) before the ReplicaSets and Jobs under them. */
function workloadRank(kind: string): number {
  return WORKLOAD_KINDS.has(kind) && !RUN_BY_OWNER.has(kind) ? 0 : 1;
}

const RUN_BY_OWNER: ReadonlySet<string> = new Set(['ReplicaSet', 'Job']);

/** Broken references per referring object: the object whose field holds the reference is the one to fix. */
export function brokenReferrers(store: GraphStore): Map<string, number> {
  const result = new Map<string, number>();
  for (const edge of store.edges.values()) {
    if (store.brokenAsDrawn(edge) === undefined) continue;
    const referrer = edge.referrer ?? edge.source;
    result.set(referrer, (result.get(referrer) ?? 0) + 1);
  }
  return result;
}

/**
 * The text of a summary node: tag, name, then counts, so a folded group says what it holds and how it is.
 * `besideApps`: the group is the rest of a namespace drawn beside its applications, and says so.
 */
export function summaryLines(groupId: string, summary: GroupSummary, besideApps = false): string[] {
  const lines = nodeLabelLines(summaryTag(groupId, besideApps), summaryTitle(groupId));
  const health = [`${summary.objects} object${summary.objects === 1 ? '' : 's'}`];
  if (summary.failing > 0) health.push(`${summary.failing} failing`);
  if (summary.broken > 0) health.push(`${summary.broken} broken`);
  lines.push(health.join(' · '));
  lines.push(summary.topKinds.map((k) => `${k.count} ${kindVisual(k.kind, false).abbreviation}`).join(' · '));
  return lines;
}

function summaryTag(groupId: string, besideApps: boolean): string {
  if (appOfGroup(groupId) !== undefined) return 'APP';
  if (namespaceOfGroup(groupId) === undefined) return 'CLUSTER';
  return besideApps ? 'NOT IN AN APP' : 'NAMESPACE';
}

export function summaryTitle(groupId: string): string {
  const app = appOfGroup(groupId);
  if (app !== undefined) return app.app;
  const family = infraFamilyOfGroup(groupId);
  return namespaceOfGroup(groupId) ?? (family === undefined ? groupId : INFRA_TITLES[family]);
}

/**
 * The kind a summary is drawn as: a namespace; an application as its most common workload kind (its colour says
 * "this runs something", unlike a namespace's); an infrastructure family as its most common kind.
 */
export function summaryKind(groupId: string, summary: GroupSummary): string {
  if (namespaceOfGroup(groupId) !== undefined) return 'Namespace';
  if (appOfGroup(groupId) !== undefined) return summary.topKinds.find((k) => WORKLOAD_KINDS.has(k.kind))?.kind ?? 'Namespace';
  return summary.topKinds[0]?.kind ?? 'Namespace';
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
