import * as vscode from 'vscode';
import type { Finding } from '../../engine/findings.js';
import { computeInsights, type Insight } from '../../engine/insights.js';
import type { TopologyGraph } from '../../engine/model/graph.js';
import type { MetricsSeries } from '../../engine/metrics/history.js';
import type { MetricsUpdate, NodeActionState, TimelineState } from '../../protocol/messages.js';
import { nodeActionStates } from '../actions/nodeActions.js';
import { compareGraphs, describeMoment, timelineEntry } from '../history/timeline.js';
import type { HistoryService } from '../history/historyService.js';
import { DisposableStore } from '../lifetime.js';
import type { TopologySource, TopologyState, TopologyUpdate } from '../topology/source.js';
import type { ClusterManager } from './clusterManager.js';
import type { MetricsState } from './metricsPoller.js';
import type { ConnectionState } from './session.js';

const EMPTY: TopologyGraph = { nodes: [], edges: [] };
const historyUnavailable = (): Finding => ({
  severity: 'warning',
  kind: 'history-unavailable',
  message: vscode.l10n.t('history is not available'),
  objects: [],
});

type Viewing =
  | { readonly kind: 'live' }
  | { readonly kind: 'snapshot'; readonly id: number }
  | { readonly kind: 'compare'; readonly from: number | null; readonly to: number | null };

/**
 * The live cluster as a topology source: follows the manager's current session across context switches, and
 * travels back in time to stored snapshots (live deltas are held back while the view shows the past).
 */
export class ClusterSource extends DisposableStore implements TopologySource {
  readonly mode = 'cluster' as const;
  readonly restoreKey = { kind: 'cluster' as const };
  private readonly emitter = this.register(new vscode.EventEmitter<TopologyUpdate>());
  readonly onDidUpdate = this.emitter.event;
  private readonly reset = this.register(new vscode.EventEmitter<void>());
  /** Fires when the view must start again from a snapshot (a context switch, a move in time). */
  readonly onDidReset = this.reset.event;
  private session: ClusterManager['session'];
  private insights: Insight[] = [];
  private insightsTimer: ReturnType<typeof setTimeout> | undefined;
  private viewing: Viewing = { kind: 'live' };
  /**
   * The past moment shown, loaded (and compared) once per move in time: the view's init and an export of it read the
   * same state, so an export of "compare with now" shows exactly the moment the view drew.
   */
  private shownPast: TopologyState | undefined;
  private readonly timelineChanged = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTimeline = this.timelineChanged.event;
  private readonly connectionChanged = this.register(new vscode.EventEmitter<string>());
  readonly onDidChangeConnection = this.connectionChanged.event;
  private lastConnection = '';
  private readonly metricsChanged = this.register(new vscode.EventEmitter<MetricsUpdate>());
  readonly onDidChangeMetrics = this.metricsChanged.event;
  private readonly momentChanged = this.register(new vscode.EventEmitter<{ readonly at: number; readonly label: string } | undefined>());
  /** The past moment the view shows (a snapshot, or the later side of a comparison), undefined for now: the Events view follows it. */
  readonly onDidChangeMoment = this.momentChanged.event;

  constructor(
    private readonly manager: ClusterManager,
    private readonly history?: HistoryService,
  ) {
    super();
    this.session = manager.session;
    this.register(
      manager.onDidDelta((delta) => {
        this.scheduleInsights();
        if (this.viewing.kind === 'live') this.emitter.fire({ delta, findings: this.findings() });
      }),
    );
    this.register(
      manager.onDidChange(() => {
        if (manager.session === this.session) return;
        this.session = manager.session;
        this.insights = [];
        this.view({ kind: 'live' });
        this.reset.fire();
      }),
    );
    this.register(manager.onDidSnapshot(() => this.timelineChanged.fire()));
    this.register(manager.onDidMetrics((state) => this.metricsChanged.fire(metricsUpdate(state))));
    this.register(
      manager.onDidChange(() => {
        const connection = this.connection();
        if (connection !== this.lastConnection) this.connectionChanged.fire((this.lastConnection = connection));
      }),
    );
    this.onDispose(() => clearTimeout(this.insightsTimer));
  }

  get title(): string {
    return this.manager.contextName ?? vscode.l10n.t('no context');
  }

  snapshot(): TopologyState {
    if (this.viewing.kind !== 'live') return this.past(this.viewing);
    const graph = this.session?.snapshot() ?? EMPTY;
    return { title: this.title, graph, findings: this.findings() };
  }

  connection(): string {
    const session = this.manager.session;
    return `${connectionWord(session?.connection ?? 'offline')} · ${this.title}`;
  }

  metrics(): MetricsUpdate | undefined {
    const state = this.manager.metrics;
    return state ? metricsUpdate(state) : undefined;
  }

  /** Live only: a snapshot in time has no recent use to draw. */
  metricsHistory(ids: readonly string[]): Record<string, MetricsSeries> {
    return this.viewing.kind === 'live' ? this.manager.metricsHistory(ids) : {};
  }

