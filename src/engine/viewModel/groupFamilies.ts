/**
 * Which summary group an object folds into at the namespace level, and which family an edge type belongs to
 * when edges between folded groups are counted together. Data tables, so the grouping reads in one place.
 */
import type { EdgeType, TopologyNode } from '../model/graph.js';
import { ADMISSION_KINDS } from '../model/kinds.js';
import { APP_NODE_PREFIX } from './applications.js';

/** Prefix of a namespace's summary node (shared with the older per-namespace fold, which draws the same node). */
export const NAMESPACE_NODE_PREFIX = 'nsc:';
/** Prefix of a summary node for one family of cluster-scoped infrastructure. */
export const INFRA_NODE_PREFIX = 'infra:';

export type InfraFamily = 'rbac' | 'crd' | 'storage' | 'admission' | 'scheduling' | 'nodes' | 'network' | 'cluster';

export const INFRA_TITLES: Readonly<Record<InfraFamily, string>> = {
  rbac: 'Cluster RBAC',
  crd: 'API extensions',
  storage: 'Storage classes & volumes',
  admission: 'Admission webhooks & policies',
  scheduling: 'Scheduling & runtime',
  nodes: 'Nodes',
  network: 'Cluster networking',
  cluster: 'Other cluster-scoped',
};

const INFRA_BY_KIND: ReadonlyMap<string, InfraFamily> = new Map<string, InfraFamily>([
  ...(['ClusterRole', 'ClusterRoleBinding', 'User', 'Group'] as const).map((k) => [k, 'rbac'] as [string, InfraFamily]),
  ...(['CustomResourceDefinition', 'APIService'] as const).map((k) => [k, 'crd'] as [string, InfraFamily]),
  ...(['StorageClass', 'PersistentVolume', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'] as const).map(
    (k) => [k, 'storage'] as [string, InfraFamily],
  ),
  ...ADMISSION_KINDS.map((k) => [k, 'admission'] as [string, InfraFamily]),
  ...(['PriorityClass', 'RuntimeClass', 'FlowSchema', 'PriorityLevelConfiguration'] as const).map(
    (k) => [k, 'scheduling'] as [string, InfraFamily],
  ),
  ['Node', 'nodes'],
  ...(['IngressClass', 'GatewayClass', 'IPAddress', 'ServiceCIDR', 'ClusterIssuer'] as const).map(
    (k) => [k, 'network'] as [string, InfraFamily],
  ),
]);

/**
 * The summary node an object folds into: its namespace's, or for a cluster-scoped object its family's.
 * A Namespace object belongs with the objects it contains.
 */
export function summaryGroupOf(node: TopologyNode): string {
  if (node.namespace !== '') return NAMESPACE_NODE_PREFIX + node.namespace;
  if (node.kind === 'Namespace') return NAMESPACE_NODE_PREFIX + node.name;
  return INFRA_NODE_PREFIX + (INFRA_BY_KIND.get(node.kind) ?? 'cluster');
}

export function isSummaryGroup(id: string): boolean {
  return id.startsWith(NAMESPACE_NODE_PREFIX) || id.startsWith(INFRA_NODE_PREFIX) || id.startsWith(APP_NODE_PREFIX);
}

/** The namespace a summary group stands for, or undefined for an infrastructure family. */
export function namespaceOfGroup(id: string): string | undefined {
  return id.startsWith(NAMESPACE_NODE_PREFIX) ? id.slice(NAMESPACE_NODE_PREFIX.length) : undefined;
}

export function infraFamilyOfGroup(id: string): InfraFamily | undefined {
  if (!id.startsWith(INFRA_NODE_PREFIX)) return undefined;
  const family = id.slice(INFRA_NODE_PREFIX.length);
  return Object.hasOwn(INFRA_TITLES, family) ? (family as InfraFamily) : undefined;
}

export type EdgeFamily = 'traffic' | 'ownership' | 'config' | 'identity' | 'storage' | 'placement' | 'policy' | 'event';

/** Edge type → the family an aggregated edge between two summary groups counts it under. */
export const EDGE_FAMILY: Readonly<Record<EdgeType, EdgeFamily>> = {
  routes: 'traffic',
  selects: 'traffic',
  endpoint: 'traffic',
  serves: 'traffic',
  'governed-by': 'traffic',
  owns: 'ownership',
  scales: 'ownership',
  mounts: 'config',
  env: 'config',
  pulls: 'config',
  uses: 'config',
  token: 'identity',
  'runs-as': 'identity',
  binds: 'identity',
  aggregates: 'identity',
  claims: 'storage',
  provisions: 'storage',
  'runs-on': 'placement',
  allows: 'policy',
  'applies-to': 'policy',
  event: 'event',
};
