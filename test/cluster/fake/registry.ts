import type { KubeObject, ResourceType } from './types.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
// Real namespaces cannot be deleted as a collection, so discovery omits that verb.
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** One served resource: its versions (a string, or several, preferred first) and what differs from the defaults. */
export type Row = [
  group: string,
  version: string | string[],
  name: string,
  kind: string,
  namespaced: boolean,
  extra?: Partial<ResourceType>,
];

// Built-ins as data, in the order the real server lists groups; shortNames/subresources as on a v1.31 cluster.
export const BUILT_INS: Row[] = [
  ['', 'v1', 'pods', 'Pod', true, { shortNames: ['po'], categories: ['all'], subresources: ['status', 'log', 'exec'] }],
  ['', 'v1', 'services', 'Service', true, { shortNames: ['svc'], categories: ['all'], subresources: ['status', 'proxy'] }],
  ['', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'], singularName: 'endpoints' }],
  ['', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'], subresources: ['token'] }],
  ['', 'v1', 'namespaces', 'Namespace', false, { shortNames: ['ns'], verbs: NO_COLLECTION, subresources: ['status', 'finalize'] }],
  ['', 'v1', 'nodes', 'Node', false, { shortNames: ['no'], subresources: ['status', 'proxy'] }],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: ['status'] }],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], subresources: ['status'] }],
  ['', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }],
  ['apps', 'v1', 'deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], subresources: ['status'] }],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: ['create'], stored: false }],
  ['authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: ['create'], stored: false }],
  [
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    { shortNames: ['hpa'], categories: ['all'], subresources: ['status'] },
  ],
  ['batch', 'v1', 'jobs', 'Job', true, { categories: ['all'], subresources: ['status'] }],
  ['batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], subresources: ['status'] }],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, { shortNames: ['ing'], subresources: ['status'] }],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], subresources: ['status'] }],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, { shortNames: ['sc'] }],
  [
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    { shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'] },
  ],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true],
];

function fromRow([group, version, name, kind, namespaced, extra]: Row): ResourceType {
  const versions = typeof version === 'string' ? [version] : version;
  return { group, versions, name, kind, namespaced, singularName: kind.toLowerCase(), verbs: ALL, stored: true, ...extra };
}

/** Stable key of a resource across its versions (objects are shared between versions, as with conversion). */
export function resourceKey(group: string, name: string): string {
  return `${group}/${name}`;
}

/** Where a type's objects are stored: a kind served by two groups (Ingress in extensions) shares one store. */
export function storageKey(type: ResourceType): string {
  return type.storage ?? resourceKey(type.group, type.name);
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Kubernetes version priority: GA before beta before alpha, higher numbers first, anything else last
 * alphabetically — the order the real server uses to pick preferredVersion.
 */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!match) return [3, 0, 0];
    const stage = match[2] === undefined ? 0 : match[2] === 'beta' ? 1 : 2;
    return [stage, -Number(match[1]), -Number(match[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return (ra[i] as number) - (rb[i] as number);
  return a.localeCompare(b);
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; shortNames?: string[]; categories?: string[] };
  versions?: { name?: string; served?: boolean; subresources?: { status?: unknown; scale?: unknown } }[];
}

/** The resource type a CustomResourceDefinition serves, or undefined when the spec is incomplete. */
export function crdToResourceType(crd: KubeObject): ResourceType | undefined {
  const spec = crd['spec'] as CrdSpec | undefined;
  const served = (spec?.versions ?? []).filter((v) => v.served !== false && v.name);
  const plural = spec?.names?.plural;
  const kind = spec?.names?.kind;
  if (!spec?.group || !plural || !kind || served.length === 0) return undefined;
  const subresources = Object.keys(served[0]?.subresources ?? {});
  return {
    group: spec.group,
    versions: served.map((v) => v.name as string).sort(compareVersions),
    name: plural,
    singularName: spec.names?.singular ?? kind.toLowerCase(),
    kind,
    namespaced: spec.scope !== 'Cluster',
    verbs: ALL,
    ...(spec.names?.shortNames ? { shortNames: spec.names.shortNames } : {}),
    ...(spec.names?.categories ? { categories: spec.names.categories } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
    stored: true,
    custom: true,
  };
}

/** Which resource types the server serves; CRDs add and remove entries at run time. */
export class ResourceRegistry {
  private readonly types = new Map<string, ResourceType>();

  /** `rows`: the built-in resources, in the order the server lists their groups (see versions.ts). */
  constructor(rows: readonly Row[] = BUILT_INS) {
    for (const row of rows) this.register(fromRow(row));
  }

  register(type: ResourceType): void {
    this.types.set(resourceKey(type.group, type.name), type);
  }

  unregister(group: string, name: string): ResourceType | undefined {
    const type = this.types.get(resourceKey(group, name));
    this.types.delete(resourceKey(group, name));
    return type;
  }

  /** The type served at group/version/name, if that version is served. */
  find(group: string, version: string, name: string): ResourceType | undefined {
    const type = this.types.get(resourceKey(group, name));
    return type?.versions.includes(version) ? type : undefined;
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    return this.all().find((type) => type.group === group && type.kind === kind);
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Named groups (not core) with their versions, preferred first, in registration order. */
  groups(): { name: string; versions: string[] }[] {
    const byGroup = new Map<string, Set<string>>();
    for (const type of this.types.values()) {
      if (type.group === '') continue;
      const versions = byGroup.get(type.group) ?? new Set<string>();
      type.versions.forEach((v) => versions.add(v));
      byGroup.set(type.group, versions);
    }
    return [...byGroup].map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersions) }));
  }
}
