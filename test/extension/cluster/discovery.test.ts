import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import { ApiClient } from '../../../src/extension/cluster/apiClient.js';
import { customResourceNames, discover } from '../../../src/extension/cluster/discovery.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import { startFakeApiServer, type DiscoveryProfile, type FakeApiServer, type KubeObject } from '../../cluster/fake/fakeApiServer.js';
import { ADMIN, eventually } from '../../cluster/fake/fixtures.js';

/**
 * Discovery as Kubernetes 1.16, 1.18, 1.22 and current servers answer it: every kind is watched once, from the
 * best group and version that serves it, and the engine relates what an older version returns.
 */

interface Shape {
  readonly cronJob: string;
  /** Where Ingresses are written; an older one takes the old backend shape (serviceName/servicePort). */
  readonly ingresses: readonly string[];
  /** The kind the engine has no relations for, and where it lives. */
  readonly generic: { readonly apiVersion: string; readonly kind: string; readonly group: string; readonly resource: string };
  /** Where each kind must be watched from: `group/version/resource`. */
  readonly watchedFrom: Readonly<Record<string, string>>;
}

const PSP = { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', group: 'policy', resource: 'podsecuritypolicies' };
const SHAPES: Record<DiscoveryProfile, Shape> = {
  '1.16': {
    cronJob: 'batch/v1beta1',
    ingresses: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
    generic: PSP,
    watchedFrom: {
      CronJob: 'batch/v1beta1/cronjobs',
      Ingress: 'networking.k8s.io/v1beta1/ingresses',
      Deployment: 'apps/v1/deployments',
      Event: '/v1/events',
      PodSecurityPolicy: 'policy/v1beta1/podsecuritypolicies',
    },
  },
  '1.18': {
    cronJob: 'batch/v1beta1',
    ingresses: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
    generic: PSP,
    watchedFrom: {
      CronJob: 'batch/v1beta1/cronjobs',
      Ingress: 'networking.k8s.io/v1beta1/ingresses',
      Event: '/v1/events',
      PodSecurityPolicy: 'policy/v1beta1/podsecuritypolicies',
    },
  },
  '1.22': {
    cronJob: 'batch/v1',
    ingresses: ['networking.k8s.io/v1'],
    generic: PSP,
    watchedFrom: {
      CronJob: 'batch/v1/cronjobs',
      Ingress: 'networking.k8s.io/v1/ingresses',
      Event: '/v1/events',
      PodDisruptionBudget: 'policy/v1/poddisruptionbudgets',
    },
  },
  current: {
    cronJob: 'batch/v1',
    ingresses: ['networking.k8s.io/v1'],
    generic: { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', group: 'resource.k8s.io', resource: 'deviceclasses' },
    watchedFrom: { CronJob: 'batch/v1/cronjobs', Ingress: 'networking.k8s.io/v1/ingresses', Event: '/v1/events' },
  },
};

function ingress(apiVersion: string, name: string, service: string): KubeObject {
  const current = apiVersion.endsWith('/v1');
  const backend = current ? { service: { name: service, port: { number: 80 } } } : { serviceName: service, servicePort: 80 };
  const path = { path: '/', ...(current ? { pathType: 'Prefix' } : {}), backend };
  const rules = [{ host: `${name}.example`, http: { paths: [path] } }];
  return { apiVersion, kind: 'Ingress', metadata: { name, namespace: 'shop' }, spec: { rules } };
}

/** A small cluster written through the versions the profile serves; returns how many objects it holds. */
function seed(server: FakeApiServer, shape: Shape): number {
  const template = { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } };
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' } } },
    {
      apiVersion: shape.generic.apiVersion,
      kind: shape.generic.kind,
      metadata: { name: 'restricted', labels: { tier: 'base' } },
      spec: { privileged: false },
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'nightly.1', namespace: 'shop' },
      reason: 'SawCompletedJob',
      involvedObject: { apiVersion: shape.cronJob, kind: 'CronJob', namespace: 'shop', name: 'nightly' },
    },
  ];
  for (const object of objects) server.create(object);
  const cronJob = server.create({
    apiVersion: shape.cronJob,
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'shop' },
    spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template } } },
  });
  server.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'nightly-1',
      namespace: 'shop',
      ownerReferences: [{ apiVersion: shape.cronJob, kind: 'CronJob', name: 'nightly', uid: cronJob.metadata?.uid, controller: true }],
    },
    spec: { template },
  });
  shape.ingresses.forEach((apiVersion, index) => server.create(ingress(apiVersion, `web${index}`, index % 2 ? 'api' : 'web')));
  return objects.length + 2 + shape.ingresses.length;
}

