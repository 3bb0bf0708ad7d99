/**
 * The fields an API server adds to every object it returns (timestamps, resourceVersion, defaulted spec fields,
 * status conditions), modelled on the live dumps in ../shared/corpus/kalc-gke-dump. Without them a synthetic list
 * response is a quarter of a real one's size, and the JSON.parse floor the engine is compared with is too low.
 */
const CREATED = '2026-01-05T09:12:44Z';
const HEARTBEAT = '2026-01-07T14:03:19Z';

let version = 48_000_000;

export function serverMetadata(metadata: Record<string, unknown>, withGeneration: boolean): Record<string, unknown> {
  return { ...metadata, creationTimestamp: CREATED, resourceVersion: String(++version), ...(withGeneration ? { generation: 3 } : {}) };
}

export function condition(type: string, reason: string, message: string): Record<string, unknown> {
  return { type, status: 'True', lastTransitionTime: CREATED, lastUpdateTime: HEARTBEAT, reason, message };
}

/** Defaults the API server fills into a pod template's spec. */
export function podSpecDefaults(spec: Record<string, unknown>): Record<string, unknown> {
  const containers = (spec['containers'] as Record<string, unknown>[]).map((container) => ({
    ...container,
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    livenessProbe: {
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    },
    readinessProbe: {
      httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
      periodSeconds: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    },
    securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  }));
  return {
    ...spec,
    containers,
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
  };
}

/** What a scheduled, running pod carries beyond its template: the token volume, tolerations, a full status. */
export function runningPod(
  pod: { spec: Record<string, unknown>; status: Record<string, unknown> },
  app: string,
  nodeName: string,
  index: number,
): void {
  const volumes = pod.spec['volumes'] as unknown[];
  const tokenVolume = `kube-api-access-${app.slice(-5)}${index}`;
  volumes.push({
    name: tokenVolume,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  for (const container of pod.spec['containers'] as Record<string, unknown>[]) {
    container['volumeMounts'] = [
      { name: 'config', mountPath: '/etc/app' },
      { name: tokenVolume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ];
  }
  pod.spec['enableServiceLinks'] = true;
  pod.spec['preemptionPolicy'] = 'PreemptLowerPriority';
  pod.spec['priority'] = 0;
  pod.spec['tolerations'] = ['not-ready', 'unreachable'].map((taint) => ({
    key: `node.kubernetes.io/${taint}`,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  }));
  const podIP = `10.8.${index % 250}.${(index * 7) % 250}`;
  Object.assign(pod.status, {
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: CREATED,
    })),
    hostIP: '10.128.0.16',
    hostIPs: [{ ip: '10.128.0.16' }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: CREATED,
    qosClass: 'Burstable',
    containerStatuses: [
      {
        name: app,
        ready: true,
        started: true,
        restartCount: 0,
        image: `registry.example.com/${app}:1.0`,
        imageID: `registry.example.com/${app}@sha256:${'5f0c2ae1b7d94c3e'.repeat(4)}`,
        containerID: `containerd://${'9c1e4f7a2b3d5e60'.repeat(4)}`,
        lastState: {},
        state: { running: { startedAt: CREATED } },
        volumeMounts: [
          { name: tokenVolume, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' },
        ],
      },
    ],
  });
  pod.spec['nodeName'] = nodeName;
}

export function nodeStatus(name: string): Record<string, unknown> {
  const pressure = (type: string, reason: string, message: string): Record<string, unknown> => ({
    type,
    status: 'False',
    lastHeartbeatTime: HEARTBEAT,
    lastTransitionTime: CREATED,
    reason,
    message,
  });
  return {
    addresses: [
      { type: 'InternalIP', address: '10.128.0.16' },
      { type: 'Hostname', address: name },
    ],
    allocatable: { cpu: '3920m', 'ephemeral-storage': '47093746742', memory: '13594072Ki', pods: '110' },
    capacity: { cpu: '4', 'ephemeral-storage': '98831908Ki', memory: '16393688Ki', pods: '110' },
    conditions: [
      pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: HEARTBEAT,
        lastTransitionTime: CREATED,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    images: Array.from({ length: 25 }, (_, i) => ({
      names: [`registry.example.com/app-${i}@sha256:${'d44e7d7491a537f8'.repeat(4)}`, `registry.example.com/app-${i}:1.0`],
      sizeBytes: 51216154 + i,
    })),
    nodeInfo: {
      architecture: 'amd64',
      bootID: '73168d6d-09db-4d9a-9e2f-1fb009eebe04',
      containerRuntimeVersion: 'containerd://2.1.4',
      kernelVersion: '6.6.87+',
      kubeProxyVersion: 'v1.37.2',
      kubeletVersion: 'v1.37.2',
      machineID: '4d7cd66a9a4a51086a345bbc612469c5',
      operatingSystem: 'linux',
      osImage: 'Container-Optimized OS from Google',
      systemUUID: '4d7cd66a-9a4a-5108-6a34-5bbc612469c5',
    },
  };
}

/**
 * managedFields as server-side field tracking writes them: one entry per manager, each a FieldsV1 tree naming every
 * field that manager set (`f:` keys, `k:{"name":…}` for keyed list items). The spec writer and the status writer
 * (controller or kubelet) are separate managers, as on a live cluster.
 */
export function withManagedFields(object: Record<string, unknown>): Record<string, unknown> {
  const { status, metadata, apiVersion, kind: _kind, ...rest } = object as Record<string, unknown> & { metadata: Record<string, unknown> };
  const {
    name: _name,
    namespace: _namespace,
    uid: _uid,
    resourceVersion: _rv,
    creationTimestamp: _ct,
    generation: _generation,
    ...ownMetadata
  } = metadata;
  const entry = (manager: string, fields: Record<string, unknown>, subresource?: string): Record<string, unknown> => ({
    manager,
    operation: 'Update',
    apiVersion,
    time: '2026-01-05T09:12:44Z',
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsV1(fields),
    ...(subresource ? { subresource } : {}),
  });
  const managedFields = [
    entry(object['kind'] === 'Pod' ? 'kube-controller-manager' : 'kubectl-client-side-apply', { metadata: ownMetadata, ...rest }),
  ];
  if (status !== undefined)
    managedFields.push(entry(object['kind'] === 'Pod' ? 'kubelet' : 'kube-controller-manager', { status }, 'status'));
  return { ...object, metadata: { ...metadata, managedFields } };
}

function fieldsV1(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    const items: Record<string, unknown> = { '.': {} };
    value.forEach((item, index) => {
      const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)['name'] : undefined;
      if (typeof name === 'string') items[`k:{"name":"${name}"}`] = { '.': {}, ...fieldsV1(item) };
      else if (item !== null && typeof item === 'object') items[`i:${index}`] = fieldsV1(item);
      else items[`v:${JSON.stringify(item)}`] = {};
    });
    return items;
  }
  if (value === null || typeof value !== 'object') return {};
  const fields: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    fields[`f:${key}`] =
      child !== null && typeof child === 'object' ? { ...(Array.isArray(child) ? {} : { '.': {} }), ...fieldsV1(child) } : {};
  }
  return fields;
}
