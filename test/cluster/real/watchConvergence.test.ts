/**
 * Watches against a real control plane: one long-lived session follows creates, updates and deletes made by users
 * and by the controllers, and survives kube-apiserver restarts (graceful and crash) mid-watch. Its truth is the API
 * itself (what @kubernetes/client-node lists) and a fresh session built afterwards: the long-lived graph must equal it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_WATCH_MS } from '../../../src/extension/cluster/informer.js';
import * as k from './builders.js';
import { ClusterAdmin, type ExpectedEdge } from './clusterAdmin.js';
import {
  agreesWithFreshSession,
  clusterAvailable,
  connect,
  eventually,
  findEdge,
  nodeIds,
  report,
  settled,
  startPlane,
  unsettledKinds,
  type LiveSession,
} from './support.js';

const available = clusterAvailable();
const NS = 'store';
/** The limited identity's namespace (the harness binds `dev` to `edit` there with RoleBinding `dev-edit`). */
const TEAM = 'team-a';
const widgetCrd = k.crd('example.com', 'Widget', 'widgets', 'Namespaced');

/** The graph's Pods of `app` equal the API's, by name (the graph may lag, so this is polled). */
async function podsMatchApi(admin: ClusterAdmin, live: LiveSession, app: string, what: string): Promise<string[]> {
  let api: string[] = [];
  let graph: string[] = [];
  await eventually(
    what,
    async () => {
      api = (await admin.core.listNamespacedPod({ namespace: NS, labelSelector: `app=${app}` })).items
        .map((pod) => `core/Pod/${NS}/${pod.metadata?.name ?? ''}`)
        .sort();
      graph = nodeIds(live.session.engine.graph(), `core/Pod/${NS}/${app}-`).sort();
      return api.length > 0 && JSON.stringify(api) === JSON.stringify(graph);
    },
    60_000,
    () => `API: ${api.join(', ')}\ngraph: ${graph.join(', ')}`,
  );
  return graph;
}

function phaseIn(live: LiveSession, resource: string, scope: string): string | undefined {
  return live.session
    .kinds()
    .find((status) => status.type.resource === resource)
    ?.scopes.get(scope)?.phase;
}

async function hasEdges(live: LiveSession, expected: readonly ExpectedEdge[]): Promise<void> {
  expect(expected.length).toBeGreaterThan(0);
  const missing = (): string[] =>
    expected.filter(([s, t, d]) => !findEdge(live.session.engine.graph(), s, t, d)).map((edge) => edge.join(' -> '));
  await eventually(
    `${expected.length} edges`,
    () => missing().length === 0,
    60_000,
    () => `missing:\n  ${missing().join('\n  ')}`,
  );
}

/** Every informer is live again, the session says connected, and no informer was started twice. */
async function recovered(live: LiveSession): Promise<void> {
  await settled(live.session, 90_000);
  await eventually(
    'connected',
    () => live.session.connection === 'connected',
    10_000,
    () => live.session.connection,
  );
  const scopes = live.session.kinds().reduce((sum, status) => sum + status.scopes.size, 0);
  expect(live.session.openInformers()).toBe(scopes);
  expect(unsettledKinds(live.session)).toEqual([]);
}

