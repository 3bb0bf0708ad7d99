/**
 * Kind families of the visual language: which shape, colour and short tag (DEPLOY, SVC, …) each kind is drawn
 * with, on screen and in every export. Shapes use cytoscape's shape names; exporters map them to SVG paths.
 */
import type { TopologyNode } from '../model/graph.js';
import type { ThemeColor } from './theme.js';
import { CHROME, themeColor } from './theme.js';

export type KindFamily = 'workload' | 'pod' | 'networking' | 'config' | 'storage' | 'rbac' | 'cluster' | 'custom' | 'missing' | 'external';

/** Cytoscape shape names; the subset exporters know how to draw. */
export type NodeShape = 'round-rectangle' | 'ellipse' | 'hexagon' | 'cut-rectangle' | 'barrel' | 'octagon' | 'rectangle' | 'rhomboid';

export interface FamilyVisual {
  readonly family: KindFamily;
  readonly label: string;
  readonly shape: NodeShape;
  readonly color: ThemeColor;
  /** Placeholders (objects referenced but not in the input) are outlined dashed, in the view and in legends. */
  readonly dashed: boolean;
}

function family(f: KindFamily, label: string, shape: NodeShape, c: ThemeColor, dashed = false): FamilyVisual {
  return { family: f, label, shape, color: c, dashed };
}

const BLUE = themeColor('--vscode-charts-blue', '#1a85ff', '#3794ff', '#3794ff');
const CYAN = themeColor('--vscode-terminal-ansiCyan', '#0598bc', '#11a8cd', '#00cdcd');
const PURPLE = themeColor('--vscode-charts-purple', '#652d90', '#b180d7', '#b180d7');
const YELLOW = themeColor('--vscode-charts-yellow', '#bf8803', '#cca700', '#ffd700');
const ORANGE = themeColor('--vscode-charts-orange', '#d18616', '#d18616', '#ff9f43');
const MAGENTA = themeColor('--vscode-terminal-ansiMagenta', '#bc05bc', '#bc3fbc', '#ff5fff');
const GREEN = themeColor('--vscode-terminal-ansiGreen', '#00a05a', '#0dbc79', '#23d18b');

export const FAMILY_VISUALS: Readonly<Record<KindFamily, FamilyVisual>> = {
  workload: family('workload', 'Workloads', 'round-rectangle', BLUE),
  pod: family('pod', 'Pods', 'ellipse', CYAN),
  networking: family('networking', 'Networking', 'hexagon', PURPLE),
  config: family('config', 'Configuration', 'cut-rectangle', YELLOW),
  storage: family('storage', 'Storage', 'barrel', ORANGE),
  rbac: family('rbac', 'Access control', 'octagon', MAGENTA),
  cluster: family('cluster', 'Cluster', 'rectangle', CHROME.muted),
  custom: family('custom', 'Custom resources', 'rhomboid', GREEN),
  missing: family('missing', 'Missing (referenced, not found)', 'round-rectangle', CHROME.error, true),
  // Referenced, not in the files, and expected so: kustomize generates it, or it is made in the cluster (findings.ts).
  external: family('external', 'Made outside the files (generated, external)', 'round-rectangle', CHROME.muted, true),
};

/** Known kinds per family as `Kind:TAG`; the tag is the short label drawn above the name. */
const KIND_TABLE: Readonly<Partial<Record<KindFamily, string>>> = {
  workload:
    'Deployment:DEPLOY StatefulSet:STS DaemonSet:DS ReplicaSet:RS ReplicationController:RC Job:JOB ' +
    'CronJob:CRONJOB DeploymentConfig:DC HorizontalPodAutoscaler:HPA PodDisruptionBudget:PDB',
  pod: 'Pod:POD',
  networking:
    'Service:SVC Ingress:ING IngressClass:INGCLASS Route:ROUTE NetworkPolicy:NETPOL Endpoints:EP ' +
    'EndpointSlice:EPS Gateway:GW GatewayClass:GWCLASS HTTPRoute:HTTPROUTE GRPCRoute:GRPCROUTE ' +
    'TCPRoute:TCPROUTE TLSRoute:TLSROUTE IPBlock:CIDR',
  config: 'ConfigMap:CM Secret:SECRET ResourceQuota:QUOTA LimitRange:LIMITS',
  storage: 'PersistentVolumeClaim:PVC PersistentVolume:PV StorageClass:SC VolumeAttachment:VA CSIDriver:CSI ' + 'VolumeSnapshot:SNAP',
  rbac: 'ServiceAccount:SA Role:ROLE ClusterRole:CROLE RoleBinding:RB ClusterRoleBinding:CRB User:USER Group:GROUP',
  cluster:
    'Node:NODE Namespace:NS PriorityClass:PRIO RuntimeClass:RTC CustomResourceDefinition:CRD APIService:APISVC ' +
    'MutatingWebhookConfiguration:WEBHOOK ValidatingWebhookConfiguration:WEBHOOK Event:EVENT',
};

const KINDS: ReadonlyMap<string, { readonly family: KindFamily; readonly tag: string }> = new Map(
  (Object.entries(KIND_TABLE) as [KindFamily, string][]).flatMap(([f, spec]) =>
    spec.split(' ').map((entry) => {
      const [kind = '', tag = ''] = entry.split(':');
      return [kind, { family: f, tag }] as const;
    }),
  ),
);

export interface KindVisual {
  /** The family the node is drawn as: `missing` (or `external`, when expected) overrides the kind's own family. */
  readonly family: KindFamily;
  /** The family of the kind itself, which decides the shape even for missing placeholders. */
  readonly kindFamily: KindFamily;
  readonly shape: NodeShape;
  readonly abbreviation: string;
  readonly color: ThemeColor;
}

/** Short tag for kinds outside the table: the capitals of a CamelCase kind, else its first letters. */
export function abbreviateKind(kind: string): string {
  const capitals = kind.replace(/[^A-Z]/g, '');
  if (capitals.length >= 2 && capitals.length <= 6) return capitals;
  return kind.slice(0, 6).toUpperCase();
}

/** `expected`: a missing placeholder whose absence is expected (made outside the files, findings.ts). */
export function kindVisual(kind: string, missing = false, expected = false): KindVisual {
  const entry = KINDS.get(kind);
  const kindFamily: KindFamily = entry?.family ?? 'custom';
  const family: KindFamily = missing ? (expected ? 'external' : 'missing') : kindFamily;
  return {
    family,
    kindFamily,
    shape: FAMILY_VISUALS[kindFamily].shape,
    abbreviation: entry?.tag ?? abbreviateKind(kind),
    color: FAMILY_VISUALS[family].color,
  };
}

export function nodeVisual(node: Pick<TopologyNode, 'kind' | 'missing'>): KindVisual {
  return kindVisual(node.kind, node.missing === true);
}
