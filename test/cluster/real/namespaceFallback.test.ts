/**
 * A namespace-limited identity against a real control plane, with the Namespace list arriving last (held back in
 * front of the real kube-apiserver): `dev` may read namespaced kinds (ClusterRole `view`) in sock-shop and hipster
 * only, and may list Namespaces, first without and then with watch. Every object `dev` may read there must be shown,
 * also in hipster, which the session learns of only after every kind was refused cluster-wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { loadKubeconfig } from '../../../src/extension/cluster/kubeconfig.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import { startControlPlane, type ControlPlane } from '../controlplane/harness.js';
import { NamespaceListLast, settledButNamespaces } from '../namespaceListLast.js';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { clusterAvailable, eventually, report } from './support.js';

const available = clusterAvailable();
const READABLE = ['hipster', 'sock-shop'];
const OTHERS = ['team-0', 'team-1', 'team-2'];
/** What `view` lets dev read, as `apiVersion`, kind and the engine's group. */
const KINDS = [
  ['v1', 'ConfigMap', 'core'],
  ['v1', 'Endpoints', 'core'],
  ['v1', 'Event', 'core'],
  ['v1', 'Service', 'core'],
  ['v1', 'Pod', 'core'],
  ['apps/v1', 'Deployment', 'apps'],
  ['apps/v1', 'ReplicaSet', 'apps'],
] as const;

function namespaceReader(verbs: string[]): k.Manifest[] {
  const rbac = 'rbac.authorization.k8s.io/v1';
  return [
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'namespace-reader' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs }],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'dev-namespace-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'namespace-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'dev' }],
    },
  ];
}

/** Engine ids of everything dev may read in READABLE now, listed by dev itself (not through the extension). */
async function readableIds(dev: KubernetesObjectApi): Promise<string[]> {
  const ids: string[] = [];
  for (const namespace of READABLE) {
    for (const [apiVersion, kind, group] of KINDS) {
      const list = await dev.list(apiVersion, kind, namespace);
      for (const item of list.items) ids.push(`${group}/${kind}/${namespace}/${item.metadata?.name ?? ''}`);
    }
  }
  return ids;
}

describe.skipIf(!available)('a namespace-limited identity of a real control plane, Namespace list last', () => {
  let plane: ControlPlane;
  let admin: ClusterAdmin;
  let dev: KubernetesObjectApi;
  let session: ClusterSession | undefined;

  beforeAll(async () => {
    plane = await startControlPlane({ limitedNamespace: 'sock-shop', limitedRole: 'view' });
    report(`control plane ${plane.version} ready in ${(plane.startupMs / 1000).toFixed(1)} s`);
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    const created = [...READABLE, ...OTHERS].filter((name) => name !== 'sock-shop');
    await admin.apply(...created.map(k.namespace), k.devBinding('hipster', 'dev', 'view'));
    for (const namespace of [...READABLE, ...OTHERS]) {
      await admin.apply(
        k.configMap('settings', namespace, { a: 'b' }),
        k.deployment('front', namespace, 1),
        k.service('front', namespace, { app: 'front' }),
      );
    }
    for (const namespace of READABLE) await admin.waitForPods(namespace, 'front', 1);
    const devConfig = new KubeConfig();
    devConfig.loadFromFile(plane.limitedKubeconfigPath);
    dev = KubernetesObjectApi.makeApiClient(devConfig);
  });

  afterAll(async () => {
    session?.dispose();
    await plane?.stop();
  });

  async function connectWithNamespacesLast(): Promise<{ live: ClusterSession; client: NamespaceListLast }> {
    const { config } = await loadKubeconfig([plane.limitedKubeconfigPath]);
    const client = new NamespaceListLast(config);
    session?.dispose();
    const live = new ClusterSession(client, {
      namespaces: [],
      contextNamespace: 'sock-shop',
      onDelta: () => undefined,
      onStatus: () => undefined,
    });
    session = live;
    await live.start();
    await eventually('every other kind refused cluster-wide and read in sock-shop', () => settledButNamespaces(live), 60_000);
    expect(live.engine.record('core/ConfigMap/hipster/settings')).toBeUndefined();
    client.release();
    return { live, client };
  }

  async function everythingReadableShown(live: ClusterSession): Promise<void> {
    let missing: string[] = [];
    await eventually(
      'every object dev may read in hipster and sock-shop',
      async () => {
        missing = (await readableIds(dev)).filter((id) => !live.engine.record(id));
        return missing.length === 0;
      },
      60_000,
      () => `missing: ${missing.join(', ')}`,
    );
    const outside = [...live.engine.objects()].filter((record) => record.namespace && !READABLE.includes(record.namespace));
    expect(outside.map((record) => record.id)).toEqual([]);
    const hidden = live.hidden();
    expect(hidden[0]).toMatch(/^pods: cluster-wide list forbidden, shown for hipster, sock-shop; not readable in /);
    expect(hidden.find((line) => line.startsWith('configmaps: '))).toMatch(/shown for hipster, sock-shop/);
  }

  it('may list Namespaces only: hipster is shown in full, and namespaces are not called forbidden', async () => {
    await admin.apply(...namespaceReader(['list']));
    const { live } = await connectWithNamespacesLast();
    await everythingReadableShown(live);
    const namespacesLine = live.hidden().find((line) => line.startsWith('namespaces: '));
    expect(namespacesLine).toBe('namespaces: may be listed but not watched: re-listed periodically');
  });

  it('may list and watch Namespaces: Deployments and ReplicaSets of hipster too; a deleted namespace stops its watches', async () => {
    await admin.apply(...namespaceReader(['list', 'watch']));
    const { live } = await connectWithNamespacesLast();
    await everythingReadableShown(live);
    expect(live.hidden().some((line) => line.startsWith('namespaces: '))).toBe(false);
    const perNamespace = live.kinds().filter((status) => status.scopes.has('hipster')).length;
    expect(perNamespace).toBeGreaterThan(KINDS.length - 1);
    const before = live.openInformers();
    await admin.delete(k.namespace('hipster'));
    await eventually(
      'hipster gone from the session',
      () =>
        live.engine.record('core/Namespace//hipster') === undefined &&
        [...live.engine.objects()].every((record) => record.namespace !== 'hipster'),
      120_000,
    );
    expect(before - live.openInformers()).toBe(perNamespace);
    expect(live.kinds().some((status) => status.scopes.has('hipster'))).toBe(false);
  });
});
