import type * as vscode from 'vscode';
import type { GraphDelta, TopologyGraph } from '../../engine/model/graph.js';
import type { Insight } from '../../engine/insights.js';

export interface TopologyState {
  readonly title: string;
  readonly graph: TopologyGraph;
  readonly warnings: readonly string[];
  readonly insights: readonly Insight[];
}

export interface TopologyUpdate {
  readonly delta: GraphDelta;
  readonly warnings: readonly string[];
  readonly insights: readonly Insight[];
}

/** What a topology panel shows: manifests (YAML mode) or a live cluster. */
export interface TopologySource extends vscode.Disposable {
  readonly mode: 'manifests' | 'cluster';
  readonly title: string;
  readonly onDidUpdate: vscode.Event<TopologyUpdate>;
  /** Fires when the view must start again from a snapshot (a cluster context switch). */
  readonly onDidReset?: vscode.Event<void>;
  snapshot(): TopologyState;
  /** Where the object behind a node is defined, for "Go to YAML". */
  locate(id: string): vscode.Location | undefined;
  /** What restores this source after a window reload. */
  readonly restoreKey: RestoreKey;
}

export type RestoreKey =
  | { readonly kind: 'manifests'; readonly uris: readonly string[] }
  | { readonly kind: 'cluster' };

export function restoreKeyText(key: RestoreKey): string {
  return key.kind === 'cluster' ? 'cluster' : [...key.uris].sort().join('\n');
}
