import * as vscode from 'vscode';
import { computeInsights, type Insight } from '../../engine/insights.js';
import type { TopologyGraph } from '../../engine/model/graph.js';
import { DisposableStore } from '../lifetime.js';
import type { TopologySource, TopologyState, TopologyUpdate } from '../topology/source.js';
import type { ClusterManager } from './clusterManager.js';

const EMPTY: TopologyGraph = { nodes: [], edges: [] };

/** The live cluster as a topology source: follows the manager's current session across context switches. */
export class ClusterSource extends DisposableStore implements TopologySource {
  readonly mode = 'cluster' as const;
  readonly restoreKey = { kind: 'cluster' as const };
  private readonly emitter = this.register(new vscode.EventEmitter<TopologyUpdate>());
  readonly onDidUpdate = this.emitter.event;
  private readonly reset = this.register(new vscode.EventEmitter<void>());
  /** Fires when the session was replaced: the view must start again from a snapshot. */
  readonly onDidReset = this.reset.event;
  private session: ClusterManager['session'];
  private insights: Insight[] = [];
  private insightsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly manager: ClusterManager) {
    super();
    this.session = manager.session;
    this.register(manager.onDidDelta((delta) => {
      this.scheduleInsights();
      this.emitter.fire({ delta, warnings: this.warnings(), insights: this.insights });
    }));
    this.register(manager.onDidChange(() => {
      if (manager.session === this.session) return;
      this.session = manager.session;
      this.insights = [];
      this.reset.fire();
    }));
    this.onDispose(() => clearTimeout(this.insightsTimer));
  }

  get title(): string {
    return this.manager.contextName ?? 'no context';
  }

  snapshot(): TopologyState {
    const graph = this.session?.snapshot() ?? EMPTY;
    return { title: this.title, graph, warnings: this.warnings(), insights: this.insights };
  }

  locate(): vscode.Location | undefined {
    return undefined;
  }

  private warnings(): string[] {
    return this.session?.hidden().map((text) => `hidden by RBAC: ${text}`) ?? [];
  }

  /** Insights read the whole graph: recomputed on a timer that grows with the cluster, never per event. */
  private scheduleInsights(): void {
    if (this.insightsTimer) return;
    const delay = Math.max(2000, (this.session?.engine.size ?? 0) / 5);
    this.insightsTimer = setTimeout(() => {
      this.insightsTimer = undefined;
      const session = this.session;
      if (!session) return;
      this.insights = computeInsights({ graph: session.engine.graph(), record: (id) => session.engine.record(id) });
    }, delay);
  }
}
