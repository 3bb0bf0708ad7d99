import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

describe('ownerReferences', () => {
  it('links owner → child for every ref, marking the controller', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-1, uid: rs-uid }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: shared, uid: cm-uid }
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-x
  ownerReferences:
  - { apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: rs-uid, controller: true }
  - { apiVersion: v1, kind: ConfigMap, name: shared, uid: cm-uid }
`);
    const owned = edge(g, 'apps/ReplicaSet/default/web-1', 'owns', 'core/Pod/default/web-1-x');
    expect(owned).toMatchObject({ controller: true, via: ['controller'] });
    expect(owned?.broken).toBeUndefined();
    const plain = edge(g, 'core/ConfigMap/default/shared', 'owns', 'core/Pod/default/web-1-x');
    expect(plain?.controller).toBeUndefined();
    expect(g.nodes.find((n) => n.id === 'core/Pod/default/web-1-x')?.controller).toBe('apps/ReplicaSet/default/web-1');
  });

  it('resolves cluster-scoped owners without the child namespace', () => {
    const g = graphOf(`apiVersion: v1
kind: Node
metadata: { name: node-1 }
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: node-1
  namespace: kube-node-lease
  ownerReferences: [{ apiVersion: v1, kind: Node, name: node-1 }]
`);
    expect(edge(g, 'core/Node//node-1', 'owns', 'coordination.k8s.io/Lease/kube-node-lease/node-1')?.broken).toBeUndefined();
  });

  it('a missing owner becomes a placeholder with a broken edge', () => {
    const g = graphOf(`apiVersion: v1
kind: Pod
metadata:
  name: orphan
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: gone, controller: true }]
`);
    expect(edge(g, 'apps/ReplicaSet/default/gone', 'owns', 'core/Pod/default/orphan')).toMatchObject({
      broken: 'missing',
      referrer: 'core/Pod/default/orphan',
    });
    expect(g.nodes.find((n) => n.id === 'apps/ReplicaSet/default/gone')).toMatchObject({ missing: true, status: 'Missing' });
  });

  it('an owner with the same name but another uid is flagged', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web, uid: new-uid }
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: old-uid }]
`);
    expect(edge(g, 'apps/ReplicaSet/default/web', 'owns', 'core/Pod/default/p')?.broken).toBe('uid-mismatch');
  });

  it('CronJob → Job → Pod through owners', () => {
    const g = graphOf(`apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
---
apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-1
  ownerReferences: [{ apiVersion: batch/v1, kind: CronJob, name: nightly, controller: true }]
---
apiVersion: v1
kind: Pod
metadata:
  name: nightly-1-abc
  ownerReferences: [{ apiVersion: batch/v1, kind: Job, name: nightly-1, controller: true }]
`);
    expect(edge(g, 'batch/CronJob/default/nightly', 'owns', 'batch/Job/default/nightly-1')).toBeDefined();
    expect(edge(g, 'batch/Job/default/nightly-1', 'owns', 'core/Pod/default/nightly-1-abc')).toBeDefined();
  });

  it('a reference without a name names nothing: no placeholder, no controller, and Services still select the workload', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: '', controller: true }]
spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web } }
`);
    expect(g.nodes.map((n) => n.id)).toEqual(['apps/ReplicaSet/default/web-1', 'core/Service/default/web']);
    expect(g.nodes[0]?.controller).toBeUndefined();
    expect(edge(g, 'core/Service/default/web', 'selects', 'apps/ReplicaSet/default/web-1')).toBeDefined();
  });

  it('ownerReferences that are not a list are ignored, and the other objects still load', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-1, labels: { app: web }, ownerReferences: oops }
spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } } } }
---
apiVersion: v1
kind: Pod
metadata: { name: p, ownerReferences: { kind: ReplicaSet, name: web-1 } }
---
apiVersion: v1
kind: Pod
metadata: { name: q, ownerReferences: [{ apiVersion: 1, kind: ReplicaSet, name: web-1, controller: true }] }
`);
    // An apiVersion that is not a string names the core group, as a missing one does: a core ReplicaSet, which is absent.
    expect(g.nodes.map((n) => n.id)).toEqual([
      'apps/ReplicaSet/default/web-1',
      'core/Pod/default/p',
      'core/Pod/default/q',
      'core/ReplicaSet/default/web-1',
    ]);
    expect(g.edges.map((e) => `${e.id} ${e.broken ?? ''}`)).toEqual(['core/ReplicaSet/default/web-1>owns>core/Pod/default/q missing']);
    expect(g.nodes.find((n) => n.name === 'q')?.controller).toBe('core/ReplicaSet/default/web-1');
  });
});
