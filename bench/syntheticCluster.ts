import type { KubeObject } from '../src/engine/model/object.js';
import { condition, nodeStatus, podSpecDefaults, runningPod, serverMetadata } from './apiFields.js';

/**
 * A synthetic live cluster shaped like real ones: per namespace, Deployments → ReplicaSets → Pods (with status,
 * nodeName, owner uids), Services with EndpointSlices, ConfigMaps, Secrets (metadata only), a NetworkPolicy,
 * an HPA, a PDB and RBAC. About 20 objects per Deployment. Objects carry the fields an API server adds
 * (see apiFields.ts), so their JSON is as large as a real cluster's.
 */
export function syntheticCluster(targetObjects: number, seed = 1): KubeObject[] {
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
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
/** One base64 line of a real-looking CA certificate, repeated to give kube-root-ca.crt its usual size. */
const CERTIFICATE_LINE = 'MIIDBTCCAe2gAwIBAgIIGq3Xc0v4c2QwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n';
const uid = (): string => `00000000-0000-4000-8000-${String(++uidCounter).padStart(12, '0')}`;

function node(index: number): KubeObject {
  const name = `node-${index}`;
  const labels = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': 'n2-standard-4',
    'topology.kubernetes.io/region': 'europe-west1',
    'topology.kubernetes.io/zone': `europe-west1-${'bcd'[index % 3]}`,
    'kubernetes.io/hostname': name,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: serverMetadata(
      {
        name,
        uid: uid(),
        labels,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      false,
    ),
    spec: { podCIDR: `10.8.${index % 250}.0/24`, providerID: `gce://example-project/europe-west1-b/${name}` },
    status: nodeStatus(name),
  };
}

function namespaceObjects(namespace: string): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: serverMetadata(
        { name: namespace, uid: uid(), labels: { team: namespace, 'kubernetes.io/metadata.name': namespace } },
        false,
      ),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: serverMetadata({ name: 'default', namespace, uid: uid() }, false) },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: serverMetadata(
        {
          name: 'kube-root-ca.crt',
          namespace,
          uid: uid(),
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints ' +
              'such as the internal service IP or kubernetes.default.svc. ' +
              'No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        false,
      ),
      data: {
        'ca.crt': `-----BEGIN CERTIFICATE-----\n${CERTIFICATE_LINE.repeat(16)}-----END CERTIFICATE-----\n`,
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace, uid: uid() },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ingress' } } }] }] },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'devs', namespace, uid: uid() },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'ServiceAccount', name: 'default' }],
    },
  ];
}

function deploymentObjects(namespace: string, app: string, replicas: number, nodes: number, random: () => number): KubeObject[] {
  const labels = { app, 'app.kubernetes.io/instance': app };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: serverMetadata({ name: app, namespace, uid: uid(), labels, annotations: { 'deployment.kubernetes.io/revision': '3' } }, true),
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: { metadata: { labels }, spec: podSpecDefaults(podSpec(app)) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 3,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        condition('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${app}" has successfully progressed.`),
      ],
    },
  };
  const hash = Math.floor(random() * 1e9).toString(36);
  const rsName = `${app}-${hash}`;
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: serverMetadata(
      {
        name: rsName,
        namespace,
        uid: uid(),
        labels: { ...labels, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + 1),
          'deployment.kubernetes.io/revision': '3',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: app,
            uid: deployment.metadata['uid'] as string,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      true,
    ),
    spec: {
      replicas,
      selector: { matchLabels: { app, 'pod-template-hash': hash } },
      template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } }, spec: podSpecDefaults(podSpec(app)) },
    },
    status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 3 },
  };
  const pods = Array.from({ length: replicas }, (_, i) =>
    pod(namespace, app, rsName, rs.metadata['uid'] as string, hash, i, `node-${Math.floor(random() * nodes)}`),
  );
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: serverMetadata({ name: app, namespace, uid: uid(), labels }, false),
    spec: {
      selector: { app },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
      clusterIP: '10.0.0.1',
      clusterIPs: ['10.0.0.1'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
  const slice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: serverMetadata(
      {
        name: `${app}-abcde`,
        generateName: `${app}-`,
        namespace,
        uid: uid(),
        labels: {
          ...labels,
          'kubernetes.io/service-name': app,
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-05T09:13:02Z' },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: app,
            uid: service.metadata['uid'] as string,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      true,
    ),
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: pods.map((p, i) => ({
      addresses: [`10.1.0.${i}`],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: p.spec['nodeName'],
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace, uid: p.metadata.uid },
    })),
  };
  return [
    deployment,
    rs,
    ...pods,
    service,
    slice,
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: serverMetadata({ name: `${app}-config`, namespace, uid: uid(), labels }, false),
      data: { 'app.properties': 'x=1\ny=2\n'.repeat(5) },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: serverMetadata({ name: `${app}-secret`, namespace, uid: uid(), labels }, false),
      type: 'Opaque',
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: serverMetadata({ name: app, namespace, uid: uid(), labels }, false) },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: serverMetadata({ name: app, namespace, uid: uid(), labels }, false),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
      status: {
        currentReplicas: replicas,
        desiredReplicas: replicas,
        lastScaleTime: '2026-01-05T09:20:00Z',
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 31, averageValue: '31m' } } }],
        conditions: [
          condition('AbleToScale', 'ReadyForNewScale', 'recommended size matches current size'),
          condition(
            'ScalingActive',
            'ValidMetricFound',
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          ),
          { ...condition('ScalingLimited', 'DesiredWithinRange', 'the desired count is within the acceptable range'), status: 'False' },
        ],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: serverMetadata({ name: app, namespace, uid: uid(), labels }, true),
      spec: { minAvailable: 1, selector: { matchLabels: { app } } },
      status: {
        observedGeneration: 1,
        currentHealthy: replicas,
        desiredHealthy: 1,
        disruptionsAllowed: replicas - 1,
        expectedPods: replicas,
        conditions: [{ ...condition('DisruptionAllowed', 'SufficientPods', ''), observedGeneration: 1 }],
      },
    },
    ...Array.from({ length: 5 }, (_, i) => event(namespace, pods[i % replicas]!, i)),
  ];
}

