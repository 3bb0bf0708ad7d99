import { describe, expect, it } from 'vitest';
import { edge, edgeLines, graphOf } from '../support.js';

const deployment = (name: string, labels: string, extra = ''): string => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}${extra} }
spec:
  selector: { matchLabels: ${labels} }
  template:
    metadata: { labels: ${labels} }
    spec: { containers: [{ name: c, image: i }] }
`;

describe('Service selectors', () => {
  it('selects workloads by pod template labels and pods by labels', () => {
    const g = graphOf(`${deployment('web', '{ app: web }')}
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1, labels: { app: web, extra: x } }
---
apiVersion: v1
kind: Pod
metadata: { name: other, labels: { app: other } }
`);
    expect(edge(g, 'core/Service/default/web', 'selects', 'apps/Deployment/default/web')).toBeDefined();
    expect(edge(g, 'core/Service/default/web', 'selects', 'core/Pod/default/web-1')).toBeDefined();
    expect(edge(g, 'core/Service/default/web', 'selects', 'core/Pod/default/other')).toBeUndefined();
  });

  it('an absent or empty Service selector selects nothing', () => {
    const g = graphOf(`apiVersion: v1
kind: Pod
metadata: { name: p, labels: { app: web } }
---
apiVersion: v1
kind: Service
metadata: { name: empty }
spec: { selector: {} }
---
apiVersion: v1
kind: Service
metadata: { name: none }
spec: { ports: [{ port: 80 }] }
`);
    expect(g.edges.filter((e) => e.type === 'selects')).toEqual([]);
  });

  it('does not select across namespaces', () => {
    const g = graphOf(`apiVersion: v1
kind: Pod
metadata: { name: p, namespace: a, labels: { app: web } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: b }
spec: { selector: { app: web } }
`);
    expect(edgeLines(g)).toEqual([]);
  });

  it('does not select ReplicaSets controlled by a Deployment, only the Deployment', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-abc
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, controller: true }]
spec:
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web } }
`);
    expect(edge(g, 'core/Service/default/web', 'selects', 'apps/ReplicaSet/default/web-abc')).toBeUndefined();
  });
});

describe('LabelSelector semantics (PodDisruptionBudget, workloads)', () => {
  const pods = `apiVersion: v1
kind: Pod
metadata: { name: a, labels: { app: web, tier: front } }
---
apiVersion: v1
kind: Pod
metadata: { name: b, labels: { app: web } }
---
apiVersion: v1
kind: Pod
metadata: { name: c, labels: { app: db } }
`;
  const pdb = (selector: string): string => `${pods}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: pdb }
spec: { minAvailable: 1${selector} }
`;
  const selected = (yaml: string): string[] =>
    graphOf(yaml)
      .edges.filter((e) => e.source === 'policy/PodDisruptionBudget/default/pdb')
      .map((e) => e.target.split('/').pop()!);

  it('nil selects nothing, {} selects everything in the namespace', () => {
    expect(selected(pdb(''))).toEqual([]);
    expect(selected(pdb(', selector: {}'))).toEqual(['a', 'b', 'c']);
  });

  it('matchExpressions In, NotIn, Exists, DoesNotExist', () => {
    const expr = (e: string): string => pdb(`, selector: { matchExpressions: [${e}] }`);
    expect(selected(expr('{ key: app, operator: In, values: [web] }'))).toEqual(['a', 'b']);
    expect(selected(expr('{ key: app, operator: NotIn, values: [web] }'))).toEqual(['c']);
    expect(selected(expr('{ key: tier, operator: NotIn, values: [back] }'))).toEqual(['a', 'b', 'c']);
    expect(selected(expr('{ key: tier, operator: Exists }'))).toEqual(['a']);
    expect(selected(expr('{ key: tier, operator: DoesNotExist }'))).toEqual(['b', 'c']);
    expect(selected(expr('{ key: tier, operator: Bogus }'))).toEqual([]);
  });

  it('matchLabels and matchExpressions combine with AND', () => {
    expect(selected(pdb(', selector: { matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: DoesNotExist }] }'))).toEqual([
      'b',
    ]);
  });

  it('workloads select their pods; ReplicationController defaults to its template labels', () => {
    const g = graphOf(`${deployment('web', '{ app: web }')}---
apiVersion: v1
kind: ReplicationController
metadata: { name: rc }
spec: { template: { metadata: { labels: { app: db } } } }
---
${pods}`);
    expect(edge(g, 'apps/Deployment/default/web', 'selects', 'core/Pod/default/a')).toBeDefined();
    expect(edge(g, 'apps/Deployment/default/web', 'selects', 'core/Pod/default/c')).toBeUndefined();
    expect(edge(g, 'core/ReplicationController/default/rc', 'selects', 'core/Pod/default/c')).toBeDefined();
  });
});
