/**
 * The extension's cluster code against a real control plane (kube-apiserver, controller-manager, scheduler, etcd, kwok):
 * workloads applied the way users apply them, then what discovery, the informers and the engine make of them —
 * the edges only a live cluster has (controllers' ReplicaSets, Pods, EndpointSlices, claims), RBAC limits, and that
 * Secret data never reaches the extension.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import type { ClusterSession } from '../../../src/extension/cluster/session.js';
import * as k from './builders.js';
import { ClusterAdmin, type ExpectedEdge } from './clusterAdmin.js';
import {
  agreesWithFreshSession,
  clusterAvailable,
  connect,
  eventually,
  findEdge,
  report,
  settled,
  startPlane,
  type LiveSession,
} from './support.js';

const available = clusterAvailable();
const BOOKINFO = resolve(__dirname, '../../../../shared/corpus/bookinfo/bookinfo.yaml');
const bookinfoPresent = existsSync(BOOKINFO);
const SHOP = 'shop';
/** Unique per run, so a match can only come from this run's Secret. */
const CANARY = `kubilitics-canary-${randomUUID()}`;
const CANARY_FORMS = [CANARY, Buffer.from(CANARY).toString('base64')];

const widgetCrd = k.crd('example.com', 'Widget', 'widgets', 'Namespaced');
const gadgetCrd = k.crd('example.org', 'Gadget', 'gadgets', 'Cluster');

/** Everything a small shop team runs, one of each kind the engine relates. */
function shop(): k.Manifest[] {
  return [
    k.namespace(SHOP),
    k.configMap('web-config', SHOP, { LOG_LEVEL: 'info' }),
    k.appliedSecret('db-credentials', SHOP, 'password', CANARY),
    k.serviceAccount('web', SHOP),
    k.deployment('web', SHOP, 2, { serviceAccount: 'web', configMap: 'web-config', secretEnv: ['db-credentials', 'password'] }),
    k.service('web', SHOP, { app: 'web' }),
    k.service('db', SHOP, { app: 'db' }, { headless: true }),
    k.statefulSet('db', SHOP, 2, 'data'),
    k.ingressClass('kubilitics-test'),
    k.ingress('web', SHOP, 'kubilitics-test', 'web'),
    k.hpa('web', SHOP, 'web'),
    k.pdb('web', SHOP, { app: 'web' }),
    k.networkPolicy('web-from-frontend', SHOP, { app: 'web' }, { app: 'frontend' }),
    k.role('config-reader', SHOP, [k.readRule('', 'configmaps')]),
    k.roleBinding('web-config-reader', SHOP, 'config-reader', 'web'),
    // Aggregated into the built-in `view` (and so `edit`): the limited identity may then read widgets in team-a.
    k.clusterRole('widgets-view', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, [k.readRule('example.com', 'widgets')]),
    k.aggregatingClusterRole('monitoring', { 'kubilitics.test/aggregate-to-monitoring': 'true' }),
    k.clusterRole('monitoring-pods', { 'kubilitics.test/aggregate-to-monitoring': 'true' }, [k.readRule('', 'pods')]),
    widgetCrd,
    k.customResource('example.com', 'Widget', 'blue', SHOP, { size: 3 }),
  ];
}

/** Two teams: the limited identity may read team-a (the harness binds `edit` there) and nothing of team-b. */
function teams(): k.Manifest[] {
  return [
    k.namespace('team-b'),
    k.deployment('api', 'team-a', 1),
    k.service('api', 'team-a', { app: 'api' }),
    k.appliedSecret('api-token', 'team-a', 'token', CANARY),
    k.customResource('example.com', 'Widget', 'team-a-widget', 'team-a', { size: 1 }),
    k.deployment('batch', 'team-b', 1),
    k.customResource('example.com', 'Widget', 'team-b-widget', 'team-b', { size: 2 }),
  ];
}

function missingEdges(graph: TopologyGraph, expected: readonly ExpectedEdge[]): string[] {
  return expected.filter(([source, type, target]) => !findEdge(graph, source, type, target)).map((edge) => edge.join(' -> '));
}

/** Waits until the session's graph has every expected edge; a timeout lists the ones still missing. */
async function waitForEdges(session: ClusterSession, expected: readonly ExpectedEdge[], timeoutMs = 60_000): Promise<void> {
  expect(expected.length).toBeGreaterThan(0);
  await eventually(
    `${expected.length} edges in the live graph`,
    () => missingEdges(session.engine.graph(), expected).length === 0,
    timeoutMs,
    () => `missing:\n  ${missingEdges(session.engine.graph(), expected).join('\n  ')}`,
  );
}

