/**
 * Events from the real controllers, live: a Deployment whose Pod template names a ServiceAccount that does not exist
 * makes the ReplicaSet controller fail to create Pods (the ServiceAccount admission plugin refuses them) and report a
 * Warning `FailedCreate` about the ReplicaSet, while the Deployment controller reports a Normal `ScalingReplicaSet`.
 * Both reach the extension through the session's Event watch, and the graph the webview builds from the deltas gives
 * the ReplicaSet (and the workload fold it is drawn in) a badge, and the Deployment none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopologyEdge, TopologyNode } from '../../../src/engine/model/graph.js';
import { deriveView } from '../../../src/engine/viewModel/deriveView.js';
import { POD_AGGREGATE_PREFIX, type ViewGraph } from '../../../src/engine/viewModel/viewGraph.js';
import { RECENT_WARNING_MS, recentWarningCount, shownStatus } from '../../../src/engine/viewModel/eventFolds.js';
import { GraphStore } from '../../../src/engine/viewModel/graphStore.js';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions.js';
import { eventEntryOf, type EventEntry } from '../../../src/extension/views/eventEntry.js';
import { EventsModel } from '../../../src/extension/views/eventsModel.js';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { clusterAvailable, connect, eventually, report, settled, startPlane, type LiveSession } from './support.js';

const available = clusterAvailable();
const NS = 'ops';
const DEPLOYMENT = `apps/Deployment/${NS}/api`;
const MISSING_ACCOUNT = 'api-runner';

/** The store the webview keeps: an empty `init` (the session connected before anything was applied), then every delta. */
function webviewStore(live: LiveSession): GraphStore {
  const store = new GraphStore();
  for (const delta of live.deltas) store.applyDelta(delta);
  return store;
}

interface EventAbout {
  readonly node: TopologyNode;
  readonly edge: TopologyEdge;
}

/** Event nodes with `reason` whose `event` edge points at `target`, as the store holds them. */
function eventsAbout(store: GraphStore, target: string, reason: string): EventAbout[] {
  const found: EventAbout[] = [];
  for (const edge of store.incoming(target)) {
    const node = store.nodes.get(edge.source);
    if (edge.type === 'event' && node?.kind === 'Event' && edge.via.includes(reason)) found.push({ node, edge });
  }
  return found;
}

function describeEvents(store: GraphStore): string {
  const lines = [...store.nodes.values()]
    .filter((node) => node.kind === 'Event' && node.namespace === NS)
    .map(
      (node) =>
        `${node.id} ${node.detail ?? ''} → ${store
          .outgoing(node.id)
          .map((edge) => edge.target)
          .join(', ')}`,
    );
  return `Events in ${NS}:\n  ${lines.join('\n  ') || '(none)'}`;
}

/** The namespace's Events as the Events view reads them. */
function entriesIn(live: LiveSession): EventEntry[] {
  return [...live.session.engine.objects()]
    .filter((record) => record.kind === 'Event' && record.namespace === NS)
    .flatMap((record) => eventEntryOf(record.id, record.object) ?? []);
}

function viewNode(view: ViewGraph, id: string): ViewGraph['nodes'][number] | undefined {
  return view.nodes.find((node) => node.id === id);
}

