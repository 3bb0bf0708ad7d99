import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/syntheticCluster.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { planRetention, shouldSnapshot, type RetentionCandidate } from '../../../src/engine/store/policy.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { graphOfObjects, open, tempDir } from './support.js';

const HOUR = 3_600_000;
const base = { lastAt: 0, now: HOUR, intervalMs: HOUR, changesSince: 1, changeThreshold: 50 };

describe('shouldSnapshot', () => {
  it.each([
    ['first snapshot of a cluster', { lastAt: undefined, changesSince: 0 }, true],
    ['interval up and something changed', {}, true],
    ['interval up but nothing changed', { changesSince: 0 }, false],
    ['interval not up, few changes', { now: HOUR - 1 }, false],
    ['interval not up, many changes (a rollout)', { now: 10, changesSince: 50 }, true],
    ['clock set back', { lastAt: 5 * HOUR, now: HOUR }, true],
  ] as const)('%s', (_name, change, expected) => {
    expect(shouldSnapshot({ ...base, ...change })).toBe(expected);
  });
});

const snap = (id: number, clusterId: number, takenAt: number, storedBytes = 100): RetentionCandidate => ({
  id,
  clusterId,
  takenAt,
  storedBytes,
});

describe('planRetention', () => {
  it('deletes by age, oldest first, but never the newest snapshot of a cluster', () => {
    const snapshots = [snap(1, 1, 0), snap(2, 1, 10), snap(3, 1, 100), snap(4, 2, 5)];
    expect(planRetention(snapshots, { maxAgeMs: 50 }, 110)).toEqual([1, 2]);
  });

  it('deletes the oldest until the total fits, across clusters', () => {
    const snapshots = [snap(1, 1, 0, 500), snap(2, 2, 1, 300), snap(3, 1, 2, 200), snap(4, 2, 3, 100)];
    expect(planRetention(snapshots, { maxTotalBytes: 400 }, 10)).toEqual([1, 2]);
    expect(planRetention(snapshots, { maxTotalBytes: 10 }, 10)).toEqual([1, 2]);
    expect(planRetention(snapshots, {}, 10)).toEqual([]);
  });

  it('orders equal times by id, as the store lists them', () => {
    expect(planRetention([snap(2, 1, 0), snap(1, 1, 0), snap(3, 1, 0)], { maxTotalBytes: 100 }, 0)).toEqual([1, 2]);
  });
});

describe('SnapshotStore.prune', () => {
  it('applies the plan and shrinks the file', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const { store } = await open(path);
    const snapshots = new SnapshotStore(store);
    const clusterId = new ClusterStore(store).ensure({ context: 'c', server: 's' }, 0);
    for (let i = 0; i < 6; i++)
      snapshots.save({ clusterId, graph: graphOfObjects(syntheticCluster(300, i + 1)), takenAt: i * HOUR, trigger: 'interval' });
    await store.flush();
    const sizeBefore = store.byteSize();
    const all = snapshots.list();

    const result = snapshots.prune({ maxAgeMs: 2.5 * HOUR, maxTotalBytes: all[5]!.storedBytes + all[4]!.storedBytes }, 5 * HOUR);
    expect(result.deleted).toEqual(all.slice(0, 4).map((meta) => meta.id));
    expect(result.freedBytes).toBe(all.slice(0, 4).reduce((sum, meta) => sum + meta.storedBytes, 0));
    expect(snapshots.list().map((meta) => meta.takenAt)).toEqual([4 * HOUR, 5 * HOUR]);
    expect(store.byteSize()).toBeLessThan(sizeBefore);
    expect(snapshots.prune({ maxAgeMs: 0 }, 100 * HOUR).deleted).toEqual([all[4]!.id]);
  });
});