describe.skipIf(!available)('live topology of a real control plane', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let live: LiveSession;
  let passed = true;
  const t0 = Date.now();

  beforeAll(async () => {
    plane = await startPlane();
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    // Connected before anything is applied, so every seeded object reaches it through a watch, not the first list.
    live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
    const tSeed = Date.now();
    await admin.apply(...shop());
    await admin.apply(...teams());
    if (bookinfoPresent) {
      await admin.apply(k.namespace('bookinfo'));
      await admin.applyFile(BOOKINFO, 'bookinfo');
    } else {
      console.log('skipped bookinfo: no ../shared/corpus/bookinfo/bookinfo.yaml');
    }
    await admin.waitForPods(SHOP, 'web', 2);
    await admin.waitForPods('team-a', 'api', 1);
    if (bookinfoPresent) await admin.waitForPods('bookinfo', 'productpage', 1);
    report(`seeded and running ${((Date.now() - tSeed) / 1000).toFixed(1)} s after the first apply`);
  });

  afterAll(async (suite) => {
    passed = !suite.result?.errors?.length && suite.tasks.every((task) => task.result?.state !== 'fail');
    live?.session.dispose();
    await plane?.finish(passed);
    report(`live topology file: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it("discovery finds the built-in kinds and the CRD's resources, and asks for Secrets as metadata only", async () => {
    // The CRD was created after the session started: it rediscovers a second after the CRD's last change.
    await eventually('widgets watched', () => live.session.discovery?.watched.some((type) => type.resource === 'widgets'), 30_000);
    const watched = new Map(live.session.discovery?.watched.map((type) => [`${type.group}/${type.resource}`, type]));
    for (const key of [
      '/pods',
      '/services',
      '/nodes',
      '/persistentvolumeclaims',
      'apps/deployments',
      'apps/replicasets',
      'apps/statefulsets',
      'discovery.k8s.io/endpointslices',
      'networking.k8s.io/ingresses',
      'networking.k8s.io/ingressclasses',
      'networking.k8s.io/networkpolicies',
      'autoscaling/horizontalpodautoscalers',
      'policy/poddisruptionbudgets',
      'rbac.authorization.k8s.io/clusterroles',
      'apiextensions.k8s.io/customresourcedefinitions',
      'example.com/widgets',
    ]) {
      expect(watched.has(key), key).toBe(true);
    }
    expect(watched.get('example.com/widgets')).toMatchObject({ kind: 'Widget', namespaced: true, version: 'v1' });
    expect(watched.get('/secrets')?.metadataOnly).toBe(true);
    // The newer Event API duplicates core Events; watching both would draw every event twice.
    expect(watched.has('events.k8s.io/events')).toBe(false);
    expect(live.session.discovery?.unavailable).toEqual([]);
    await eventually('Widget blue in the engine', () => live.session.engine.record('example.com/Widget/shop/blue'), 30_000);
  });

  it.skipIf(!bookinfoPresent)('bookinfo applied to the cluster has every edge its manifests give, plus the live chain', async () => {
    const parsed = parseManifestText(readFileSync(BOOKINFO, 'utf8'), 'bookinfo.yaml');
    const fromManifests = TopologyEngine.build(parsed.objects, { defaultNamespace: 'bookinfo' }).graph();
    const manifestEdges = fromManifests.edges.filter((edge) => !edge.broken).map((edge) => [edge.source, edge.type, edge.target] as const);
    // The corpus test's edges, in the namespace bookinfo was applied to.
    expect(manifestEdges).toContainEqual(['core/Service/bookinfo/productpage', 'selects', 'apps/Deployment/bookinfo/productpage-v1']);
    expect(manifestEdges).toContainEqual([
      'apps/Deployment/bookinfo/reviews-v2',
      'runs-as',
      'core/ServiceAccount/bookinfo/bookinfo-reviews',
    ]);
    const chain = await admin.deploymentChain('bookinfo', 'productpage', 'productpage');
    await waitForEdges(live.session, [...manifestEdges, ...chain]);
    const graph = live.session.engine.graph();
    const toReplicaSet = graph.edges.find((edge) => edge.source === 'apps/Deployment/bookinfo/productpage-v1' && edge.type === 'owns');
    expect(toReplicaSet?.controller).toBe(true);
    expect(chain.filter(([, type]) => type === 'runs-on')).toHaveLength(1);
    expect(
      graph.edges.filter(
        (edge) => edge.source === 'core/Service/bookinfo/reviews' && edge.type === 'selects' && edge.target.startsWith('apps/Deployment/'),
      ),
    ).toHaveLength(3);
  });

  it("a Deployment's live chain: ReplicaSet (controller), Pods, EndpointSlice, Nodes; StatefulSet claims; HPA scales", async () => {
    const chain = await admin.deploymentChain(SHOP, 'web', 'web');
    // Two Pods: RS → Pod, Pod → Node and EndpointSlice → Pod each, plus Deployment → RS and Service → slice.
    expect(chain.length).toBeGreaterThanOrEqual(8);
    await waitForEdges(live.session, [
      ...chain,
      ['apps/StatefulSet/shop/db', 'claims', 'core/PersistentVolumeClaim/shop/data-db-0'],
      ['apps/StatefulSet/shop/db', 'claims', 'core/PersistentVolumeClaim/shop/data-db-1'],
      ['apps/StatefulSet/shop/db', 'governed-by', 'core/Service/shop/db'],
      ['autoscaling/HorizontalPodAutoscaler/shop/web', 'scales', 'apps/Deployment/shop/web'],
    ]);
    const graph = live.session.engine.graph();
    const replicaSet = chain.find(([source]) => source === 'apps/Deployment/shop/web')![2];
    expect(findEdge(graph, 'apps/Deployment/shop/web', 'owns', replicaSet)?.controller).toBe(true);
    const pods = graph.nodes.filter((node) => node.id.startsWith('core/Pod/shop/web-'));
    expect(pods.map((pod) => pod.status)).toEqual(['Running', 'Running']);
    expect(pods.every((pod) => pod.controller === replicaSet)).toBe(true);
    // No provisioner in this cluster: the claims exist but stay Pending, and the edges are not broken for it.
    expect(graph.edges.filter((edge) => edge.source === 'apps/StatefulSet/shop/db' && edge.broken)).toEqual([]);
  });

  it('Ingress, IngressClass, PDB, NetworkPolicy, RBAC bindings, ClusterRole aggregation, config and Secret references', async () => {
    await waitForEdges(live.session, [
      ['networking.k8s.io/Ingress/shop/web', 'routes', 'core/Service/shop/web'],
      ['networking.k8s.io/Ingress/shop/web', 'uses', 'networking.k8s.io/IngressClass//kubilitics-test'],
      ['policy/PodDisruptionBudget/shop/web', 'selects', 'apps/Deployment/shop/web'],
      ['networking.k8s.io/NetworkPolicy/shop/web-from-frontend', 'applies-to', 'apps/Deployment/shop/web'],
      ['rbac.authorization.k8s.io/RoleBinding/shop/web-config-reader', 'binds', 'rbac.authorization.k8s.io/Role/shop/config-reader'],
      ['rbac.authorization.k8s.io/RoleBinding/shop/web-config-reader', 'binds', 'core/ServiceAccount/shop/web'],
      ['rbac.authorization.k8s.io/ClusterRole//monitoring', 'aggregates', 'rbac.authorization.k8s.io/ClusterRole//monitoring-pods'],
      ['rbac.authorization.k8s.io/ClusterRole//view', 'aggregates', 'rbac.authorization.k8s.io/ClusterRole//widgets-view'],
      ['apps/Deployment/shop/web', 'runs-as', 'core/ServiceAccount/shop/web'],
      ['apps/Deployment/shop/web', 'env', 'core/ConfigMap/shop/web-config'],
      ['apps/Deployment/shop/web', 'mounts', 'core/ConfigMap/shop/web-config'],
      ['apps/Deployment/shop/web', 'env', 'core/Secret/shop/db-credentials'],
    ]);
    const graph = live.session.engine.graph();
    expect(graph.edges.filter((edge) => edge.source.includes('/shop/') && edge.broken).map((edge) => edge.id)).toEqual([]);
  });

  it('Secret data never reaches the extension: not in the objects kept, the graph, nor any delta sent to the webview', async () => {
    // The Secrets are there (as metadata): the check below would prove nothing if they had never arrived.
    await eventually(
      'both canary Secrets in the engine',
      () => live.session.engine.record('core/Secret/shop/db-credentials') && live.session.engine.record('core/Secret/team-a/api-token'),
    );
    // A sanity check that the canary is in the cluster, readable by an admin.
    const secret = await admin.core.readNamespacedSecret({ namespace: SHOP, name: 'db-credentials' });
    expect(secret.data?.['password']).toBe(CANARY_FORMS[1]);
    expect(live.deltas.length).toBeGreaterThan(0);
    const kept = JSON.stringify([...live.session.engine.objects()].map((record) => record.object));
    for (const text of [
      kept,
      JSON.stringify(live.session.engine.graph()),
      JSON.stringify(live.deltas),
      JSON.stringify(live.session.snapshot()),
    ]) {
      for (const form of CANARY_FORMS) expect(text.includes(form)).toBe(false);
    }
  });

  it('a CRD created later is discovered and its custom resources appear in the graph', async () => {
    expect(live.session.discovery?.watched.some((type) => type.group === 'example.org')).toBe(false);
    await admin.apply(gadgetCrd);
    await admin.waitForCrdEstablished('gadgets.example.org');
    await admin.apply(k.customResource('example.org', 'Gadget', 'sprocket', undefined, { teeth: 12 }));
    await eventually(
      'Gadget sprocket in the graph',
      () => live.session.engine.graph().nodes.some((node) => node.id === 'example.org/Gadget//sprocket'),
      30_000,
      () =>
        `watched: ${live.session.discovery?.watched
          .filter((type) => type.group.startsWith('example'))
          .map((type) => type.resource)
          .join(', ')}`,
    );
    expect(live.session.discovery?.watched.find((type) => type.group === 'example.org')).toMatchObject({
      resource: 'gadgets',
      namespaced: false,
    });
    // Still watched: a later object arrives through the new informer's watch, not only its first list.
    await admin.apply(k.customResource('example.org', 'Gadget', 'cog', undefined, { teeth: 8 }));
    await eventually('Gadget cog in the graph', () => live.session.engine.record('example.org/Gadget//cog'), 30_000);
  });

  it('the namespace-limited identity sees only team-a, and hidden() names what RBAC hides', async () => {
    // Aggregation is asynchronous: wait until `dev` may read widgets in team-a through edit ⊇ view ⊇ widgets-view.
    const devConfig = new KubeConfig();
    devConfig.loadFromFile(plane.limitedKubeconfigPath);
    const devCore = devConfig.makeApiClient(CoreV1Api);
    await expect(devCore.listNamespacedPod({ namespace: 'team-b' })).rejects.toMatchObject({ code: 403 });
    const devObjects = KubernetesObjectApi.makeApiClient(devConfig);
    await eventually(
      'dev may list widgets in team-a',
      async () => {
        await devObjects.list('example.com/v1', 'Widget', 'team-a');
        return true;
      },
      30_000,
    );

    const limited = await connect(plane.limitedKubeconfigPath);
    try {
      await settled(limited.session);
      const graph = limited.session.engine.graph();
      const namespaces = new Set(graph.nodes.filter((node) => !node.missing && !node.synthetic).map((node) => node.namespace));
      expect([...namespaces]).toEqual(['team-a']);
      for (const id of [
        'apps/Deployment/team-a/api',
        'core/Service/team-a/api',
        'core/Secret/team-a/api-token',
        'example.com/Widget/team-a/team-a-widget',
      ]) {
        expect(limited.session.engine.record(id), id).toBeDefined();
      }
      const apiPods = graph.nodes.filter((node) => node.id.startsWith('core/Pod/team-a/api-'));
      expect(apiPods).toHaveLength(1);
      for (const id of [
        'apps/Deployment/team-b/batch',
        'example.com/Widget/team-b/team-b-widget',
        'apps/Deployment/shop/web',
        `core/Node//${plane.nodeNames[0]}`,
      ]) {
        expect(limited.session.engine.record(id), id).toBeUndefined();
      }
      // Nodes are unreadable: the Pod's node reference is unknown, not broken.
      expect(graph.edges.filter((edge) => edge.broken).map((edge) => edge.id)).toEqual([]);
      const hidden = limited.session.hidden();
      expect(hidden).toContain('pods: cluster-wide list forbidden, shown for team-a');
      expect(hidden).toContain('widgets: cluster-wide list forbidden, shown for team-a');
      expect(hidden).toContain('nodes: forbidden');
      expect(hidden).toContain('clusterroles: forbidden');
      // `edit` cannot read Roles even in its own namespace.
      expect(hidden.find((line) => line.startsWith('roles: '))).toBe('roles: forbidden cluster-wide and in team-a');
      expect(
        hidden.some(
          (line) => line.startsWith('deployments: ') && (line.includes('not readable in') || line.includes('cluster-wide and in')),
        ),
      ).toBe(false);
      const kept = JSON.stringify([...limited.session.engine.objects()].map((record) => record.object)) + JSON.stringify(limited.deltas);
      for (const form of CANARY_FORMS) expect(kept.includes(form)).toBe(false);
    } finally {
      limited.session.dispose();
    }
  });

  it('after all of that, the long-lived session shows exactly what a fresh session shows', async () => {
    await agreesWithFreshSession(live.session, plane.adminKubeconfigPath);
    expect(live.session.connection).toBe('connected');
  });
});
