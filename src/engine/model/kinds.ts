import type { Loose } from './object.js';

/** Built-in kinds: API group and scope. CRDs in the input extend this (see ScopeTable). */

interface BuiltinKind {
  readonly group: string;
  readonly namespaced: boolean;
}

const CORE = 'core';

function kinds(group: string, namespaced: boolean, names: readonly string[]): [string, BuiltinKind][] {
  return names.map((kind) => [kind, { group, namespaced }]);
}

/** The admissionregistration.k8s.io kinds: webhooks and admission policies with their bindings. */
export const ADMISSION_KINDS = [
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
] as const;
/** Kind → group and scope. Where a kind name exists in two groups (Event), the core one is listed. */
export const BUILTIN_KINDS: ReadonlyMap<string, BuiltinKind> = new Map([
  ...kinds(CORE, true, [
    'Pod',
    'Service',
    'Endpoints',
    'ConfigMap',
    'Secret',
    'ServiceAccount',
    'PersistentVolumeClaim',
    'Event',
    'ReplicationController',
    'LimitRange',
    'ResourceQuota',
    'PodTemplate',
    'Binding',
  ]),
  ...kinds(CORE, false, ['Node', 'Namespace', 'PersistentVolume', 'ComponentStatus']),
  ...kinds('apps', true, ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision']),
  ...kinds('batch', true, ['Job', 'CronJob']),
  ...kinds('autoscaling', true, ['HorizontalPodAutoscaler']),
  ...kinds('policy', true, ['PodDisruptionBudget']),
  ...kinds('networking.k8s.io', true, ['Ingress', 'NetworkPolicy']),
  ...kinds('networking.k8s.io', false, ['IngressClass', 'IPAddress', 'ServiceCIDR']),
  ...kinds('discovery.k8s.io', true, ['EndpointSlice']),
  ...kinds('rbac.authorization.k8s.io', true, ['Role', 'RoleBinding']),
  ...kinds('rbac.authorization.k8s.io', false, ['ClusterRole', 'ClusterRoleBinding']),
  ...kinds('storage.k8s.io', false, ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass']),
  ...kinds('storage.k8s.io', true, ['CSIStorageCapacity']),
  ...kinds('scheduling.k8s.io', false, ['PriorityClass']),
  ...kinds('node.k8s.io', false, ['RuntimeClass']),
  ...kinds('admissionregistration.k8s.io', false, ADMISSION_KINDS),
  ...kinds('apiregistration.k8s.io', false, ['APIService']),
  ...kinds('apiextensions.k8s.io', false, ['CustomResourceDefinition']),
  ...kinds('coordination.k8s.io', true, ['Lease']),
  ...kinds('certificates.k8s.io', false, ['CertificateSigningRequest']),
  ...kinds('flowcontrol.apiserver.k8s.io', false, ['FlowSchema', 'PriorityLevelConfiguration']),
  ...kinds('gateway.networking.k8s.io', false, ['GatewayClass']),
  ...kinds('gateway.networking.k8s.io', true, [
    'Gateway',
    'HTTPRoute',
    'GRPCRoute',
    'TLSRoute',
    'TCPRoute',
    'UDPRoute',
    'ReferenceGrant',
    'BackendTLSPolicy',
    'ListenerSet',
  ]),
]);

/** Scopes of kinds outside the table above (a second group, widely used CRDs), so references resolve without their CRDs. */
export const WELL_KNOWN_CUSTOM_SCOPES: ReadonlyMap<string, boolean> = new Map([
  ['events.k8s.io/Event', true],
  ['cert-manager.io/ClusterIssuer', false],
  ['certmanager.k8s.io/ClusterIssuer', false],
  ['cert-manager.io/Issuer', true],
  ['certmanager.k8s.io/Issuer', true],
  ['cert-manager.io/Certificate', true],
  ['certmanager.k8s.io/Certificate', true],
  ['monitoring.coreos.com/Prometheus', true],
  ['monitoring.coreos.com/ServiceMonitor', true],
  ['argoproj.io/Application', true],
  ['argoproj.io/AppProject', true],
]);

/** Kinds that own a pod template, and where it is (read once per object of these kinds, on every build). */
export const POD_TEMPLATES: ReadonlyMap<string, (object: Loose) => Loose> = new Map<string, (object: Loose) => Loose>([
  ['Deployment', (object) => object?.['spec']?.['template']],
  ['ReplicaSet', (object) => object?.['spec']?.['template']],
  ['StatefulSet', (object) => object?.['spec']?.['template']],
  ['DaemonSet', (object) => object?.['spec']?.['template']],
  ['ReplicationController', (object) => object?.['spec']?.['template']],
  ['Job', (object) => object?.['spec']?.['template']],
  ['PodTemplate', (object) => object?.['template']],
  ['CronJob', (object) => object?.['spec']?.['jobTemplate']?.['spec']?.['template']],
]);

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([...POD_TEMPLATES.keys()].filter((kind) => kind !== 'PodTemplate'));

export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** A cluster has a few dozen apiVersions: each is split once, and every object shares the same group strings. */
const SPLIT_API_VERSIONS = new Map<string, GroupVersion>();
const MAX_REMEMBERED_API_VERSIONS = 4096;
const NO_API_VERSION: GroupVersion = Object.freeze({ group: CORE, version: '' });

export function groupOfApiVersion(apiVersion: string | undefined): GroupVersion {
  // Typed as a string, but it comes from the input: a number there must not crash a build.
  if (typeof apiVersion !== 'string' || !apiVersion) return NO_API_VERSION;
  const known = SPLIT_API_VERSIONS.get(apiVersion);
  if (known) return known;
  const slash = apiVersion.indexOf('/');
  const split: GroupVersion = Object.freeze(
    slash === -1 ? { group: CORE, version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) },
  );
  // Input from manifests is unbounded: remember only so many.
  if (SPLIT_API_VERSIONS.size < MAX_REMEMBERED_API_VERSIONS) SPLIT_API_VERSIONS.set(apiVersion, split);
  return split;
}

/** `''` and `'v1'` style core group names both mean the core group. */
export function normalizeGroup(group: string | undefined): string {
  return group === undefined || group === '' || group === CORE ? CORE : group;
}

const LEGACY_GROUPS: ReadonlySet<string> = new Set(['extensions', 'apps', 'networking.k8s.io', 'batch', 'policy']);

/** Old manifests use retired groups (extensions/v1beta1 Deployment, Ingress): the same object as today's group. */
export function canonicalGroup(group: string, kind: string): string {
  const builtin = BUILTIN_KINDS.get(kind);
  return builtin && builtin.group !== group && LEGACY_GROUPS.has(group) ? builtin.group : group;
}

/**
 * Joined, not concatenated: `join` makes one flat string, where `+` and templates make a chain of cons strings that
 * every hash-map lookup must flatten and every stored id keeps (ids are hashed ~4 times per object in a build).
 */
export function objectId(group: string, kind: string, namespace: string, name: string): string {
  return [group, kind, namespace, name].join('/');
}

export interface ParsedId {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The name is everything after the third `/` (names of some kinds hold slashes). No array per id: a first list parses ~40K. */
export function parseId(id: string): ParsedId {
  const kindAt = id.indexOf('/') + 1;
  const namespaceAt = kindAt === 0 ? 0 : id.indexOf('/', kindAt) + 1;
  const nameAt = namespaceAt === 0 ? 0 : id.indexOf('/', namespaceAt) + 1;
  if (nameAt === 0) {
    const [group = '', kind = '', namespace = ''] = id.split('/');
    return { group, kind, namespace, name: '' };
  }
  return {
    group: id.slice(0, kindAt - 1),
    kind: id.slice(kindAt, namespaceAt - 1),
    namespace: id.slice(namespaceAt, nameAt - 1),
    name: id.slice(nameAt),
  };
}
