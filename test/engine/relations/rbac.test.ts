import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

const accounts = `apiVersion: v1
kind: ServiceAccount
metadata: { name: ci, namespace: build }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: app, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
`;

describe('RBAC', () => {
  it('roleRef kind decides Role or ClusterRole; subjects resolve to service accounts', () => {
    const g = graphOf(`${accounts}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: to-role, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: ServiceAccount, name: app }, { kind: ServiceAccount, name: ci, namespace: build }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: to-cluster-role, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
subjects: [{ kind: User, name: "system:serviceaccount:build:ci" }, { kind: User, name: alice }]
`);
    const toRole = 'rbac.authorization.k8s.io/RoleBinding/shop/to-role';
    const toCluster = 'rbac.authorization.k8s.io/RoleBinding/shop/to-cluster-role';
    expect(edge(g, toRole, 'binds', 'rbac.authorization.k8s.io/Role/shop/reader')?.broken).toBeUndefined();
    expect(edge(g, toRole, 'binds', 'rbac.authorization.k8s.io/ClusterRole//reader')).toBeUndefined();
    expect(edge(g, toCluster, 'binds', 'rbac.authorization.k8s.io/ClusterRole//reader')?.broken).toBeUndefined();
    expect(edge(g, toRole, 'binds', 'core/ServiceAccount/shop/app')).toBeDefined();
    expect(edge(g, toRole, 'binds', 'core/ServiceAccount/build/ci')).toBeDefined();
    expect(edge(g, toCluster, 'binds', 'core/ServiceAccount/build/ci')?.via).toEqual(['subject user system:serviceaccount:build:ci']);
    expect(g.edges.filter((e) => e.source === toCluster)).toHaveLength(2);
  });

  it('system:serviceaccounts groups bind every account (of a namespace)', () => {
    const g = graphOf(`${accounts}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: all }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
subjects: [{ kind: Group, name: "system:serviceaccounts" }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: shop-only }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: missing-role }
subjects: [{ kind: Group, name: "system:serviceaccounts:shop" }]
`);
    const targets = (id: string): string[] =>
      g.edges.filter((e) => e.source === id && e.target.includes('ServiceAccount')).map((e) => e.target);
    expect(targets('rbac.authorization.k8s.io/ClusterRoleBinding//all')).toEqual([
      'core/ServiceAccount/build/ci',
      'core/ServiceAccount/shop/app',
    ]);
    expect(targets('rbac.authorization.k8s.io/ClusterRoleBinding//shop-only')).toEqual(['core/ServiceAccount/shop/app']);
    expect(
      edge(g, 'rbac.authorization.k8s.io/ClusterRoleBinding//shop-only', 'binds', 'rbac.authorization.k8s.io/ClusterRole//missing-role')
        ?.broken,
    ).toBe('missing');
  });

  it('ClusterRole aggregation selects labelled ClusterRoles', () => {
    const g = graphOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: monitoring }
aggregationRule: { clusterRoleSelectors: [{ matchLabels: { rbac.example.com/aggregate-to-monitoring: "true" } }] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: endpoints-reader, labels: { rbac.example.com/aggregate-to-monitoring: "true" } }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: unrelated }
`);
    const targets = g.edges.filter((e) => e.type === 'aggregates').map((e) => e.target);
    expect(targets).toEqual(['rbac.authorization.k8s.io/ClusterRole//endpoints-reader']);
  });
});

const SERVICE_WEBHOOK = '{ name: check.example.com, clientConfig: { service: { name: webhook, namespace: sys } } }';
const URL_WEBHOOK = '{ name: url.example.com, clientConfig: { url: "https://x" } }';

describe('admission, APIService, events, custom resources', () => {
  it('webhook configurations and APIServices are served by Services', () => {
    const g = graphOf(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: hooks }
webhooks: [${SERVICE_WEBHOOK}, ${URL_WEBHOOK}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: { name: v1beta1.metrics.k8s.io }
spec: { group: metrics.k8s.io, version: v1beta1, service: { name: metrics-server, namespace: kube-system } }
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: { name: v1.apps }
spec: { group: apps, version: v1 }
---
apiVersion: v1
kind: Service
metadata: { name: webhook, namespace: sys }
`);
    expect(
      edge(g, 'core/Service/sys/webhook', 'serves', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration//hooks')?.broken,
    ).toBeUndefined();
    expect(
      edge(g, 'core/Service/kube-system/metrics-server', 'serves', 'apiregistration.k8s.io/APIService//v1beta1.metrics.k8s.io')?.broken,
    ).toBe('missing');
    expect(g.edges.some((e) => e.target === 'apiregistration.k8s.io/APIService//v1.apps')).toBe(false);
  });

  it('core and events.k8s.io Events point at their object; events about deleted objects are not broken', () => {
    const g = graphOf(`apiVersion: v1
kind: Pod
metadata: { name: p }
---
apiVersion: v1
kind: Event
metadata: { name: p.1 }
involvedObject: { kind: Pod, name: p, namespace: default }
reason: Scheduled
---
apiVersion: events.k8s.io/v1
kind: Event
metadata: { name: p.2 }
regarding: { kind: Pod, name: p, namespace: default }
reason: Pulled
---
apiVersion: v1
kind: Event
metadata: { name: gone.1 }
involvedObject: { kind: Pod, name: gone, namespace: default }
`);
    expect(edge(g, 'core/Event/default/p.1', 'event', 'core/Pod/default/p')?.via).toEqual(['Scheduled']);
    expect(edge(g, 'events.k8s.io/Event/default/p.2', 'event', 'core/Pod/default/p')?.via).toEqual(['Pulled']);
    expect(g.nodes.some((n) => n.id === 'core/Pod/default/gone')).toBe(false);
  });

  it('declared custom resource fields: cert-manager Certificate → Secret and Issuer, scope from the CRD', () => {
    const g = graphOf(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec: { group: example.com, scope: Cluster, names: { kind: Widget, plural: widgets } }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w, namespace: ignored-for-cluster-scope }
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: site, namespace: web }
spec: { secretName: site-tls, issuerRef: { name: letsencrypt, kind: ClusterIssuer, group: cert-manager.io } }
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: { name: letsencrypt }
spec: { acme: { privateKeySecretRef: { name: le-key } } }
`);
    expect(g.nodes.some((n) => n.id === 'example.com/Widget//w')).toBe(true);
    expect(edge(g, 'cert-manager.io/Certificate/web/site', 'provisions', 'core/Secret/web/site-tls')).toBeDefined();
    expect(edge(g, 'cert-manager.io/Certificate/web/site', 'uses', 'cert-manager.io/ClusterIssuer//letsencrypt')?.broken).toBeUndefined();
    expect(edge(g, 'cert-manager.io/ClusterIssuer//letsencrypt', 'uses', 'core/Secret/cert-manager/le-key')).toBeDefined();
  });
});
