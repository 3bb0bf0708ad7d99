import type * as vscode from 'vscode';
import type { GraphDelta, TopologyGraph } from '../../engine/model/graph.js';
import type { Finding } from '../../engine/findings.js';
import type { MetricsSeries } from '../../engine/metrics/history.js';
import type { GraphDiff, GraphMode, MetricsUpdate, NodeActionState, TimelineState } from '../../protocol/messages.js';

export interface TopologyState {
  readonly title: string;
  /** Overrides the source's mode (a cluster source showing the past is in history mode). */
  readonly mode?: GraphMode;
  readonly diff?: GraphDiff;
  readonly graph: TopologyGraph;
  /** Everything to report, one list for the status bar, the details panel, the Problems panel and the log. */
  readonly findings: readonly Finding[];
}

export interface TopologyUpdate {
  readonly delta: GraphDelta;
  readonly findings: readonly Finding[];
}

/** What a topology panel shows: manifests (YAML mode) or a live cluster. */
export interface TopologySource extends vscode.Disposable {
  readonly mode: 'manifests' | 'cluster';
  readonly title: string;
  readonly onDidUpdate: vscode.Event<TopologyUpdate>;
  /** Fires when the view must start again from a snapshot (a cluster context switch). */
  readonly onDidReset?: vscode.Event<void>;
  snapshot(): TopologyState;
  /** The graph the view shows now, without side effects (exports). */
  graphNow(): TopologyGraph;
  /** Snapshots and the current position in time, for sources that keep history. */
  timeline?(): Promise<TimelineState | undefined>;
  readonly onDidChangeTimeline?: vscode.Event<void>;
  /** Cluster sources: connected, reconnecting or offline, shown in the view. */
  connection?(): string;
  readonly onDidChangeConnection?: vscode.Event<string>;
  /** Cluster sources: CPU and memory of the live cluster (metrics.k8s.io), or why there are none. */
  metrics?(): MetricsUpdate | undefined;
  readonly onDidChangeMetrics?: vscode.Event<MetricsUpdate>;
  /** Cluster sources: the recent use of some objects (the last polls), for the details panel's sparklines. */
  metricsHistory?(ids: readonly string[]): Record<string, MetricsSeries>;
  /** Cluster sources: the actions on a live object, each allowed or not (none when showing the past). */
  nodeActions?(id: string): Promise<NodeActionState[]>;
  select?(id: number | null): Promise<void>;
  compare?(from: number | null, to: number | null): Promise<void>;
  /** Where the object behind a node is defined, for "Go to YAML". */
  locate(id: string): vscode.Location | undefined;
  /** What restores this source after a window reload. */
  readonly restoreKey: RestoreKey;
}

export type RestoreKey =
  | { readonly kind: 'manifests'; readonly uris: readonly string[] }
  | { readonly kind: 'cluster' }
  /** A Helm chart or kustomization folder (a URI), rendered by `tool`. */
  | { readonly kind: 'rendered'; readonly tool: 'helm' | 'kustomize'; readonly root: string };

export function restoreKeyText(key: RestoreKey): string {
  if (key.kind === 'rendered') return `${key.tool}:${key.root}`;
  return key.kind === 'cluster' ? 'cluster' : [...key.uris].sort().join('\n');
}
