import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

const POD = 'core/Pod/default/app';

const podWith = (spec: string): string => `apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
${spec}`;

describe('pod spec references', () => {
  it('volumes, projected sources, csi and PVCs', () => {
    const g = graphOf(
      podWith(`  containers: [{ name: c, image: i }]
  volumes:
  - { name: cfg, configMap: { name: settings } }
  - { name: tls, secret: { secretName: certs } }
  - { name: data, persistentVolumeClaim: { claimName: data } }
  - name: bundle
    projected: { sources: [{ configMap: { name: ca } }, { secret: { name: token } }] }
  - { name: blob, csi: { driver: blob.csi.example.com, nodePublishSecretRef: { name: blob-key } } }
`),
    );
    expect(edge(g, POD, 'mounts', 'core/ConfigMap/default/settings')?.via).toEqual(['volume cfg']);
    expect(edge(g, POD, 'mounts', 'core/Secret/default/certs')).toBeDefined();
    expect(edge(g, POD, 'mounts', 'core/PersistentVolumeClaim/default/data')).toBeDefined();
    expect(edge(g, POD, 'mounts', 'core/ConfigMap/default/ca')?.via).toEqual(['projected volume bundle']);
    expect(edge(g, POD, 'mounts', 'core/Secret/default/token')).toBeDefined();
    expect(edge(g, POD, 'uses', 'storage.k8s.io/CSIDriver//blob.csi.example.com')).toBeDefined();
    expect(edge(g, POD, 'mounts', 'core/Secret/default/blob-key')).toBeDefined();
  });

  it('env valueFrom and envFrom in init, main and ephemeral containers, and imagePullSecrets', () => {
    const g = graphOf(
      podWith(`  imagePullSecrets: [{ name: registry }]
  initContainers:
  - name: init
    env: [{ name: A, valueFrom: { configMapKeyRef: { name: init-cm, key: a } } }]
  containers:
  - name: main
    envFrom: [{ configMapRef: { name: main-cm } }, { secretRef: { name: main-secret } }]
    env: [{ name: B, valueFrom: { secretKeyRef: { name: db, key: password } } }, { name: C, value: plain }]
  ephemeralContainers:
  - name: debug
    env: [{ name: D, valueFrom: { configMapKeyRef: { name: debug-cm, key: d } } }]
`),
    );
    expect(edge(g, POD, 'env', 'core/ConfigMap/default/init-cm')?.via).toEqual(['env A (init)']);
    expect(edge(g, POD, 'env', 'core/ConfigMap/default/main-cm')).toBeDefined();
    expect(edge(g, POD, 'env', 'core/Secret/default/main-secret')).toBeDefined();
    expect(edge(g, POD, 'env', 'core/Secret/default/db')?.via).toEqual(['env B (main)']);
    expect(edge(g, POD, 'env', 'core/ConfigMap/default/debug-cm')?.via).toEqual(['env D (debug)']);
    expect(edge(g, POD, 'pulls', 'core/Secret/default/registry')).toBeDefined();
  });

  it('absent targets are broken unless the reference is optional', () => {
    const g = graphOf(
      podWith(`  containers:
  - name: c
    env:
    - { name: A, valueFrom: { configMapKeyRef: { name: required, key: a } } }
    - { name: B, valueFrom: { configMapKeyRef: { name: maybe, key: b, optional: true } } }
`),
    );
    expect(edge(g, POD, 'env', 'core/ConfigMap/default/required')?.broken).toBe('missing');
    expect(edge(g, POD, 'env', 'core/ConfigMap/default/maybe')).toBeUndefined();
    expect(g.nodes.some((n) => n.id === 'core/ConfigMap/default/maybe')).toBe(false);
  });

  it('an optional reference is drawn (not broken) when the target exists', () => {
    const g = graphOf(`${podWith(`  volumes: [{ name: v, configMap: { name: maybe, optional: true } }]`)}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: maybe }
`);
    expect(edge(g, POD, 'mounts', 'core/ConfigMap/default/maybe')?.broken).toBeUndefined();
  });

  it('service account (default only when present), node, priority and runtime classes', () => {
    const g = graphOf(`${podWith(`  nodeName: n1
  priorityClassName: high
  runtimeClassName: gvisor
  containers: [{ name: c, image: i }]`)}
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default }
---
apiVersion: v1
kind: Pod
metadata: { name: critical, namespace: other }
spec: { serviceAccountName: runner, priorityClassName: system-node-critical }
`);
    expect(edge(g, POD, 'runs-as', 'core/ServiceAccount/default/default')?.broken).toBeUndefined();
    expect(edge(g, POD, 'runs-on', 'core/Node//n1')?.broken).toBe('missing');
    expect(edge(g, POD, 'uses', 'scheduling.k8s.io/PriorityClass//high')).toBeDefined();
    expect(edge(g, POD, 'uses', 'node.k8s.io/RuntimeClass//gvisor')).toBeDefined();
    expect(edge(g, 'core/Pod/other/critical', 'runs-as', 'core/ServiceAccount/other/runner')?.broken).toBe('missing');
    expect(g.edges.some((e) => e.target.endsWith('system-node-critical'))).toBe(false);
    expect(g.edges.some((e) => e.target === 'core/ServiceAccount/other/default')).toBe(false);
  });

  it('reads pod templates of every workload kind, CronJob jobTemplate included', () => {
    const template = `template: { spec: { volumes: [{ name: v, configMap: { name: cm } }] } }`;
    const g = graphOf(
      ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']
        .map(
          (kind) => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: w }
spec: { ${template} }
`,
        )
        .concat(
          `apiVersion: batch/v1
kind: Job
metadata: { name: w }
spec: { ${template} }
`,
          `apiVersion: batch/v1
kind: CronJob
metadata: { name: w }
spec: { jobTemplate: { spec: { ${template} } } }
`,
          `apiVersion: v1
kind: ReplicationController
metadata: { name: w }
spec: { ${template} }
`,
        )
        .join('---\n'),
    );
    const sources = g.edges
      .filter((e) => e.target === 'core/ConfigMap/default/cm')
      .map((e) => e.source.split('/')[1])
      .sort();
    expect(sources).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);
  });

  it('ServiceAccount → its secrets and imagePullSecrets', () => {
    const g = graphOf(`apiVersion: v1
kind: ServiceAccount
metadata: { name: builder }
secrets: [{ name: builder-token }]
imagePullSecrets: [{ name: registry }]
`);
    expect(edge(g, 'core/ServiceAccount/default/builder', 'token', 'core/Secret/default/builder-token')).toBeDefined();
    expect(edge(g, 'core/ServiceAccount/default/builder', 'mounts', 'core/Secret/default/builder-token')).toBeUndefined();
    expect(edge(g, 'core/ServiceAccount/default/builder', 'pulls', 'core/Secret/default/registry')).toBeDefined();
  });
});
