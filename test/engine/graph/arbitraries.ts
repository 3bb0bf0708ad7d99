import fc from 'fast-check';
import type { KubeObject } from '../../../src/engine/model/object.js';

/** A small universe of objects whose relations cross each other: every change can add, break or mend an edge. */
const namespaces = ['a', 'b'];
const appLabel = fc.constantFrom('web', 'db', 'api');
const ns = fc.constantFrom(...namespaces);
const name = fc.constantFrom('x', 'y');

export const objectArb: fc.Arbitrary<KubeObject> = fc.oneof(
  fc
    .record({ ns, name, app: appLabel, tier: fc.option(fc.constantFrom('front', 'back')), owner: fc.option(name), cm: fc.option(name) })
    .map(({ ns: namespace, name: n, app, tier, owner, cm }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `p${n}`,
        namespace,
        labels: { app, ...(tier ? { tier } : {}) },
        ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs${owner}`, controller: true }] } : {}),
      },
      spec: { ...(cm ? { volumes: [{ name: 'v', configMap: { name: `cm${cm}` } }] } : {}), nodeName: 'n1' },
    })),
  fc.record({ ns, name, app: appLabel }).map(({ ns: namespace, name: n, app }) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs${n}`, namespace },
    spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app } } } },
  })),
  fc.record({ ns, name, app: fc.option(appLabel) }).map(({ ns: namespace, name: n, app }) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc${n}`, namespace },
    spec: app ? { selector: { app } } : {},
  })),
  fc
    .record({ ns, name })
    .map(({ ns: namespace, name: n }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${n}`, namespace } })),
  fc.record({ n: ns, team: fc.constantFrom('red', 'blue') }).map(({ n, team }) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: n, labels: { team } },
  })),
  fc.record({ ns, name, team: fc.constantFrom('red', 'blue'), expr: fc.boolean() }).map(({ ns: namespace, name: n, team, expr }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${n}`, namespace },
    spec: {
      podSelector: expr ? { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } : {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }] }],
    },
  })),
  fc.record({ ns, name }).map(({ ns: namespace, name: n }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `r${n}`, namespace },
    spec: { parentRefs: [{ name: 'gw', namespace: 'a' }], rules: [{ backendRefs: [{ name: 'svcx', namespace: 'b' }] }] },
  })),
  fc.record({ team: fc.constantFrom('red', 'blue') }).map(({ team }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'a' },
    spec: {
      gatewayClassName: 'c',
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team } } } },
        },
      ],
    },
  })),
  fc.record({ from: ns }).map(({ from }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'grant', namespace: 'b' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: from }], to: [{ group: '', kind: 'Service' }] },
  })),
  fc.record({ name, labelled: fc.boolean() }).map(({ name: n, labelled }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `role${n}`, labels: labelled ? { aggregate: 'yes' } : {} },
    ...(n === 'x' ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { aggregate: 'yes' } }] } } : {}),
  })),
);

export const eventArb = fc.record({ type: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'delete'), object: objectArb });

export const keyOf = (object: KubeObject): string => `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