function event(
  namespace: string,
  about: { metadata: { name: string; uid: string }; spec: Record<string, unknown> },
  index: number,
): KubeObject {
  const [reason, message] = (
    [
      ['Scheduled', `Successfully assigned ${namespace}/${about.metadata.name} to ${String(about.spec['nodeName'])}`],
      ['Pulled', 'Container image "registry.example.com/app:1.0" already present on machine'],
      ['Created', 'Created container: app'],
      ['Started', 'Started container app'],
      ['Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'],
    ] as const
  )[index]!;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: serverMetadata({ name: `${about.metadata.name}.1881f1c6d${index}a73b2f`, namespace, uid: uid() }, false),
    involvedObject: {
      kind: 'Pod',
      namespace,
      name: about.metadata.name,
      uid: about.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: '48000123',
      ...(index > 0 ? { fieldPath: 'spec.containers{app}' } : {}),
    },
    reason,
    message,
    source: { component: index === 0 ? 'default-scheduler' : 'kubelet', host: String(about.spec['nodeName']) },
    firstTimestamp: '2026-01-05T09:12:44Z',
    lastTimestamp: '2026-01-05T09:12:47Z',
    count: 1,
    type: index === 4 ? 'Warning' : 'Normal',
    eventTime: null,
    reportingComponent: index === 0 ? 'default-scheduler' : 'kubelet',
    reportingInstance: '',
  };
}

function podSpec(app: string): Record<string, unknown> {
  return {
    serviceAccountName: app,
    serviceAccount: app,
    containers: [
      {
        name: app,
        image: `registry.example.com/${app}:1.0`,
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        envFrom: [{ configMapRef: { name: `${app}-config` } }],
        env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-secret`, key: 'password' } } }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    ],
    volumes: [{ name: 'config', configMap: { name: `${app}-config`, defaultMode: 420 } }],
  };
}

type SyntheticPod = KubeObject & {
  metadata: { name: string; uid: string };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
};

function pod(namespace: string, app: string, rs: string, rsUid: string, hash: string, index: number, nodeName: string): SyntheticPod {
  const name = `${rs}-${index.toString(36)}x${hash.slice(0, 3)}`;
  const result = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: serverMetadata(
      {
        name,
        generateName: `${rs}-`,
        namespace,
        uid: uid(),
        labels: { app, 'app.kubernetes.io/instance': app, 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rsUid, controller: true, blockOwnerDeletion: true }],
      },
      false,
    ),
    spec: podSpecDefaults(podSpec(app)),
    status: { phase: 'Running' },
  } as unknown as SyntheticPod;
  runningPod(result, app, nodeName, index);
  return result;
}
