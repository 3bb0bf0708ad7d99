/**
 * Polls the metrics API (metrics.k8s.io) on the connection's lifetime, when discovery says the cluster serves it.
 * No vscode here: the cluster tests run it against real and fake API servers. A missing, broken or forbidden
 * metrics API is a normal state (no metrics-server, or an identity without access): it is told once, in one line
 * with the next step, and everything else keeps working.
 */
import {
  buildMetrics,
  parseNodeMetrics,
  parsePodMetrics,
  type MetricsById,
  type ObjectLookup,
  type Usage,
} from '../../engine/metrics/metricsModel.js';
import * as l10n from '@vscode/l10n';
import { MetricsHistory } from '../../engine/metrics/history.js';
import { ApiError, type ApiClient } from './apiClient.js';

export const METRICS_GROUP = 'metrics.k8s.io';

/** What the view shows: figures when live, otherwise why there are none (in words, with the next step). */
export type MetricsState =
  | { readonly state: 'live'; readonly time: number; readonly figures: MetricsById; readonly note?: string }
  | { readonly state: 'off' | 'unavailable'; readonly message: string };

export interface MetricsPollerOptions {
  /** Seconds between polls; 0 turns polling off. */
  readonly intervalSeconds: number;
  /** The served version of metrics.k8s.io per discovery (e.g. `v1beta1`), undefined when it is not served. */
  servedVersion(): string | undefined;
  readonly lookup: ObjectLookup;
  /** Where a cluster-wide Pod metrics list is forbidden, the namespaces to ask instead (the context's, the watched ones). */
  readonly namespaces?: readonly string[];
  onState(state: MetricsState): void;
  readonly log: { info(message: string): void; warn(message: string): void };
}

const install = (): string =>
  l10n.t('install metrics-server ({0}) to see CPU and memory', 'https://github.com/kubernetes-sigs/metrics-server');

/** One poll at a time; a poll still running when the next is due is not doubled. */
export class MetricsPoller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();
  private intervalSeconds: number;
  private running: Promise<void> | undefined;
  /** The last line logged, so a state that persists is told once. */
  private told = '';
  /** The last poll's outcome; undefined before the first (the view shows nothing rather than a guess). */
  current: MetricsState | undefined;
  /** The last live polls of this connection, for the sparklines; a new connection (a new poller) starts empty. */
  readonly history = new MetricsHistory();

  constructor(
    private readonly client: ApiClient,
    private readonly options: MetricsPollerOptions,
  ) {
    this.intervalSeconds = options.intervalSeconds;
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  start(): void {
    this.schedule(0);
  }

  /** A new interval from the settings: applied from now; 0 stops polling. */
  setInterval(seconds: number): void {
    this.intervalSeconds = seconds;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Polls now (the first poll, tests); resolves when the poll is done. */
  async poll(): Promise<void> {
    if (this.disposed) return;
    this.running ??= this.pollOnce().finally(() => (this.running = undefined));
    await this.running;
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.disposed) return;
    if (this.intervalSeconds <= 0) {
      const message = l10n.t('metrics are off (kubilitics.metrics.intervalSeconds is 0)');
      this.publish({ state: 'off', message }, 'metrics: polling is off');
      return;
    }
    this.timer = setTimeout(() => {
      void this.poll().then(() => this.schedule(this.intervalSeconds * 1000));
    }, delayMs);
  }

  private async pollOnce(): Promise<void> {
    const version = this.options.servedVersion();
    if (!version) {
      const message = l10n.t('the cluster does not serve {0}: {1}', METRICS_GROUP, install());
      // A cluster without metrics-server is a normal state: an info line, not a warning.
      this.publish({ state: 'unavailable', message }, `metrics: ${message}`, 'info');
      return;
    }
    const base = `/apis/${METRICS_GROUP}/${version}`;
    try {
      const [pods, podNote] = await this.podUsage(base);
      const [nodes, nodeNote] = await this.nodeUsage(base);
      if (this.disposed) return;
      const note = [podNote, nodeNote].filter(Boolean).join('; ');
      const figures = buildMetrics(pods, nodes, this.options.lookup);
      const time = Date.now();
      this.history.record(time, figures);
      this.publish({ state: 'live', time, figures, ...(note ? { note } : {}) }, `metrics: live from ${base}${note ? ` (${note})` : ''}`);
    } catch (error) {
      if (this.disposed) return;
      const message = explainMetricsError(error);
      this.publish({ state: 'unavailable', message }, `metrics: ${message}`);
    }
  }

  /** Pods cluster-wide; where that is forbidden, per namespace the session knows of. */
  private async podUsage(base: string): Promise<[Usage[], string]> {
    const signal = this.abort.signal;
    try {
      return [parsePodMetrics(await this.client.json(`${base}/pods`, { signal })), ''];
    } catch (error) {
      const namespaces = this.options.namespaces ?? [];
      if (!(error instanceof ApiError) || error.kind !== 'forbidden' || namespaces.length === 0) throw error;
      const lists = await Promise.all(
        namespaces.map((namespace) => this.client.json(`${base}/namespaces/${encodeURIComponent(namespace)}/pods`, { signal })),
      );
      return [lists.flatMap(parsePodMetrics), `Pods of ${namespaces.join(', ')} only: listing them cluster-wide is forbidden`];
    }
  }

  /** Nodes: a forbidden list is common for namespace-limited users and leaves the Pods' figures standing. */
  private async nodeUsage(base: string): Promise<[Usage[], string]> {
    try {
      return [parseNodeMetrics(await this.client.json(`${base}/nodes`, { signal: this.abort.signal })), ''];
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'forbidden') return [[], 'no Node metrics: forbidden'];
      throw error;
    }
  }

  private publish(state: MetricsState, line: string, level: 'info' | 'warn' = state.state === 'unavailable' ? 'warn' : 'info'): void {
    if (this.disposed) return;
    this.current = state;
    if (line !== this.told) {
      this.told = line;
      this.options.log[level](line);
    }
    this.options.onState(state);
  }
}

/** Why there are no metrics, with the next step; by error kind, never by text. */
export function explainMetricsError(error: unknown): string {
  if (!(error instanceof ApiError)) return l10n.t('the metrics API failed: {0}', String(error));
  switch (error.kind) {
    case 'forbidden':
      return l10n.t('reading {0} is forbidden for this identity: ask for "get, list" on pods and nodes in {0}', METRICS_GROUP);
    case 'not-found':
      return l10n.t('{0} is not served (404): {1}', METRICS_GROUP, install());
    case 'server':
      return l10n.t(
        '{0} is registered but not answering ({1}): check that metrics-server is running',
        METRICS_GROUP,
        error.status ?? l10n.t('server error'),
      );
    default:
      return l10n.t('the metrics API failed ({0}): {1}', error.kind, error.message);
  }
}
