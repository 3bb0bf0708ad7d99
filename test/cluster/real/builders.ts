/**
 * Small builders for the objects the real-cluster tests apply, so each test reads as the workload it sets up rather
 * than as walls of JSON. Only the fields the relations under test read are set; the API server defaults the rest.
 */
import type { KubernetesObject } from '@kubernetes/client-node';

export type Manifest = KubernetesObject & Record<string, unknown>;

type Labels = Record<string, string>;

function object(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string | undefined,
  rest: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Manifest {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), ...metadata }, ...rest };
}

export const namespace = (name: string): Manifest => object('v1', 'Namespace', name, undefined);

export const configMap = (name: string, ns: string, data: Record<string, string>): Manifest =>
  object('v1', 'ConfigMap', name, ns, { data });

/**
 * A Secret as `kubectl apply` (client-side) leaves it: the data, plus the last-applied annotation that repeats the
 * whole object in clear text — the copy most likely to leak if anything read annotations unfiltered.
 */
export function appliedSecret(name: string, ns: string, key: string, value: string): Manifest {
  const data = { [key]: Buffer.from(value).toString('base64') };
  const lastApplied = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns },
    stringData: { [key]: value },
    type: 'Opaque',
  });
  return object(
    'v1',
    'Secret',
    name,
    ns,
    { type: 'Opaque', data },
    { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
  );
}

export const serviceAccount = (name: string, ns: string): Manifest => object('v1', 'ServiceAccount', name, ns);

export function service(name: string, ns: string, selector: Labels, options: { headless?: boolean } = {}): Manifest {
  return object('v1', 'Service', name, ns, {
    spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...(options.headless ? { clusterIP: 'None' } : {}) },
  });
}

export interface PodOptions {
  readonly serviceAccount?: string;
  /** ConfigMap read through envFrom and mounted as a volume. */
  readonly configMap?: string;
  /** `[secret, key]` read into one env variable. */
  readonly secretEnv?: readonly [string, string];
  readonly image?: string;
}

function podTemplate(labels: Labels, options: PodOptions): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: 'app',
    image: options.image ?? 'example.invalid/app:1',
    ports: [{ containerPort: 8080 }],
  };
  if (options.configMap) {
    container['envFrom'] = [{ configMapRef: { name: options.configMap } }];
    container['volumeMounts'] = [{ name: 'config', mountPath: '/etc/app' }];
  }
  if (options.secretEnv) {
    container['env'] = [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: options.secretEnv[0], key: options.secretEnv[1] } } }];
  }
  return {
    metadata: { labels },
    spec: {
      ...(options.serviceAccount ? { serviceAccountName: options.serviceAccount } : {}),
      containers: [container],
      ...(options.configMap ? { volumes: [{ name: 'config', configMap: { name: options.configMap } }] } : {}),
      // kwok never runs containers; without this a deleted Pod would sit in Terminating for the default 30 s.
      terminationGracePeriodSeconds: 0,
    },
  };
}

export function deployment(name: string, ns: string, replicas: number, options: PodOptions = {}): Manifest {
  const labels = { app: name };
  return object(
    'apps/v1',
    'Deployment',
    name,
    ns,
    { spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels, options) } },
    { labels },
  );
}

/** Parallel pod management: the controller creates every ordinal's claim at once instead of waiting for Ready. */
export function statefulSet(name: string, ns: string, replicas: number, claimTemplate: string): Manifest {
  const labels = { app: name };
  return object('apps/v1', 'StatefulSet', name, ns, {
    spec: {
      replicas,
      serviceName: name,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels },
      template: podTemplate(labels, {}),
      volumeClaimTemplates: [
        { metadata: { name: claimTemplate }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
    },
  });
}

export const ingressClass = (name: string): Manifest =>
  object('networking.k8s.io/v1', 'IngressClass', name, undefined, { spec: { controller: 'example.com/ingress-controller' } });

export function ingress(name: string, ns: string, className: string, backendService: string): Manifest {
  return object('networking.k8s.io/v1', 'Ingress', name, ns, {
    spec: {
      ingressClassName: className,
      rules: [
        {
          host: `${name}.example.com`,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backendService, port: { number: 80 } } } }] },
        },
      ],
    },
  });
}

export function hpa(name: string, ns: string, deploymentName: string): Manifest {
  return object('autoscaling/v2', 'HorizontalPodAutoscaler', name, ns, {
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    },
  });
}

export const pdb = (name: string, ns: string, selector: Labels): Manifest =>
  object('policy/v1', 'PodDisruptionBudget', name, ns, { spec: { minAvailable: 1, selector: { matchLabels: selector } } });

export function networkPolicy(name: string, ns: string, podSelector: Labels, allowFrom?: Labels): Manifest {
  return object('networking.k8s.io/v1', 'NetworkPolicy', name, ns, {
    spec: {
      podSelector: { matchLabels: podSelector },
      policyTypes: ['Ingress'],
      ingress: allowFrom ? [{ from: [{ podSelector: { matchLabels: allowFrom } }] }] : [],
    },
  });
}

const RBAC = 'rbac.authorization.k8s.io/v1';
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const READ = ['get', 'list', 'watch'];

export const role = (name: string, ns: string, rules: Rule[]): Manifest => object(RBAC, 'Role', name, ns, { rules });

export function roleBinding(name: string, ns: string, roleName: string, serviceAccountName: string): Manifest {
  return object(RBAC, 'RoleBinding', name, ns, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace: ns }],
  });
}

/** A RoleBinding of a user to a ClusterRole in one namespace, like the harness's `dev-edit`. */
export function devBinding(ns: string, user: string, clusterRoleName: string): Manifest {
  return object(RBAC, 'RoleBinding', `${user}-${clusterRoleName}`, ns, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoleName },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  });
}

export const clusterRole = (name: string, labels: Labels, rules: Rule[]): Manifest =>
  object(RBAC, 'ClusterRole', name, undefined, { rules }, { labels });

/** A ClusterRole whose rules the clusterrole-aggregation controller fills from the ClusterRoles labelled `selector`. */
export const aggregatingClusterRole = (name: string, selector: Labels): Manifest =>
  object(RBAC, 'ClusterRole', name, undefined, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: selector }] } });

export const readRule = (apiGroup: string, resource: string): Rule => ({ apiGroups: [apiGroup], resources: [resource], verbs: READ });

/** A CRD with one served version and an open schema, as small CRDs in the wild have. */
export function crd(group: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster'): Manifest {
  return object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', `${plural}.${group}`, undefined, {
    spec: {
      group,
      scope,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
          },
        },
      ],
    },
  });
}

export const customResource = (
  group: string,
  kind: string,
  name: string,
  ns: string | undefined,
  spec: Record<string, unknown>,
): Manifest => object(`${group}/v1`, kind, name, ns, { spec });
