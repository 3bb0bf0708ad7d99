import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

const NP = 'networking.k8s.io/NetworkPolicy/shop/policy';
const world = `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: monitoring, labels: { team: ops } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: shop, labels: { app: db } }
---
apiVersion: v1
kind: Pod
metadata: { name: prometheus, namespace: monitoring, labels: { app: prometheus } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: monitoring, labels: { app: api } }
`;
const policy = (spec: string): string => `${world}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: policy, namespace: shop }
spec:
${spec}`;
const targets = (yaml: string, type: string): string[] =>
  graphOf(yaml)
    .edges.filter((e) => e.source === NP && e.type === type)
    .map((e) => e.target)
    .sort();

describe('NetworkPolicy', () => {
  it('podSelector {} applies to every pod in its namespace only', () => {
    expect(targets(policy('  podSelector: {}\n'), 'applies-to')).toEqual(['core/Pod/shop/api', 'core/Pod/shop/db']);
  });

  it('a matchExpressions podSelector picks the right pods', () => {
    expect(targets(policy('  podSelector: { matchExpressions: [{ key: app, operator: NotIn, values: [db] }] }\n'), 'applies-to')).toEqual([
      'core/Pod/shop/api',
    ]);
  });

  it('ingress podSelector peers are in the policy namespace', () => {
    const yaml = policy(`  podSelector: { matchLabels: { app: db } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: api } } }] }]
`);
    expect(targets(yaml, 'allows')).toEqual(['core/Pod/shop/api']);
  });

  it('namespaceSelector peers point at namespaces, by labels and by the metadata.name label', () => {
    const yaml = policy(`  podSelector: {}
  ingress:
  - from: [{ namespaceSelector: { matchLabels: { team: ops } } }]
  egress:
  - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } } }]
`);
    expect(targets(yaml, 'allows')).toEqual(['core/Namespace//monitoring', 'core/Namespace//shop']);
  });

  it('namespaceSelector and podSelector in one peer select those pods in those namespaces', () => {
    const yaml = policy(`  podSelector: {}
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: ops } }, podSelector: { matchLabels: { app: prometheus } } }] }]
`);
    expect(targets(yaml, 'allows')).toEqual(['core/Pod/monitoring/prometheus']);
    const everywhere = policy(`  podSelector: {}
  ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: api } } }] }]
`);
    expect(targets(everywhere, 'allows')).toEqual(['core/Pod/monitoring/api', 'core/Pod/shop/api']);
  });

  it('ipBlock peers become synthetic nodes, never missing', () => {
    const g = graphOf(
      policy(`  podSelector: {}
  egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }] }]
`),
    );
    const peer = edge(g, NP, 'allows', 'net/IPBlock//10.0.0.0/8');
    expect(peer).toMatchObject({ via: ['egress to (except 10.1.0.0/16)'] });
    expect(peer?.broken).toBeUndefined();
    expect(g.nodes.find((n) => n.id === 'net/IPBlock//10.0.0.0/8')).toMatchObject({ synthetic: true, kind: 'IPBlock', name: '10.0.0.0/8' });
  });

  it('a policy without podSelector selects nothing', () => {
    expect(targets(policy('  policyTypes: [Ingress]\n'), 'applies-to')).toEqual([]);
  });
});