function edge(graph: TopologyGraph, source: string, target: string, type: string): boolean {
  return graph.edges.some(
    (candidate) => candidate.source === source && candidate.target === target && candidate.type === type && !candidate.broken,
  );
}

describe('discovery as each Kubernetes release answers it', () => {
  let server: FakeApiServer | undefined;
  let session: ClusterSession | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.stop();
  });

  it.each(Object.keys(SHAPES) as DiscoveryProfile[])('%s: every kind once, from its best version, related as today', async (profile) => {
    const shape = SHAPES[profile];
    server = await startFakeApiServer({ tls: true, discovery: profile, identities: [ADMIN] });
    const objects = seed(server, shape);
    const config = new KubeConfig();
    config.loadFromString(server.kubeconfigYaml({ token: ADMIN.token }));
    const client = new ApiClient(config, 30_000);

    const found = await discover(client, await customResourceNames(client));
    const byKind = new Map<string, string[]>();
    for (const type of found.watched) {
      byKind.set(type.kind, [...(byKind.get(type.kind) ?? []), `${type.group}/${type.version}/${type.resource}`]);
    }
    for (const [kind, where] of Object.entries(shape.watchedFrom)) expect(byKind.get(kind), kind).toEqual([where]);
    expect([...byKind].filter(([, where]) => where.length > 1)).toEqual([]);
    expect(found.watched.find((type) => type.kind === shape.generic.kind)?.metadataOnly).toBe(true);
    expect(found.watched.find((type) => type.kind === 'CronJob')?.metadataOnly).toBe(false);
    expect(found.watched.find((type) => type.kind === 'Lease')?.metadataOnly).toBe(true);

    session = new ClusterSession(client, { flushIntervalMs: 20, onDelta: () => undefined, onStatus: () => undefined });
    await session.start();
    const live = session;
    await eventually(() => live.engine.size >= objects, 30_000, `${objects} objects`);
    const graph = live.engine.graph();
    const real = graph.nodes.filter((node) => !node.missing && !node.synthetic);
    expect(real).toHaveLength(objects);
    expect(graph.nodes.filter((node) => node.missing).map((node) => node.id)).toEqual([]);
    expect(edge(graph, 'batch/CronJob/shop/nightly', 'batch/Job/shop/nightly-1', 'owns')).toBe(true);
    shape.ingresses.forEach((_, index) => {
      const service = `core/Service/shop/${index % 2 ? 'api' : 'web'}`;
      expect(edge(graph, `networking.k8s.io/Ingress/shop/web${index}`, service, 'routes')).toBe(true);
    });
    const generic = graph.nodes.find((node) => node.kind === shape.generic.kind);
    expect(generic).toMatchObject({ id: `${shape.generic.group}/${shape.generic.kind}//restricted`, labels: { tier: 'base' } });
    const lists = server.requests().filter((request) => request.verb === 'list' && request.resource === 'ingresses');
    expect(new Set(lists.map((request) => request.path))).toEqual(new Set([`/apis/${shape.watchedFrom['Ingress']}`]));
    const genericLists = server.requests().filter((request) => request.resource === shape.generic.resource && request.verb === 'list');
    expect(genericLists.map((request) => request.metadataOnly)).toEqual([true]);
  });
});
