import { BUILT_INS, type Row } from './registry.js';
import type { DiscoveryProfile, ResourceType } from './types.js';

/**
 * The built-in resources of older and current Kubernetes releases, as their discovery answers: which groups and
 * versions exist (the preferred one is the highest, as the real server picks it), which kinds each version serves,
 * and the group order of `/apis` (by the apiserver's group priority). Only kinds a topology cares about, plus a few
 * it has no relations for. Where a kind is served by two groups, both share one store (`storage`), as they share
 * etcd on a real server: the same Ingress is visible as `extensions/v1beta1` and `networking.k8s.io/v1beta1`.
 */

const SHARED_INGRESS: Partial<ResourceType> = { storage: 'networking.k8s.io/ingresses', shortNames: ['ing'], subresources: ['status'] };
const SHARED_EVENTS: Partial<ResourceType> = { storage: '/events' };
const CORE = BUILT_INS.filter(([group]) => group === '');
const unchanged = (...groups: string[]): Row[] => BUILT_INS.filter(([group]) => groups.includes(group));
const RBAC_STORAGE_CRDS = unchanged('rbac.authorization.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io');
const REVIEWS = unchanged('authorization.k8s.io');
const LEASES: Row = ['coordination.k8s.io', 'v1', 'leases', 'Lease', true];

/** v1.16: workloads still in extensions; Ingress only in beta groups; CronJob only batch/v1beta1; PSP in policy. */
const V1_16: Row[] = [
  ...CORE,
  ['extensions', 'v1beta1', 'daemonsets', 'DaemonSet', true, { storage: 'apps/daemonsets' }],
  ['extensions', 'v1beta1', 'deployments', 'Deployment', true, { storage: 'apps/deployments' }],
  ['extensions', 'v1beta1', 'ingresses', 'Ingress', true, SHARED_INGRESS],
  ['extensions', 'v1beta1', 'networkpolicies', 'NetworkPolicy', true, { storage: 'networking.k8s.io/networkpolicies' }],
  ['extensions', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy', false, { storage: 'policy/podsecuritypolicies' }],
  ['extensions', 'v1beta1', 'replicasets', 'ReplicaSet', true, { storage: 'apps/replicasets' }],
  ['apps', ['v1', 'v1beta2', 'v1beta1'], 'deployments', 'Deployment', true],
  ['apps', ['v1', 'v1beta2', 'v1beta1'], 'statefulsets', 'StatefulSet', true],
  ['apps', ['v1', 'v1beta2'], 'daemonsets', 'DaemonSet', true],
  ['apps', ['v1', 'v1beta2'], 'replicasets', 'ReplicaSet', true],
  ['events.k8s.io', 'v1beta1', 'events', 'Event', true, SHARED_EVENTS],
  ...REVIEWS,
  ['autoscaling', ['v1', 'v2beta2', 'v2beta1'], 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1beta1', 'cronjobs', 'CronJob', true],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true],
  ['networking.k8s.io', 'v1beta1', 'ingresses', 'Ingress', true, SHARED_INGRESS],
  ['policy', 'v1beta1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['policy', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy', false, { shortNames: ['psp'] }],
  ...RBAC_STORAGE_CRDS,
  LEASES,
];

/** v1.18: extensions keeps only Ingress; IngressClass and EndpointSlice arrive as beta. */
const V1_18: Row[] = [
  ...CORE,
  ['extensions', 'v1beta1', 'ingresses', 'Ingress', true, SHARED_INGRESS],
  ...unchanged('apps'),
  ['events.k8s.io', 'v1beta1', 'events', 'Event', true, SHARED_EVENTS],
  ...REVIEWS,
  ['autoscaling', ['v1', 'v2beta2', 'v2beta1'], 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1beta1', 'cronjobs', 'CronJob', true],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true],
  ['networking.k8s.io', 'v1beta1', 'ingresses', 'Ingress', true, SHARED_INGRESS],
  ['networking.k8s.io', 'v1beta1', 'ingressclasses', 'IngressClass', false],
  ['policy', 'v1beta1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['policy', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy', false],
  ...RBAC_STORAGE_CRDS,
  LEASES,
  ['discovery.k8s.io', 'v1beta1', 'endpointslices', 'EndpointSlice', true],
];

/** v1.22: extensions is gone; Ingress and CronJob are GA, CronJob still served as v1beta1 too; PSP still beta. */
const V1_22: Row[] = [
  ...CORE,
  ...unchanged('apps'),
  ['events.k8s.io', ['v1', 'v1beta1'], 'events', 'Event', true, SHARED_EVENTS],
  ...REVIEWS,
  ['autoscaling', ['v1', 'v2beta2', 'v2beta1'], 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', ['v1', 'v1beta1'], 'cronjobs', 'CronJob', true],
  ...unchanged('networking.k8s.io'),
  ['policy', ['v1', 'v1beta1'], 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['policy', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy', false],
  ...RBAC_STORAGE_CRDS,
  LEASES,
  ['discovery.k8s.io', ['v1', 'v1beta1'], 'endpointslices', 'EndpointSlice', true],
];

/** Today: the default built-ins, plus Event in events.k8s.io, Leases and a kind the engine has no relations for. */
const CURRENT: Row[] = [
  ...BUILT_INS,
  ['events.k8s.io', 'v1', 'events', 'Event', true, SHARED_EVENTS],
  LEASES,
  ['resource.k8s.io', 'v1', 'deviceclasses', 'DeviceClass', false],
];

const PROFILES: Record<DiscoveryProfile, readonly Row[]> = { '1.16': V1_16, '1.18': V1_18, '1.22': V1_22, current: CURRENT };

export function builtInsOf(profile: DiscoveryProfile): readonly Row[] {
  return PROFILES[profile];
}
