import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/model/object.js';
import type { StoreDatabase } from '../../../src/engine/store/database.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { EventStore } from '../../../src/engine/store/events.js';
import { ExportLog } from '../../../src/engine/store/exportLog.js';
import { HistoryStore, readableDiff } from '../../../src/engine/store/history.js';
import { diffObjects, formatPath } from '../../../src/engine/store/objectDiff.js';
import { Preferences } from '../../../src/engine/store/preferences.js';
import { deployment, open, pod, tempDir } from './support.js';

async function stores(): Promise<{
  history: HistoryStore;
  events: EventStore;
  exports: ExportLog;
  preferences: Preferences;
  clusterId: number;
  path: string;
  store: StoreDatabase;
}> {
  const path = join(await tempDir(), 'kubilitics.db');
  const { store } = await open(path);
  return {
    history: new HistoryStore(store),
    events: new EventStore(store),
    exports: new ExportLog(store),
    preferences: new Preferences(store),
    clusterId: new ClusterStore(store).ensure({ context: 'prod', server: 'https://prod' }, 0),
    path,
    store,
  };
}

const WEB = 'apps/Deployment/shop/web';

describe('object diffs', () => {
  it('read like the change a person would describe', () => {
    const before = deployment('web', 2, { labels: { 'app.kubernetes.io/version': '1' } });
    const after = deployment('web', 3, { image: 'web:2', labels: { 'app.kubernetes.io/version': '2', tier: 'front' } });
    expect(readableDiff({ ops: diffObjects(before, after) }).split('\n')).toEqual([
      'metadata.labels["app.kubernetes.io/version"]: 1 → 2',
      '+ metadata.labels.tier: front',
      'spec.replicas: 2 → 3',
      'spec.template.spec.containers[0].image: web:1 → web:2',
    ]);
  });

  it('ignore resourceVersion and show array growth as added items', () => {
    const before = { metadata: { resourceVersion: '1' }, spec: { ports: [80] } };
    const after = { metadata: { resourceVersion: '2' }, spec: { ports: [80, 443] } };
    expect(diffObjects(before, after)).toEqual([['+', ['spec', 'ports', 1], 443]]);
    expect(formatPath(['data', 'a b', 0, 'x'])).toBe('data["a b"][0].x');
  });
});

describe('history', () => {
  it('records added, modified and deleted, and reads one object back in time order', async () => {
    const { history, clusterId } = await stores();
    const v1 = deployment('web', 2);
    const v2 = deployment('web', 3);
    history.recordMany([
      { clusterId, objectId: WEB, change: 'added', at: 10, after: v1 },
      { clusterId, objectId: WEB, change: 'modified', at: 20, before: v1, after: v2 },
      { clusterId, objectId: 'core/Pod/shop/other', change: 'added', at: 15, after: pod('other', 'Running') },
      { clusterId, objectId: WEB, change: 'deleted', at: 30, before: v2 },
    ]);
    const entries = history.forObject(clusterId, WEB);
    expect(entries.map((entry) => [entry.change, entry.at, entry.uid, entry.resourceVersion])).toEqual([
      ['added', 10, 'uid-web', '20'],
      ['modified', 20, 'uid-web', '30'],
      ['deleted', 30, 'uid-web', '30'],
    ]);
    expect(readableDiff(entries[0]!)).toContain('+ spec.replicas: 2');
    expect(readableDiff(entries[1]!)).toBe('spec.replicas: 2 → 3');
    // A deleted object keeps who it was, not what it held.
    const deleted = readableDiff(entries[2]!);
    expect(deleted).toContain('- metadata.name: web');
    expect(deleted).not.toContain('spec');
    expect(history.forObject(clusterId, WEB, { limit: 2 }).map((entry) => entry.at)).toEqual([20, 30]);
    expect(history.forObject(clusterId, WEB, { since: 15, until: 25 }).map((entry) => entry.at)).toEqual([20]);
  });

  it('skips modifications that changed only bookkeeping', async () => {
    const { history, clusterId } = await stores();
    const before = pod('p', 'Running');
    const after = {
      ...before,
      metadata: { ...before.metadata, resourceVersion: '99', managedFields: [{ manager: 'kubelet' }] },
    } as KubeObject;
    expect(history.record({ clusterId, objectId: 'core/Pod/shop/p', change: 'modified', at: 1, before, after })).toBe(false);
    expect(history.record({ clusterId, objectId: 'core/Pod/shop/p', change: 'modified', at: 2, before, after: pod('p', 'Failed') })).toBe(
      true,
    );
    expect(history.forObject(clusterId, 'core/Pod/shop/p').map(readableDiff)).toEqual(['status.phase: Running → Failed']);
  });

  it('prunes by age', async () => {
    const { history, clusterId } = await stores();
    for (const at of [1, 2, 3]) history.record({ clusterId, objectId: WEB, change: 'added', at, after: deployment('web', at) });
    expect(history.pruneBefore(3)).toBe(2);
    expect(history.forObject(clusterId, WEB).map((entry) => entry.at)).toEqual([3]);
  });
});

