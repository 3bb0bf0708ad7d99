/**
 * One visual language for the topology: kind families (shape, colour, abbreviation), status colours and
 * edge styles. Pure data, shared by the webview's cytoscape stylesheet and the SVG/PDF/PNG exporters, so a
 * Deployment looks the same on screen and on paper.
 *
 * Colours are theme-aware: each names the VS Code CSS variable to read inside a webview, with fallbacks for
 * light, dark and high-contrast themes for consumers that have no VS Code theme (CLI, exporters).
 * Shapes use cytoscape's shape names; exporters map them to SVG paths.
 */
import type { EdgeType, NodeStatus, TopologyNode } from './model/graph';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ThemeColor {
  /** VS Code theme variable, e.g. `--vscode-charts-blue`. */
  readonly cssVar: string;
  readonly light: string;
  readonly dark: string;
  readonly highContrast: string;
}

function color(cssVar: string, light: string, dark: string, highContrast: string): ThemeColor {
  return { cssVar, light, dark, highContrast };
}

/** The colour to use when the CSS variable is not available. */
export function fallbackColor(c: ThemeColor, theme: ThemeKind): string {
  switch (theme) {
    case 'light':
      return c.light;
    case 'dark':
      return c.dark;
    case 'high-contrast':
      return c.highContrast;
    case 'high-contrast-light':
      // High-contrast light is a light theme with stronger borders; the light palette reads well on it.
      return c.light;
  }
}

/** Colours of the surfaces around the graph. */
export const CHROME = {
  background: color('--vscode-editor-background', '#ffffff', '#1e1e1e', '#000000'),
  foreground: color('--vscode-editor-foreground', '#3b3b3b', '#cccccc', '#ffffff'),
  muted: color('--vscode-descriptionForeground', '#717171', '#9d9d9d', '#ffffff'),
  edge: color('--vscode-charts-lines', '#61616180', '#cccccc80', '#ffffff'),
  focus: color('--vscode-focusBorder', '#0090f1', '#007fd4', '#f38518'),
  /** Search matches, in the colour of the editor's find-match highlight. */
  match: color('--vscode-editor-findMatchHighlightBackground', '#ea5c0055', '#ea5c0055', '#f38518'),
  error: color('--vscode-errorForeground', '#a1260d', '#f48771', '#f48771'),
} as const satisfies Record<string, ThemeColor>;

/**
 * Namespace boxes: a faint wash of the text colour with a soft border of the muted colour. Derived from
 * the foreground rather than a widget background so the box shows on every theme's editor background.
 */
export const GROUP_VISUAL = {
  fill: CHROME.foreground,
  fillOpacity: 0.045,
  border: CHROME.muted,
  borderOpacity: 0.5,
  label: CHROME.muted,
  padding: 20,
} as const;

export type KindFamily = 'workload' | 'pod' | 'networking' | 'config' | 'storage' | 'rbac' | 'cluster' | 'custom' | 'missing';

/** Cytoscape shape names; the subset exporters know how to draw. */
export type NodeShape = 'round-rectangle' | 'ellipse' | 'hexagon' | 'cut-rectangle' | 'barrel' | 'octagon' | 'rectangle' | 'rhomboid';

export interface FamilyVisual {
  readonly family: KindFamily;
  readonly label: string;
  readonly shape: NodeShape;
  readonly color: ThemeColor;
}

function family(f: KindFamily, label: string, shape: NodeShape, c: ThemeColor): FamilyVisual {
  return { family: f, label, shape, color: c };
}

const BLUE = color('--vscode-charts-blue', '#1a85ff', '#3794ff', '#3794ff');
const CYAN = color('--vscode-terminal-ansiCyan', '#0598bc', '#11a8cd', '#00cdcd');
const PURPLE = color('--vscode-charts-purple', '#652d90', '#b180d7', '#b180d7');
const YELLOW = color('--vscode-charts-yellow', '#bf8803', '#cca700', '#ffd700');
const ORANGE = color('--vscode-charts-orange', '#d18616', '#d18616', '#ff9f43');
const MAGENTA = color('--vscode-terminal-ansiMagenta', '#bc05bc', '#bc3fbc', '#ff5fff');
const GREEN = color('--vscode-terminal-ansiGreen', '#00a05a', '#0dbc79', '#23d18b');