  /** Live only: nothing is done to the past. */
  async nodeActions(id: string): Promise<NodeActionState[]> {
    return this.viewing.kind === 'live' && this.session ? nodeActionStates(this.session, id) : [];
  }

  graphNow(): TopologyGraph {
    return this.viewing.kind === 'live' ? (this.session?.engine.graph() ?? EMPTY) : this.past(this.viewing).graph;
  }

  locate(): vscode.Location | undefined {
    return undefined;
  }

  /** The snapshots of this cluster and where the view stands among them; undefined without history. */
  async timeline(): Promise<TimelineState | undefined> {
    const stores = await this.history?.stores();
    const clusterId = this.manager.recorder?.cluster;
    if (!stores || clusterId === undefined) return undefined;
    const entries = stores.snapshots.list({ clusterId }).map(timelineEntry);
    const current = this.viewing.kind === 'snapshot' ? this.viewing.id : null;
    const compare = this.viewing.kind === 'compare' ? { from: this.viewing.from, to: this.viewing.to } : null;
    return { entries, current, compare };
  }

  /** Shows a snapshot, or the live cluster again (`null`). */
  async select(id: number | null): Promise<void> {
    if (id !== null && !(await this.history?.stores())?.snapshots.get(id)) throw new Error(`snapshot ${id} does not exist`);
    this.view(id === null ? { kind: 'live' } : { kind: 'snapshot', id });
    this.reset.fire();
  }

  /** Compares two moments (`null` is now); both null returns to the live view. */
  async compare(from: number | null, to: number | null): Promise<void> {
    if (from === null && to === null) return this.select(null);
    const snapshots = (await this.history?.stores())?.snapshots;
    for (const id of [from, to]) if (id !== null && !snapshots?.get(id)) throw new Error(`snapshot ${id} does not exist`);
    this.view({ kind: 'compare', from, to });
    this.reset.fire();
  }

  private view(viewing: Viewing): void {
    this.viewing = viewing;
    this.shownPast = undefined;
    const id = viewing.kind === 'snapshot' ? viewing.id : viewing.kind === 'compare' ? viewing.to : null;
    const takenAt = id === null ? undefined : this.history?.storesNow()?.snapshots.get(id)?.takenAt;
    this.momentChanged.fire(takenAt === undefined ? undefined : { at: takenAt, label: describeMoment(takenAt) });
  }

  private past(viewing: Exclude<Viewing, { kind: 'live' }>): TopologyState {
    if (this.shownPast) return this.shownPast;
    const state = this.loadPast(viewing);
    // Not kept while the database is still opening: the next read should see the snapshot, not the placeholder.
    if (this.history?.storesNow()) this.shownPast = state;
    return state;
  }

  private loadPast(viewing: Exclude<Viewing, { kind: 'live' }>): TopologyState {
    const stores = this.history?.storesNow();
    if (!stores) return { title: this.title, graph: EMPTY, findings: [historyUnavailable()], mode: 'history' };
    const load = (id: number | null): { graph: TopologyGraph; label: string } =>
      id === null
        ? { graph: this.session?.engine.graph() ?? EMPTY, label: vscode.l10n.t('now') }
        : { graph: stores.snapshots.load(id), label: describeMoment(stores.snapshots.get(id)?.takenAt) };
    if (viewing.kind === 'snapshot') {
      const { graph, label } = load(viewing.id);
      return { title: `${this.title} @ ${label}`, graph, findings: [], mode: 'history' };
    }
    const from = load(viewing.from);
    const to = load(viewing.to);
    const { graph, diff } = compareGraphs(from.graph, to.graph, { from: from.label, to: to.label });
    return { title: `${this.title}: ${from.label} → ${to.label}`, graph, findings: [], mode: 'history', diff };
  }

  /** Insights, and what RBAC hides as warnings: the view counts them with the same `countFindings` as manifests. */
  private findings(): Finding[] {
    const hidden = this.session?.hidden() ?? [];
    return [
      ...hidden.map((text): Finding => ({
        severity: 'warning',
        kind: 'hidden-by-rbac',
        message: vscode.l10n.t('hidden by RBAC: {0}', text),
        objects: [],
      })),
      ...this.insights,
    ];
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

/** The poller's state as the view receives it. */
function metricsUpdate(state: MetricsState): MetricsUpdate {
  if (state.state !== 'live') return { state: state.state, message: state.message, figures: {} };
  return { state: 'live', time: state.time, figures: state.figures, ...(state.note ? { message: state.note } : {}) };
}

/** The connection state as the view's status bar and the Resources view show it. */
export function connectionWord(connection: ConnectionState): string {
  const words: Record<ConnectionState, string> = {
    connecting: vscode.l10n.t('connecting'),
    connected: vscode.l10n.t('connected'),
    reconnecting: vscode.l10n.t('reconnecting'),
    offline: vscode.l10n.t('offline'),
  };
  return words[connection];
}