describe('events, exports and preferences', () => {
  it('fold repeated events into one row with a count and first/last seen', async () => {
    const { events, clusterId } = await stores();
    const base = { clusterId, objectId: 'core/Pod/shop/web-1', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting' };
    events.upsert({ ...base, at: 100 });
    events.upsert({ ...base, at: 300 });
    events.upsert({ ...base, at: 200 });
    events.upsert({ ...base, reason: 'Pulled', type: 'Normal', message: 'pulled', at: 50, count: 7 });
    events.upsert({ ...base, reason: 'Pulled', type: 'Normal', message: 'pulled', at: 60, count: 5 });
    expect(events.forObject(clusterId, base.objectId).map((e) => [e.reason, e.count, e.firstSeen, e.lastSeen])).toEqual([
      ['BackOff', 3, 100, 300],
      ['Pulled', 7, 50, 60],
    ]);
    expect(events.recent(clusterId, 100).map((e) => e.reason)).toEqual(['BackOff']);
  });

  it('give the events a past moment had seen, its last sighting at most that moment', async () => {
    const { events, clusterId } = await stores();
    const base = { clusterId, objectId: 'core/Pod/shop/web-1', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting' };
    events.upsert({ ...base, at: 100 });
    events.upsert({ ...base, at: 300 });
    events.upsert({ ...base, reason: 'Old', at: 10 });
    events.upsert({ ...base, reason: 'Later', at: 400 });
    expect(events.until(clusterId, 200, 150).map((e) => [e.reason, e.lastSeen])).toEqual([['BackOff', 200]]);
  });

  it("keep an Event's own first sighting when it is earlier than the last, and the earliest of all", async () => {
    const { events, clusterId } = await stores();
    const base = { clusterId, objectId: 'core/Pod/shop/p', type: 'Warning', reason: 'BackOff', message: 'm' };
    events.upsert({ ...base, at: 500, firstSeen: 100, count: 3 });
    events.upsert({ ...base, at: 600, firstSeen: 300, count: 4 });
    expect(events.forObject(clusterId, base.objectId).map((e) => [e.firstSeen, e.lastSeen, e.count])).toEqual([[100, 600, 4]]);
    // A first sighting after the last (a clock that ran ahead) is the last.
    events.upsert({ ...base, objectId: 'core/Pod/shop/q', at: 50, firstSeen: 90 });
    expect(events.forObject(clusterId, 'core/Pod/shop/q').map((e) => [e.firstSeen, e.lastSeen])).toEqual([[50, 50]]);
  });

  it('list exports newest first', async () => {
    const { exports } = await stores();
    exports.add({ what: 'topology shop', format: 'svg', path: '/w/docs/shop.svg', at: 1 });
    exports.add({ what: 'topology shop', format: 'mermaid', path: '/w/docs/shop.md', at: 2 });
    expect(exports.list().map((entry) => entry.format)).toEqual(['mermaid', 'svg']);
    expect(exports.list(1)).toHaveLength(1);
  });

  it('store preferences as JSON values per scope, surviving a reopen', async () => {
    const { preferences, path, store: first } = await stores();
    preferences.set('cluster:prod', 'snapshotIntervalMs', 600_000);
    preferences.set('cluster:prod', 'pinned', { snapshot: 4 });
    preferences.set('cluster:prod', 'snapshotIntervalMs', 300_000);
    expect(preferences.get('cluster:prod', 'snapshotIntervalMs')).toBe(300_000);
    expect(preferences.get('cluster:dev', 'snapshotIntervalMs')).toBeUndefined();
    expect([...preferences.all('cluster:prod').keys()]).toEqual(['pinned', 'snapshotIntervalMs']);
    expect(preferences.delete('cluster:prod', 'pinned')).toBe(true);
    expect(() => preferences.set('s', 'k', undefined)).toThrow(TypeError);
    await first.close();
    const { store } = await open(path);
    expect(new Preferences(store).get('cluster:prod', 'snapshotIntervalMs')).toBe(300_000);
  });
});