export const FAMILY_VISUALS: Readonly<Record<KindFamily, FamilyVisual>> = {
  workload: family('workload', 'Workloads', 'round-rectangle', BLUE),
  pod: family('pod', 'Pods', 'ellipse', CYAN),
  networking: family('networking', 'Networking', 'hexagon', PURPLE),
  config: family('config', 'Configuration', 'cut-rectangle', YELLOW),
  storage: family('storage', 'Storage', 'barrel', ORANGE),
  rbac: family('rbac', 'Access control', 'octagon', MAGENTA),
  cluster: family('cluster', 'Cluster', 'rectangle', CHROME.muted),
  custom: family('custom', 'Custom resources', 'rhomboid', GREEN),
  missing: family('missing', 'Missing (referenced, not found)', 'round-rectangle', CHROME.error),
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
  storage:
    'PersistentVolumeClaim:PVC PersistentVolume:PV StorageClass:SC VolumeAttachment:VA CSIDriver:CSI ' +
    'VolumeSnapshot:SNAP',
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
  /** The family the node is drawn as: `missing` overrides the kind's own family. */
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

export function kindVisual(kind: string, missing = false): KindVisual {
  const entry = KINDS.get(kind);
  const kindFamily: KindFamily = entry?.family ?? 'custom';
  const family: KindFamily = missing ? 'missing' : kindFamily;
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

/** What a status means to the reader; `neutral` draws no status colour at all. */
export type StatusTone = 'ok' | 'progress' | 'bad' | 'degraded' | 'neutral';

export const STATUS_TONE: Readonly<Record<NodeStatus, StatusTone>> = {
  Running: 'ok',
  Ready: 'ok',
  Succeeded: 'ok',
  Bound: 'ok',
  Pending: 'progress',
  Unbound: 'progress',
  Degraded: 'degraded',
  Failed: 'bad',
  CrashLoopBackOff: 'bad',
  Missing: 'bad',
  Unknown: 'neutral',
};

export const TONE_VISUALS: Readonly<Record<Exclude<StatusTone, 'neutral'>, { label: string; color: ThemeColor }>> =
  {
    ok: { label: 'Healthy', color: color('--vscode-testing-iconPassed', '#388a34', '#73c991', '#73c991') },
    progress: {
      label: 'Pending',
      color: color('--vscode-editorWarning-foreground', '#bf8803', '#cca700', '#ffd700'),
    },
    degraded: { label: 'Degraded', color: color('--vscode-charts-orange', '#d18616', '#d18616', '#ff9f43') },
    bad: { label: 'Failing', color: color('--vscode-testing-iconFailed', '#e51400', '#f14c4c', '#f48771') },
  };

/** Order for "worst of" summaries, e.g. the status of a collapsed group of pods. */
export const TONE_SEVERITY: Readonly<Record<StatusTone, number>> = { neutral: 0, ok: 1, progress: 2, degraded: 3, bad: 4 };

export type LineStyle = 'solid' | 'dashed' | 'dotted';
export type ArrowShape = 'triangle' | 'vee' | 'tee' | 'circle' | 'none';

export interface EdgeVisual {
  readonly type: EdgeType;
  /** Legend text: what the arrow means, read source → target. */
  readonly label: string;
  readonly color: ThemeColor;
  readonly line: LineStyle;
  readonly width: number;
  readonly arrow: ArrowShape;
}

function edge(type: EdgeType, label: string, c: ThemeColor, line: LineStyle, width = 1.5): EdgeVisual {
  return { type, label, color: c, line, width, arrow: 'triangle' };
}

const F = FAMILY_VISUALS;

export const EDGE_VISUALS: Readonly<Record<EdgeType, EdgeVisual>> = {
  owns: edge('owns', 'owns', CHROME.edge, 'solid'),
  selects: edge('selects', 'selects (label selector)', F.networking.color, 'solid'),
  routes: edge('routes', 'routes traffic to', F.networking.color, 'solid', 2),
  endpoint: edge('endpoint', 'endpoint of', F.networking.color, 'dotted'),
  serves: edge('serves', 'serves', F.networking.color, 'dashed'),
  mounts: edge('mounts', 'mounts', F.config.color, 'dashed'),
  env: edge('env', 'reads env from', F.config.color, 'dotted'),
  pulls: edge('pulls', 'pulls images with', F.config.color, 'dotted'),
  uses: edge('uses', 'uses', CHROME.edge, 'dotted'),
  'runs-on': edge('runs-on', 'runs on', CHROME.edge, 'dotted', 1),
  binds: edge('binds', 'binds', F.rbac.color, 'solid'),
  aggregates: edge('aggregates', 'aggregates', F.rbac.color, 'dashed'),
  scales: edge('scales', 'scales', F.workload.color, 'dashed'),
  allows: edge('allows', 'allows traffic from', F.custom.color, 'dashed'),
  'applies-to': edge('applies-to', 'applies to', F.custom.color, 'dotted'),
  claims: edge('claims', 'claims', F.storage.color, 'solid'),
  provisions: edge('provisions', 'provisions', F.storage.color, 'dashed'),
  event: edge('event', 'event about', CHROME.muted, 'dotted', 1),
};

/** A broken edge (missing target, not permitted, uid mismatch) overrides its type's style. */
export const BROKEN_EDGE = {
  label: 'broken reference',
  color: CHROME.error,
  line: 'dashed',
  width: 2,
  arrow: 'tee',
  dashPattern: [6, 4],
} as const satisfies Omit<EdgeVisual, 'type'> & { dashPattern: readonly number[] };

/** Node geometry shared by the canvas and exporters, so text fits the same box everywhere. */
export const NODE_METRICS = {
  fontSize: 11,
  lineHeight: 1.3,
  /** Average glyph advance as a fraction of the font size for the UI font; generous to avoid clipping. */
  charWidth: 0.62,
  paddingX: 16,
  paddingY: 7,
  minWidth: 76,
  maxWidth: 240,
  /** Longer names are shortened in the middle; the details panel shows them whole. */
  maxNameLines: 3,
} as const;

const MAX_LINE_CHARS = Math.floor(
  (NODE_METRICS.maxWidth - 2 * NODE_METRICS.paddingX) / (NODE_METRICS.fontSize * NODE_METRICS.charWidth),
);

/**
 * The lines drawn in a node: the kind tag, then the name broken into fixed-width chunks (Kubernetes names
 * have no spaces to wrap at). Both canvas and exporters draw exactly these lines.
 */
export function nodeLabelLines(tag: string, name: string): string[] {
  const max = MAX_LINE_CHARS;
  const limit = max * NODE_METRICS.maxNameLines;
  const shown = name.length <= limit ? name : `${name.slice(0, Math.ceil(limit / 2) - 1)}…${name.slice(-Math.floor(limit / 2))}`;
  const lines = [tag];
  for (let i = 0; i < shown.length; i += max) lines.push(shown.slice(i, i + max));
  if (shown.length === 0) lines.push('');
  return lines;
}

/** Box size for a node showing the given label lines. */
export function estimateNodeSize(lines: readonly string[]): { width: number; height: number } {
  const m = NODE_METRICS;
  const longest = lines.reduce((max, l) => Math.max(max, l.length), 0);
  const text = Math.ceil(longest * m.fontSize * m.charWidth);
  const width = Math.min(m.maxWidth, Math.max(m.minWidth, text + 2 * m.paddingX));
  const height = Math.ceil(lines.length * m.fontSize * m.lineHeight + 2 * m.paddingY);
  return { width, height };
}

/** An SVG path for a node shape in a `width` × `height` box at the origin, for the legend and exporters. */
export function shapePath(shape: NodeShape, width: number, height: number): string {
  const w = width;
  const h = height;
  const poly = (points: readonly (readonly [number, number])[]): string =>
    `M${points.map(([x, y]) => `${round(x)},${round(y)}`).join(' L')} Z`;
  switch (shape) {
    case 'rectangle':
      return poly([[0, 0], [w, 0], [w, h], [0, h]]);
    case 'round-rectangle': {
      const r = Math.min(w, h) / 4;
      return `M${r},0 H${w - r} A${r},${r} 0 0 1 ${w},${r} V${h - r} A${r},${r} 0 0 1 ${w - r},${h} H${r} A${r},${r} 0 0 1 0,${h - r} V${r} A${r},${r} 0 0 1 ${r},0 Z`;
    }
    case 'ellipse':
      return `M0,${h / 2} A${w / 2},${h / 2} 0 1 1 ${w},${h / 2} A${w / 2},${h / 2} 0 1 1 0,${h / 2} Z`;
    case 'hexagon':
      return poly([[w * 0.25, 0], [w * 0.75, 0], [w, h / 2], [w * 0.75, h], [w * 0.25, h], [0, h / 2]]);
    case 'octagon': {
      const c = Math.min(w, h) * 0.3;
      return poly([[c, 0], [w - c, 0], [w, c], [w, h - c], [w - c, h], [c, h], [0, h - c], [0, c]]);
    }
    case 'cut-rectangle': {
      const c = Math.min(w, h) * 0.25;
      return poly([[c, 0], [w - c, 0], [w, c], [w, h - c], [w - c, h], [c, h], [0, h - c], [0, c]]);
    }
    case 'barrel': {
      const b = w * 0.1;
      return `M${b},0 H${w - b} Q${w},${h / 2} ${w - b},${h} H${b} Q0,${h / 2} ${b},0 Z`;
    }
    case 'rhomboid':
      return poly([[w * 0.2, 0], [w, 0], [w * 0.8, h], [0, h]]);
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
