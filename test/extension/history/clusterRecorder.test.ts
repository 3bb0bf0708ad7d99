import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import { openStore } from '../../../src/engine/store/database.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { EventStore } from '../../../src/engine/store/events.js';
import { ExportLog } from '../../../src/engine/store/exportLog.js';
import { HistoryStore, readableDiff } from '../../../src/engine/store/history.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { ApiClient } from '../../../src/extension/cluster/apiClient.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import { ClusterRecorder } from '../../../src/extension/history/clusterRecorder.js';
import type { Stores } from '../../../src/extension/history/historyService.js';
import { compareGraphs } from '../../../src/extension/history/timeline.js';
import { actionEntry } from '../../../src/extension/actions/actionJournal.js';
import { eventEntryOfRecord } from '../../../src/extension/views/eventEntry.js';
import { startFakeApiServer, type FakeApiServer } from '../../cluster/fake/fakeApiServer.js';
import { ADMIN, eventually } from '../../cluster/fake/fixtures.js';

const CANARY = 'cmVjb3JkZXItY2FuYXJ5LTk4NzY1';
const deployment = (replicas: number): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'team-a' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
});

describe('recording a live cluster', () => {
  let server: FakeApiServer | undefined;
  let session: ClusterSession | undefined;
  let recorder: ClusterRecorder | undefined;
  afterEach(async () => {
    recorder?.dispose();
    session?.dispose();
    await server?.stop();
  });

  it('keeps readable history, events and snapshots that load back identical, and never a Secret value', async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as never);
    server.upsert(deployment(2) as never);
    server.upsert({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team-a' }, data: { key: CANARY } } as never);
    const dir = await mkdtemp(join(tmpdir(), 'recorder-'));
    const path = join(dir, 'kubilitics.sqlite');
    const { store } = await openStore({ path, migrationsDir: resolve(__dirname, '../../../migrations') });
    const stores: Stores = {
      db: store,
      readOnly: false,
      clusters: new ClusterStore(store),
      snapshots: new SnapshotStore(store),
      history: new HistoryStore(store),
      events: new EventStore(store),
      exports: new ExportLog(store),
    };
    const config = new KubeConfig();
    config.loadFromString(server.kubeconfigYaml({ token: ADMIN.token }));
    const settings = { intervalMs: 3_600_000, changeThreshold: 1000, maxAgeMs: 86_400_000, maxTotalBytes: 100_000_000 };
    const live = new ClusterSession(new ApiClient(config), { flushIntervalMs: 20, onDelta: () => undefined, onStatus: () => undefined });
    live.recordObjects((change) => recorder?.record(change));
    session = live;
    recorder = new ClusterRecorder(stores, () => live, 'fake', server.url, settings, {
      info: () => undefined,
      error: (message) => {
        throw new Error(message);
      },
    });
    await live.start();
    await eventually(() => live.engine.record('apps/Deployment/team-a/web') !== undefined, 10_000, 'initial sync');
    await eventually(
      () => live.kinds().every((kind) => [...kind.scopes.values()].every((state) => state.phase === 'live')),
      10_000,
      'all kinds live',
    );
    expect(await recorder.snapshot('connect')).toBe(true);
    const first = stores.snapshots.latest(recorder.cluster)!;

    server.upsert(deployment(3) as never);
    // Happened before it reached the recorder: history keeps the Event's own times (API timestamps are whole seconds).
    const eventLast = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const eventFirst = eventLast - 5 * 60_000;
    server.upsert({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'team-a' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'team-a' },
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up to 3',
      count: 1,
      firstTimestamp: new Date(eventFirst).toISOString(),
      lastTimestamp: new Date(eventLast).toISOString(),
    } as never);
    server.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'team-a' } } as never);
    await eventually(() => stores.history.forObject(recorder!.cluster, 'apps/Deployment/team-a/web').length > 0, 5_000, 'history recorded');
    await eventually(() => live.engine.record('core/ConfigMap/team-a/new') !== undefined, 5_000, 'configmap');

    const entries = stores.history.forObject(recorder.cluster, 'apps/Deployment/team-a/web');
    expect(entries.map((entry) => entry.change)).toEqual(['modified']);
    expect(readableDiff(entries[0]!)).toContain('spec.replicas: 2 → 3');
    expect(stores.history.forObject(recorder.cluster, 'core/ConfigMap/team-a/new').map((entry) => entry.change)).toEqual(['added']);
    expect(
      stores.events
        .forObject(recorder.cluster, 'apps/Deployment/team-a/web')
        .map((event) => [event.reason, event.firstSeen, event.lastSeen]),
    ).toEqual([['ScalingReplicaSet', eventFirst, eventLast]]);

    // Asked twice at once: the second waits for the first and finds nothing new (not two copies of one moment).
    expect(await Promise.all([recorder.snapshot('manual'), recorder.snapshot('manual')])).toEqual([true, false]);
    const second = stores.snapshots.latest(recorder.cluster)!;
    expect(serializeGraph(stores.snapshots.load(second.id))).toBe(serializeGraph(live.engine.graph()));
    const { diff } = compareGraphs(stores.snapshots.load(first.id), stores.snapshots.load(second.id), { from: 'a', to: 'b' });
    expect(diff.changes).toContain('+ ConfigMap team-a/new');

    // The user's own action, journaled as an Event row of theirs: read back in history mode with its source.
    const scaledAt = Date.now();
    const scaled = actionEntry({
      objectId: 'apps/Deployment/team-a/web',
      group: 'apps',
      kind: 'Deployment',
      namespace: 'team-a',
      name: 'web',
      verb: 'Scale',
      command: 'kubectl --context fake -n team-a scale deployment.apps/web --replicas=3',
      at: scaledAt,
    });
    recorder.recordUserAction('apps/Deployment/team-a/web', scaled);
    const stored = stores.events.until(recorder.cluster, scaledAt, 3_600_000).filter((row) => row.reason === 'KubiliticsScale');
    expect(stored.map(eventEntryOfRecord)).toEqual([
      expect.objectContaining({
        type: 'Normal',
        message: scaled.message,
        source: 'you (Kubilitics)',
        object: { group: 'apps', kind: 'Deployment', namespace: 'team-a', name: 'web' },
        lastSeen: scaledAt,
      }),
    ]);
    await store.flush();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).includes(Buffer.from(CANARY))).toBe(false);
    await store.close();
  }, 30_000);
});
