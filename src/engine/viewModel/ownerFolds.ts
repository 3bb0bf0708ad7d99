/**
 * The workload level's folds (issue 15): what a workload runs folds under it. A Deployment's ReplicaSets and
 * their Pods fold into one node under the Deployment, a CronJob's Jobs and their Pods under the CronJob, a
 * StatefulSet's or DaemonSet's Pods under it; the fold is keyed by the top of the controller chain, so opening
 * it (expanding that owner) shows everything it runs one by one.
 */
import type { TopologyNode } from '../model/graph.js';
import type { GraphStore } from './graphStore.js';

/** Kinds that a controller runs: they fold under the top of their controller chain. */
const RUN_KINDS: ReadonlySet<string> = new Set(['Pod', 'ReplicaSet', 'Job']);

/** Folded only when an owner runs at least this many objects: one Pod alone reads better as itself. */
export const MIN_OWNED_TO_FOLD = 2;

/** The longest controller chain followed (CronJob → Job → Pod is 2); guards against a cycle in bad input. */
const MAX_CHAIN = 6;

/**
 * Top owner id → the reachable objects it runs that are not already represented, members in store order. The
 * focused object's owner is not folded: folding would hide what the user asked to see.
 */
export function ownedFolds(
  store: GraphStore,
  reachable: ReadonlySet<string>,
  represented: ReadonlyMap<string, string>,
  expandedOwners: ReadonlySet<string>,
  focus: string | undefined,
): Map<string, string[]> {
  const byOwner = new Map<string, string[]>();
  for (const id of reachable) {
    const node = store.nodes.get(id);
    if (node === undefined || !RUN_KINDS.has(node.kind) || node.controller === undefined || represented.has(id)) continue;
    const owner = topOwner(store, node);
    if (expandedOwners.has(owner)) continue;
    const list = byOwner.get(owner);
    if (list === undefined) byOwner.set(owner, [id]);
    else list.push(id);
  }
  for (const [owner, ids] of byOwner) {
    if (ids.length < MIN_OWNED_TO_FOLD || (focus !== undefined && ids.includes(focus))) byOwner.delete(owner);
  }
  return byOwner;
}

/** Up the controller chain while the owner is itself something run by a controller (ReplicaSet, Job). */
function topOwner(store: GraphStore, node: TopologyNode): string {
  let owner = node.controller ?? node.id;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const next = store.nodes.get(owner);
    if (next === undefined || !RUN_KINDS.has(next.kind) || next.controller === undefined || next.controller === node.id) break;
    owner = next.controller;
  }
  return owner;
}

const NOUNS: ReadonlyArray<readonly [string, string, string]> = [
  ['Job', 'Job', 'Jobs'],
  ['ReplicaSet', 'ReplicaSet', 'ReplicaSets'],
  ['Pod', 'pod', 'pods'],
];

/** "2 ReplicaSets, 5 pods": what the fold holds, by kind, in the order the owner runs them. */
export function ownedFoldCounts(members: readonly string[], store: GraphStore): string {
  const counts = new Map<string, number>();
  for (const id of members) {
    const kind = store.nodes.get(id)?.kind ?? 'Pod';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = NOUNS.filter(([kind]) => counts.has(kind)).map(([kind, one, many]) => {
    const n = counts.get(kind) ?? 0;
    return `${n} ${n === 1 ? one : many}`;
  });
  return parts.join(', ');
}

/** A fold holding Pods is drawn as Pods; one holding only ReplicaSets or Jobs as those. */
export function ownedFoldKind(members: readonly string[], store: GraphStore): string {
  const kinds = new Set(members.map((id) => store.nodes.get(id)?.kind ?? 'Pod'));
  return kinds.has('Pod') ? 'Pod' : (NOUNS.find(([kind]) => kinds.has(kind))?.[0] ?? 'Pod');
}