describe.skipIf(!available)('watches against a real control plane converge', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let live: LiveSession;
  const t0 = Date.now();

  beforeAll(async () => {
    plane = await startPlane();
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    await admin.apply(
      k.namespace(NS),
      k.configMap('web-config', NS, { MODE: 'a' }),
      k.deployment('web', NS, 3, { configMap: 'web-config' }),
      k.service('web', NS, { app: 'web' }),
      widgetCrd,
    );
    await admin.waitForCrdEstablished('widgets.example.com');
    await admin.apply(k.customResource('example.com', 'Widget', 'first', NS, { size: 1 }), k.deployment('api', TEAM, 1));
    await admin.waitForPods(NS, 'web', 3);
    await admin.waitForPods(TEAM, 'api', 1);
    live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
  });

  afterAll(async (suite) => {
    live?.session.dispose();
    await plane?.finish(!suite.result?.errors?.length && suite.tasks.every((task) => task.result?.state !== 'fail'));
    report(`watch convergence file: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it('follows scale-up, a deleted Pod, a rollout, scale-down and a deleted Service', async () => {
    const before = await podsMatchApi(admin, live, 'web', 'the 3 initial Pods');
    expect(before).toHaveLength(3);

    await admin.scale(NS, 'web', 5);
    await admin.waitForPods(NS, 'web', 5);
    const scaled = await podsMatchApi(admin, live, 'web', '5 Pods after scaling up');
    expect(scaled).toHaveLength(5);
    await hasEdges(live, await admin.deploymentChain(NS, 'web', 'web'));

    const victim = scaled[0]!;
    await admin.core.deleteNamespacedPod({ namespace: NS, name: victim.split('/').pop()!, gracePeriodSeconds: 0 });
    await admin.waitForPods(NS, 'web', 5);
    const replaced = await podsMatchApi(admin, live, 'web', 'the deleted Pod replaced');
    expect(replaced).not.toContain(victim);
    expect(live.session.engine.record(victim)).toBeUndefined();

    // An update of the template: the controller creates a second ReplicaSet and moves every Pod to it.
    const oldSets = nodeIds(live.session.engine.graph(), `apps/ReplicaSet/${NS}/web-`);
    expect(oldSets).toHaveLength(1);
    await admin.apply(k.deployment('web', NS, 5, { configMap: 'web-config', image: 'example.invalid/app:2' }));
    await eventually(
      'the rollout to finish',
      async () => {
        // The status counts the old template's Pods until the controller has seen the new generation.
        const deployment = await admin.apps.readNamespacedDeployment({ namespace: NS, name: 'web' });
        const status = deployment.status;
        return (
          status?.observedGeneration === deployment.metadata?.generation &&
          status?.updatedReplicas === 5 &&
          status.replicas === 5 &&
          status.readyReplicas === 5
        );
      },
      90_000,
    );
    await admin.waitForPods(NS, 'web', 5);
    await podsMatchApi(admin, live, 'web', 'the rolled-out Pods');
    const chain = await admin.deploymentChain(NS, 'web', 'web');
    await hasEdges(live, chain);
    const graph = live.session.engine.graph();
    expect(nodeIds(graph, `apps/ReplicaSet/${NS}/web-`)).toHaveLength(2);
    expect(graph.edges.filter((edge) => edge.source === oldSets[0] && edge.type === 'owns')).toEqual([]);
    const pod = graph.nodes.find((node) => node.id.startsWith(`core/Pod/${NS}/web-`));
    expect(live.session.engine.record(pod!.id)?.object).toMatchObject({ spec: { containers: [{ image: 'example.invalid/app:2' }] } });

    await admin.scale(NS, 'web', 2);
    await admin.waitForPods(NS, 'web', 2);
    expect(await podsMatchApi(admin, live, 'web', '2 Pods after scaling down')).toHaveLength(2);

    const slices = nodeIds(live.session.engine.graph(), `discovery.k8s.io/EndpointSlice/${NS}/web-`);
    expect(slices.length).toBeGreaterThan(0);
    await admin.delete(k.service('web', NS, { app: 'web' }));
    // The garbage collector deletes the Service's EndpointSlices through their ownerReferences.
    await eventually(
      'the Service and its EndpointSlices gone',
      () => {
        const ids = new Set(live.session.engine.graph().nodes.map((node) => node.id));
        return !ids.has(`core/Service/${NS}/web`) && slices.every((slice) => !ids.has(slice));
      },
      60_000,
    );

    await agreesWithFreshSession(live.session, plane.adminKubeconfigPath);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    const stop = signal === 'SIGTERM' ? 'shuts down gracefully' : 'crashes';
    it(`after kube-apiserver ${stop} mid-watch, catches up and equals a fresh session`, async () => {
      await settled(live.session);
      const replicas = signal === 'SIGTERM' ? 4 : 3;
      const widget = signal === 'SIGTERM' ? 'graceful' : 'crash';
      const tRestart = Date.now();
      await plane.restartApiServer({ signal, downtimeMs: signal === 'SIGKILL' ? 2000 : 0 });
      const restartMs = Date.now() - tRestart;
      // Changes made while the session's watches are still down or backing off: it must resume and get them all.
      await admin.scale(NS, 'web', replicas);
      await admin.apply(
        k.customResource('example.com', 'Widget', widget, NS, { size: 2 }),
        k.configMap('web-config', NS, { MODE: widget }),
      );
      await admin.apply(k.service('web', NS, { app: 'web' }));
      await admin.waitForPods(NS, 'web', replicas);
      const controllersMs = Date.now() - tRestart - restartMs;
      const tApi = Date.now();

      await podsMatchApi(admin, live, 'web', `${replicas} Pods after the restart`);
      await eventually(`Widget ${widget}`, () => live.session.engine.record(`example.com/Widget/${NS}/${widget}`), 60_000);
      await hasEdges(live, await admin.deploymentChain(NS, 'web', 'web'));
      const caughtUpMs = Date.now() - tApi;
      await recovered(live);
      await agreesWithFreshSession(live.session, plane.adminKubeconfigPath);
      // Still nothing failing once the fresh session agreed (a watch that ended cleanly reports live before re-watching).
      expect(unsettledKinds(live.session)).toEqual([]);
      expect(live.session.lastError).toBeUndefined();
      report(
        `${signal} restart: kube-apiserver ready again after ${(restartMs / 1000).toFixed(1)} s; the controllers and kwok acted on the ` +
          `changes ${(controllersMs / 1000).toFixed(1)} s later; ` +
          `the session matched the API ${(caughtUpMs / 1000).toFixed(1)} s after that`,
      );
    });
  }

  // A bug this suite found (fixed): the backoff was reset only when a watch line arrived, so a quiet kind (no events
  // between outages) kept the count of its last outage: after a crash its first retry already waited 4-22 s instead
  // of ≤ 0.5 s, and after a few blips such kinds lagged up to 30 s behind an API that was back. A watch that held
  // now earns a fresh backoff.
  it('after a crash, quiet informers retry from the initial backoff', async () => {
    // The first crash makes every informer fail a few times while kube-apiserver is down; then they reconnect.
    await plane.restartApiServer({ signal: 'SIGKILL', downtimeMs: 2000 });
    await recovered(live);
    // Only a watch that held earns the fresh backoff. Recovery is reported once every kind is live, and on a loaded
    // machine the last watches may be younger than that when the next crash comes: one CI run saw csidrivers wait
    // 2.9 s. Give them the time the rule asks for.
    await new Promise((resolve) => setTimeout(resolve, 2 * HEALTHY_WATCH_MS));
    const quiet = new Set(['runtimeclasses', 'priorityclasses', 'validatingwebhookconfigurations', 'storageclasses', 'csidrivers']);
    const firstRetry = new Map<string, number>();
    const sampler = setInterval(() => {
      for (const status of live.session.kinds()) {
        const state = status.scopes.get('*');
        if (quiet.has(status.type.resource) && state?.phase === 'failing' && !firstRetry.has(status.type.resource)) {
          firstRetry.set(status.type.resource, state.retryInMs ?? -1);
        }
      }
    }, 10);
    try {
      await plane.restartApiServer({ signal: 'SIGKILL', downtimeMs: 2000 });
    } finally {
      clearInterval(sampler);
    }
    await recovered(live);
    expect(firstRetry.size).toBeGreaterThan(0);
    // Jitter scales the initial 500 ms by 0.5-1: a reset informer's first retry is never longer.
    for (const [resource, retryInMs] of firstRetry) expect(retryInMs, resource).toBeLessThanOrEqual(500);
  });

  describe('the limited identity when its access to team-a is revoked and restored', () => {
    let limited: LiveSession | undefined;
    const binding = k.devBinding(TEAM, 'dev', 'edit');
    afterAll(() => limited?.session.dispose());

    const title =
      'reports team-a forbidden once its watches are re-established without the RoleBinding; the API allows it again once restored';
    it(title, async () => {
      limited = await connect(plane.limitedKubeconfigPath);
      await settled(limited.session);
      expect(nodeIds(limited.session.engine.graph(), `core/Pod/${TEAM}/api-`)).toHaveLength(1);
      await admin.delete(binding);
      // Authorization is checked when a request starts: open watches go on until they end, here by a restart.
      await plane.restartApiServer();
      for (const resource of ['pods', 'configmaps']) {
        await eventually(`${resource} in team-a forbidden`, () => phaseIn(limited!, resource, TEAM) === 'forbidden', 90_000);
        expect(limited.session.hidden().find((line) => line.startsWith(`${resource}: `))).toMatch(/forbidden cluster-wide and in team-a/);
      }
      // Restored here, so that the known-bug test below can fail only for the session's sake.
      await admin.apply(binding);
      const dev = ClusterAdmin.fromFile(plane.limitedKubeconfigPath);
      await eventually(
        'dev may list ConfigMaps in team-a again',
        async () => {
          await dev.core.listNamespacedConfigMap({ namespace: TEAM });
          return true;
        },
        30_000,
      );
    });

    // A bug this suite found (fixed): every 403 was final, also for an informer that had been live, so a kind stayed
    // unwatched for the rest of the session once one request was refused. Besides a RoleBinding recreated by GitOps,
    // this happens on plain kube-apiserver restarts: until its RBAC cache is synced a starting kube-apiserver answers
    // 403 to non-admin users (seen 1-3 times per restart for `dev` in team-a). Such 403s are now retried with backoff.
    it('resumes watching team-a once the RoleBinding is back', async () => {
      // A ConfigMap rather than a scaled Deployment: no controller in between, so only the session can be late.
      await admin.apply(k.configMap('after-restore', TEAM, { restored: 'yes' }));
      await eventually(
        'the new ConfigMap in the limited session',
        () => limited!.session.engine.record(`core/ConfigMap/${TEAM}/after-restore`),
        30_000,
        () =>
          JSON.stringify(
            limited!.session
              .kinds()
              .find((status) => status.type.resource === 'configmaps')
              ?.scopes.get(TEAM),
          ),
      );
    });
  });
});
