import { describe, expect, it } from 'vitest';
import { deletionPlan } from '../../../src/engine/actions/dependents';
import type { ObjectRecord } from '../../../src/engine/model/object';

function record(kind: string, name: string, uid: string, owners: string[] = []): ObjectRecord {
  const group = kind === 'Pod' ? '' : 'apps';
  return {
    id: `${group}/${kind}/shop/${name}`,
    group,
    version: 'v1',
    kind,
    namespace: 'shop',
    name,
    uid,
    labels: {},
    object: { metadata: { name, namespace: 'shop', uid, ownerReferences: owners.map((owner) => ({ uid: owner })) } },
  };
}

const deploy = record('Deployment', 'web', 'd');
const rsOld = record('ReplicaSet', 'web-1', 'r1', ['d']);
const rsNew = record('ReplicaSet', 'web-2', 'r2', ['d']);
const podA = record('Pod', 'web-2-a', 'p1', ['r2']);
const podB = record('Pod', 'web-2-b', 'p2', ['r2']);
/** Owned by the new ReplicaSet and by something that is not deleted. */
const shared = record('Pod', 'shared', 'p3', ['r2', 'other']);
const other = record('Deployment', 'other', 'other');
const all = [deploy, rsOld, rsNew, podA, podB, shared, other];

describe('what a delete takes with it', () => {
  it('lists the object, then its dependents breadth first, down the owner chain', () => {
    const plan = deletionPlan([deploy], all, 'Background');
    expect(plan.ids).toEqual([deploy.id, rsOld.id, rsNew.id, podA.id, podB.id]);
    expect(plan.dependents).toBe(4);
  });

  it('keeps a dependent that has an owner which stays, as the garbage collector does', () => {
    expect(deletionPlan([rsNew], all, 'Foreground').ids).not.toContain(shared.id);
    // Both of its owners go: it goes too, whichever is reached first.
    expect(deletionPlan([other, deploy], all, 'Foreground').ids).toContain(shared.id);
    expect(deletionPlan([deploy, other], all, 'Foreground').ids).toContain(shared.id);
  });

  it('takes nothing else with Orphan', () => {
    expect(deletionPlan([deploy], all, 'Orphan')).toEqual({ ids: [deploy.id], dependents: 0 });
  });

  it('survives an ownership cycle', () => {
    const a = record('ReplicaSet', 'a', 'a', ['b']);
    const b = record('ReplicaSet', 'b', 'b', ['a']);
    expect(deletionPlan([a], [a, b], 'Background').ids).toEqual([a.id, b.id]);
  });
});
