import type { KubeObject } from '../src/engine/model/object.js';

/**
 * A synthetic live cluster shaped like real ones: per namespace, Deployments → ReplicaSets → Pods (with status,
 * nodeName, owner uids), Services with EndpointSlices, ConfigMaps, Secrets (metadata only), a NetworkPolicy,
 * an HPA, a PDB and RBAC. About 20 objects per Deployment.
 */
export function syntheticCluster(targetObjects: number, seed = 1): KubeObject[] {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const objects: KubeObject[] = [];
  const nodes = Math.max(3, Math.round(targetObjects / 500));
  for (let n = 0; n < nodes; n++) objects.push(node(n));
  let d = 0;
  while (objects.length < targetObjects) {
    const namespace = `team-${Math.floor(d / 10)}`;
    if (d % 10 === 0) objects.push(...namespaceObjects(namespace));
    objects.push(...deploymentObjects(namespace, `app-${d}`, 3, nodes, random));
    d++;
  }
  return objects.slice(0, targetObjects);
}

let uidCounter = 0;
const uid = (): string => `00000000-0000-4000-8000-${String(++uidCounter).padStart(12, '0')}`;

function node(index: number): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${index}`, uid: uid(), labels: { 'kubernetes.io/hostname': `node-${index}` } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

function namespaceObjects(namespace: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, uid: uid(), labels: { team: namespace } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace, uid: uid() } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace, uid: uid() },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ingress' } } }] }] } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'devs', namespace, uid: uid() },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] },
  ];
}

function deploymentObjects(namespace: string, app: string, replicas: number, nodes: number, random: () => number): KubeObject[] {
  const labels = { app, 'app.kubernetes.io/instance': app };
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace, uid: uid(), labels },
    spec: { replicas, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: podSpec(app) } },
    status: { replicas, readyReplicas: replicas } };
  const hash = Math.floor(random() * 1e9).toString(36);
  const rsName = `${app}-${hash}`;
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rsName, namespace, uid: uid(), labels: { ...labels, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deployment.metadata.uid, controller: true }] },
    spec: { replicas, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } }, spec: podSpec(app) } },
    status: { replicas, readyReplicas: replicas } };
  const pods = Array.from({ length: replicas }, (_, i) => pod(namespace, app, rsName, rs.metadata.uid, hash, i, `node-${Math.floor(random() * nodes)}`));
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace, uid: uid() },
    spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }], clusterIP: '10.0.0.1', type: 'ClusterIP' } };
  const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${app}-abcde`, namespace, uid: uid(),
      labels: { 'kubernetes.io/service-name': app },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: app, uid: service.metadata.uid, controller: true }] },
    addressType: 'IPv4', endpoints: pods.map((p, i) => ({ addresses: [`10.1.0.${i}`], targetRef: { kind: 'Pod', name: p.metadata.name, namespace, uid: p.metadata.uid } })) };
  return [deployment, rs, ...pods, service, slice,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app}-config`, namespace, uid: uid() }, data: { 'app.properties': 'x=1\ny=2\n'.repeat(5) } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: `${app}-secret`, namespace, uid: uid() }, type: 'Opaque' },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app, namespace, uid: uid() } },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: app, namespace, uid: uid() },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app }, minReplicas: 1, maxReplicas: 5 } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace, uid: uid() }, spec: { minAvailable: 1, selector: { matchLabels: { app } } } },
    ...Array.from({ length: 5 }, (_, i) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `${app}.${i}`, namespace, uid: uid() },
      involvedObject: { kind: 'Pod', name: pods[i % replicas]!.metadata.name, namespace }, reason: 'Pulled', message: 'pulled image', count: 1 })),
  ];
}

function podSpec(app: string): Record<string, unknown> {
  return {
    serviceAccountName: app,
    containers: [{ name: app, image: `registry.example.com/${app}:1.0`, ports: [{ containerPort: 8080 }],
      envFrom: [{ configMapRef: { name: `${app}-config` } }],
      env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-secret`, key: 'password' } } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    volumes: [{ name: 'config', configMap: { name: `${app}-config` } }],
  };
}

function pod(namespace: string, app: string, rs: string, rsUid: string, hash: string, index: number, nodeName: string): KubeObject & { metadata: { name: string; uid: string } } {
  const name = `${rs}-${index.toString(36)}x${hash.slice(0, 3)}`;
  return { apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, uid: uid(), labels: { app, 'app.kubernetes.io/instance': app, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rsUid, controller: true }] },
    spec: { ...podSpec(app), nodeName },
    status: { phase: 'Running', podIP: '10.1.0.1', containerStatuses: [{ name: app, ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } };
}
