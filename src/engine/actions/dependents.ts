/**
 * What a delete takes with it: the objects the garbage collector removes once their owners are gone. A dependent
 * goes only when every owner it names goes (a Pod owned by two objects outlives the delete of one), and its own
 * dependents follow in turn. Read from the objects' ownerReferences, by uid, as the garbage collector reads them.
 */
import type { ObjectRecord } from '../model/object.js';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeletionPlan {
  /** The objects asked for, then their dependents, breadth first (the order the confirmation lists them). */
  readonly ids: readonly string[];
  /** How many of `ids` are dependents rather than asked for. */
  readonly dependents: number;
}

function ownerUids(record: ObjectRecord): string[] {
  return (record.object.metadata?.ownerReferences ?? []).flatMap((ref) => (typeof ref.uid === 'string' && ref.uid ? [ref.uid] : []));
}

/** Objects by the uids of their owners, built in one pass. */
function dependentsByOwner(objects: Iterable<ObjectRecord>): Map<string, ObjectRecord[]> {
  const byOwner = new Map<string, ObjectRecord[]>();
  for (const record of objects) {
    for (const uid of ownerUids(record)) {
      const list = byOwner.get(uid);
      if (list) list.push(record);
      else byOwner.set(uid, [record]);
    }
  }
  return byOwner;
}

/**
 * The objects that go when `roots` are deleted with `policy`. Orphan leaves every dependent (the garbage collector
 * only strips their ownerReferences); Background and Foreground differ in order, not in what goes.
 */
export function deletionPlan(roots: readonly ObjectRecord[], objects: Iterable<ObjectRecord>, policy: PropagationPolicy): DeletionPlan {
  const ids = roots.map((root) => root.id);
  if (policy === 'Orphan') return { ids, dependents: 0 };
  const byOwner = dependentsByOwner(objects);
  const goneUids = new Set(roots.flatMap((root) => (root.uid ? [root.uid] : [])));
  const seen = new Set(ids);
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (!next.uid) continue;
    for (const dependent of byOwner.get(next.uid) ?? []) {
      if (seen.has(dependent.id) || !ownerUids(dependent).every((uid) => goneUids.has(uid))) continue;
      seen.add(dependent.id);
      ids.push(dependent.id);
      if (dependent.uid) goneUids.add(dependent.uid);
      queue.push(dependent);
    }
  }
  return { ids, dependents: ids.length - roots.length };
}
