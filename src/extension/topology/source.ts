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
  readonly onDidUpdate: vscode.Event<TopologyUpdate>;
  snapshot(): TopologyState;
  /** Where the object behind a node is defined, for "Go to YAML". */
  locate(id: string): vscode.Location | undefined;
  /** What restores this source after a window reload. */
  readonly restoreKey: { readonly kind: 'manifests'; readonly uris: readonly string[] };
}