describe.skipIf(!available)('Events from the real controllers, live', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let live: LiveSession;
  let replicaSet = '';
  let passed = true;

  beforeAll(async () => {
    plane = await startPlane();
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
    // Nothing in the namespace yet: every Event below arrives through the watch, not the first list.
    await admin.apply(k.namespace(NS), k.deployment('api', NS, 2, { serviceAccount: MISSING_ACCOUNT }));
    replicaSet = await eventually('the ReplicaSet of api', async () => {
      const sets = await admin.apps.listNamespacedReplicaSet({ namespace: NS, labelSelector: 'app=api' });
      const name = sets.items[0]?.metadata?.name;
      return name ? `apps/ReplicaSet/${NS}/${name}` : undefined;
    });
  });

  afterAll(async (suite) => {
    passed = !suite.result?.errors?.length && suite.tasks.every((task) => task.result?.state !== 'fail');
    live?.session.dispose();
    await plane?.finish(passed);
  });

  it("a Warning FailedCreate about the ReplicaSet arrives by the watch and badges it and its workload's fold", async () => {
    const warned = await eventually(
      'a FailedCreate Event about the ReplicaSet in the webview store',
      () => eventsAbout(webviewStore(live), replicaSet, 'FailedCreate')[0],
      60_000,
      () => describeEvents(webviewStore(live)),
    );
    const store = webviewStore(live);
    expect(warned.node.warning).toBe(true);
    expect(warned.edge.broken).toBeUndefined();
    // Admission names the missing account: the Warning is the cause, not a coincidence.
    const record = live.session.engine.record(warned.node.id);
    const entry = record && eventEntryOf(warned.node.id, record.object);
    expect(entry).toMatchObject({ type: 'Warning', reason: 'FailedCreate', source: 'replicaset-controller' });
    expect(entry?.message).toContain(MISSING_ACCOUNT);
    expect(entry?.object).toEqual({ group: 'apps', kind: 'ReplicaSet', namespace: NS, name: replicaSet.split('/').pop() });

    expect(recentWarningCount(store, [replicaSet])).toBeGreaterThanOrEqual(1);
    expect(shownStatus(store, store.nodes.get(replicaSet)!)).toBe('Degraded');
    // As the canvas draws it, at both levels: with no Pods to fold under the Deployment, the ReplicaSet is drawn as
    // itself at the workload level too (the fold, once Pods run, is the last test's).
    for (const level of ['object', 'workload'] as const) {
      const view = deriveView(store, { ...DEFAULT_VIEW_OPTIONS, level });
      expect(view.representative.get(replicaSet), level).toBe(replicaSet);
      expect(viewNode(view, replicaSet)?.warnings, level).toBe(recentWarningCount(store, [replicaSet]));
      expect(viewNode(view, replicaSet)?.status, level).toBe('Degraded');
    }
  });

  it('a Normal ScalingReplicaSet about the Deployment arrives too, and gives it no badge', async () => {
    const scaled = await eventually(
      'a ScalingReplicaSet Event about the Deployment in the webview store',
      () => eventsAbout(webviewStore(live), DEPLOYMENT, 'ScalingReplicaSet')[0],
      60_000,
      () => describeEvents(webviewStore(live)),
    );
    const store = webviewStore(live);
    expect(scaled.node.warning).not.toBe(true);
    expect(recentWarningCount(store, [DEPLOYMENT])).toBe(0);
    expect(shownStatus(store, store.nodes.get(DEPLOYMENT)!)).toBe(store.nodes.get(DEPLOYMENT)!.status);
    const workloads = deriveView(store, { ...DEFAULT_VIEW_OPTIONS, level: 'workload' });
    expect(viewNode(workloads, DEPLOYMENT)?.warnings).toBeUndefined();
  });

  it("the Events view's model shows both as rows, the Warning with the source and a count", () => {
    const model = new EventsModel();
    model.apply(entriesIn(live));
    model.setFilter({ types: new Set(['Warning']) });
    const rows = model.visibleRows();
    expect(rows.map((row) => [row.reason, row.object.kind, row.source])).toContainEqual([
      'FailedCreate',
      'ReplicaSet',
      'replicaset-controller',
    ]);
    expect(rows.every((row) => row.eventType === 'Warning')).toBe(true);
    expect(rows.find((row) => row.reason === 'FailedCreate')!.count).toBeGreaterThanOrEqual(1);
  });

  it('once the ServiceAccount exists the Pods run; the old Warning keeps the badge for RECENT_WARNING_MS', async () => {
    const warningsBefore = eventsAbout(webviewStore(live), replicaSet, 'FailedCreate').map((found) => found.node.id);
    await admin.apply(k.serviceAccount(MISSING_ACCOUNT, NS));
    // The controller retries with a backoff that grows with each failure: allow for a long one.
    await admin.waitForPods(NS, 'api', 2, 180_000);
    await eventually(
      'SuccessfulCreate about the ReplicaSet, and it reads Ready, in the webview store',
      () => {
        const store = webviewStore(live);
        return eventsAbout(store, replicaSet, 'SuccessfulCreate').length > 0 && store.nodes.get(replicaSet)?.status === 'Ready';
      },
      60_000,
      () => `${describeEvents(webviewStore(live))}\nReplicaSet: ${JSON.stringify(webviewStore(live).nodes.get(replicaSet))}`,
    );
    const store = webviewStore(live);
    expect(eventsAbout(store, replicaSet, 'SuccessfulCreate').every((found) => found.node.warning !== true)).toBe(true);
    // The API server keeps the FailedCreate Event (an hour, `--event-ttl`), and the view counts a Warning as recent
    // until it is RECENT_WARNING_MS older than the newest Event: the ReplicaSet is Ready itself, and still drawn
    // Degraded with its badge, until then.
    const stillThere = eventsAbout(store, replicaSet, 'FailedCreate');
    expect(stillThere.map((found) => found.node.id)).toEqual(warningsBefore);
    expect(recentWarningCount(store, [replicaSet])).toBe(stillThere.length);
    expect(shownStatus(store, store.nodes.get(replicaSet)!)).toBe('Degraded');
    // Now the Pods run, the workload level folds the ReplicaSet and its Pods under the Deployment: the fold wears the
    // ReplicaSet's badge, the Deployment still none.
    const workloads = deriveView(store, { ...DEFAULT_VIEW_OPTIONS, level: 'workload' });
    const fold = POD_AGGREGATE_PREFIX + DEPLOYMENT;
    expect(workloads.representative.get(replicaSet)).toBe(fold);
    expect(viewNode(workloads, fold)?.members).toHaveLength(3);
    expect(viewNode(workloads, fold)?.warnings).toBe(stillThere.length);
    expect(viewNode(workloads, fold)?.status).toBe('Degraded');
    expect(viewNode(workloads, DEPLOYMENT)?.warnings).toBeUndefined();
    // The scheduler reports through events.k8s.io and the session watches core/v1 Events: the Pods' Scheduled Events
    // still name their source and object.
    const pods = await admin.runningPods(NS, 'api');
    const scheduled = await eventually('Scheduled Events about both Pods', () => {
      const found = entriesIn(live).filter((entry) => entry.reason === 'Scheduled');
      return found.length >= pods.length ? found : undefined;
    });
    expect(scheduled.map((entry) => [entry.object.name, entry.source]).sort()).toEqual(pods.map((pod) => [pod, 'default-scheduler']));
    expect(RECENT_WARNING_MS).toBe(60 * 60 * 1000);
    report(`FailedCreate seen ${stillThere.map((found) => found.node.detail).join('; ')}`);
  }, 240_000);
});
