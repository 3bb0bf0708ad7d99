import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { KubeConfig } from '@kubernetes/client-node';
import { settings } from '../config.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import { ApiClient, ApiError } from './apiClient.js';
import { explain, type NextStep } from './clusterErrors.js';
import { findExecutable, installHint } from './execCheck.js';
import { rbacReport } from './hiddenReport.js';
import { watchKubeconfigFiles } from './kubeconfigWatch.js';
import {
  chooseContext,
  describeContexts,
  isAbsentKubeconfig,
  KubeconfigError,
  kubeconfigPaths,
  loadKubeconfig,
  type ContextSummary,
  type KubeconfigSources,
} from './kubeconfig.js';
import { METRICS_GROUP, MetricsPoller, type MetricsState } from './metricsPoller.js';
import type { MetricsSeries } from '../../engine/metrics/history.js';
import { ClusterSession, type ConnectionState } from './session.js';
import { ClusterRecorder } from '../history/clusterRecorder.js';
import type { HistoryService, Stores } from '../history/historyService.js';

const CONTEXT_KEY = 'kubilitics.context';

/** `absent`: no kubeconfig where kubectl looks by default (a normal state); `broken`: one exists but cannot be used. */
export type KubeconfigState = 'unknown' | 'absent' | 'broken' | 'loaded';

function kubeconfigSources(followed: readonly string[] | undefined): KubeconfigSources {
  return {
    setting: settings.kubeconfig(),
    followed,
    vsKubernetesSetting: settings.vsKubernetesKubeconfig(),
    environment: process.env['KUBECONFIG'],
    home: homedir(),
  };
}

/** Kubeconfig, the chosen context and the one live connection; the connection is a lifetime of its own. */
export class ClusterManager extends DisposableStore {
  private config: KubeConfig | undefined;
  private files: readonly string[] = [];
  private connection: DisposableStore | undefined;
  private currentSession: ClusterSession | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the session is replaced or its status changes (debounced by the session's flushes). */
  readonly onDidChange = this.changed.event;
  private readonly deltas = this.register(new vscode.EventEmitter<import('../../engine/model/graph.js').GraphDelta>());
  readonly onDidDelta = this.deltas.event;
  private readonly snapshots = this.register(new vscode.EventEmitter<void>());
  /** A snapshot of the current connection was stored. */
  readonly onDidSnapshot = this.snapshots.event;
  private readonly statusItem = this.register(vscode.window.createStatusBarItem('kubilitics.context', vscode.StatusBarAlignment.Left, 50));

  private readonly metricsChanged = this.register(new vscode.EventEmitter<MetricsState>());
  /** Every metrics poll of the current connection (figures, or why there are none). */
  readonly onDidMetrics = this.metricsChanged.event;
  private currentPoller: MetricsPoller | undefined;

  private currentRecorder: ClusterRecorder | undefined;
  private currentKubeconfigState: KubeconfigState = 'unknown';
  /** Kubeconfig files and context of Microsoft's Kubernetes extension, while Kubilitics follows it. */
  private followedFiles: readonly string[] | undefined;
  private followedContext: string | undefined;
  private fileCurrentContext: string | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly history: HistoryService,
  ) {
    super();
    this.statusItem.name = vscode.l10n.t('Kubilitics context');
    this.statusItem.command = 'kubilitics.selectContext';
    this.onDispose(() => this.disconnect());
    this.onDispose(() => this.unwatchKubeconfig());
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (
          event.affectsConfiguration('kubilitics.kubeconfig') ||
          event.affectsConfiguration('vs-kubernetes') ||
          event.affectsConfiguration('kubilitics.watchNamespaces')
        ) {
          void this.reload();
        }
        if (event.affectsConfiguration('kubilitics.metrics.intervalSeconds'))
          this.currentPoller?.setInterval(settings.metricsIntervalSeconds());
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()));
    this.renderStatus();
  }

  get session(): ClusterSession | undefined {
    return this.currentSession;
  }

  /** The current connection's metrics: figures, or why there are none; undefined while not connected. */
  get metrics(): MetricsState | undefined {
    return this.currentPoller?.current;
  }

  /** The recent use of `ids` on the current connection (empty while not connected). */
  metricsHistory(ids: readonly string[]): Record<string, MetricsSeries> {
    return this.currentPoller?.history.seriesOf(ids) ?? {};
  }

  /** History recording of the current connection, when the database is available. */
  get recorder(): ClusterRecorder | undefined {
    return this.currentRecorder;
  }

  get contextName(): string | undefined {
    return this.config?.getCurrentContext() || undefined;
  }

  contexts(): ContextSummary[] {
    return this.config ? describeContexts(this.config) : [];
  }

  /** The current-context the kubeconfig file itself names (before a remembered or followed choice). */
  get kubeconfigCurrentContext(): string | undefined {
    return this.fileCurrentContext;
  }

  /** The context the user picked in Kubilitics, which wins over the one followed. */
  get rememberedContext(): string | undefined {
    return this.state.get<string>(CONTEXT_KEY) || undefined;
  }

  /** The context Microsoft's Kubernetes extension last reported as current, while it is followed. */
  get followedContextName(): string | undefined {
    return this.followedContext;
  }

  /**
   * Follows the kubeconfig files of Microsoft's Kubernetes extension (undefined: our own sources again). Reads the
   * kubeconfig again only when the files Kubilitics would read change, and only once it was read at all: following
   * never connects a window that has not asked for a cluster.
   */
  followKubeconfig(files: readonly string[] | undefined): void {
    const before = kubeconfigPaths(kubeconfigSources(this.followedFiles)).join('\n');
    this.followedFiles = files;
    if (kubeconfigPaths(kubeconfigSources(files)).join('\n') === before || this.currentKubeconfigState === 'unknown') return;
    log().info(`following the kubeconfig of the Kubernetes extension: ${files?.join(', ') ?? 'no longer'}`);
    void this.reload();
  }

  /** Follows the current context of Microsoft's Kubernetes extension, unless the user picked one in Kubilitics. */
  async followContext(name: string | undefined): Promise<void> {
    this.followedContext = name;
    const config = this.config;
    if (!name || !config || name === this.contextName || !config.getContextObject(name)) return;
    // The user's own pick wins, as long as the kubeconfig still defines it.
    const remembered = this.rememberedContext;
    if (remembered && config.getContextObject(remembered)) return;
    log().info(`following the Kubernetes extension to context ${name}`);
    config.setCurrentContext(name);
    try {
      await this.connect();
    } catch (error) {
      await this.report(error);
    }
  }

  get kubeconfigFiles(): readonly string[] {
    return this.files;
  }

  /** The kubeconfig as last read: none at all is a normal state (shown in the view), not an error. */
  get kubeconfigState(): KubeconfigState {
    return this.currentKubeconfigState;
  }

  /** Reads the kubeconfig once if it was never read, without connecting: to know whether a live cluster can work. */
  async probeKubeconfig(): Promise<KubeconfigState> {
    if (this.currentKubeconfigState !== 'unknown') return this.currentKubeconfigState;
    const sources = kubeconfigSources(this.followedFiles);
    try {
      await loadKubeconfig(kubeconfigPaths(sources));
      return 'loaded';
    } catch (error) {
      return isAbsentKubeconfig(error, sources) ? 'absent' : 'broken';
    }
  }

  /** Loads the kubeconfig (again) and connects to the chosen context; problems reach the user with a next step. */
  async reload(): Promise<void> {
    const sources = kubeconfigSources(this.followedFiles);
    const paths = kubeconfigPaths(sources);
    try {
      const loaded = await loadKubeconfig(paths);
      this.config = loaded.config;
      this.files = loaded.files;
      this.setKubeconfigState('loaded');
      this.watchKubeconfig();
      this.fileCurrentContext = loaded.config.getCurrentContext() || undefined;
      const choices = { remembered: this.rememberedContext, followed: this.followedContext, current: this.fileCurrentContext };
      const chosen = chooseContext(choices, (name) => loaded.config.getContextObject(name) !== null);
      if (chosen) loaded.config.setCurrentContext(chosen);
      await this.connect();
    } catch (error) {
      this.disconnect();
      if (isAbsentKubeconfig(error, sources)) return this.withoutKubeconfig(paths);
      if (error instanceof KubeconfigError) this.setKubeconfigState('broken');
      await this.report(error);
    }
  }

  /** No kubeconfig where kubectl looks: the view says so; the files are watched so one created later is picked up. */
  private withoutKubeconfig(paths: readonly string[]): void {
    this.unwatchKubeconfig();
    this.config = undefined;
    this.files = paths;
    this.setKubeconfigState('absent');
    log().info(`no kubeconfig at ${paths.join(', ')}: live cluster views wait for one (manifests work without)`);
    this.watchKubeconfig();
    this.renderStatus();
    this.changed.fire();
  }

  /** Asked for a cluster with no kubeconfig: information with the way out, not an error. */
  async explainAbsentKubeconfig(): Promise<void> {
    const select = vscode.l10n.t('Select Kubeconfig File…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Kubilitics: no kubeconfig found ({0}). Create one with your cloud CLI or select a file.',
        this.files.join(', ') || '~/.kube/config',
      ),
      select,
    );
    if (choice === select) await vscode.commands.executeCommand('kubilitics.selectKubeconfig');
  }

  private setKubeconfigState(state: KubeconfigState): void {
    this.currentKubeconfigState = state;
    void vscode.commands.executeCommand('setContext', 'kubilitics.kubeconfigAbsent', state === 'absent');
  }

  /**
   * Connects to `name`. `remember` makes it the user's choice, which wins over the context followed from the Kubernetes
   * extension; without it, a remembered choice is forgotten and Kubilitics follows that extension again.
   */
  async switchContext(name: string, remember = true): Promise<void> {
    if (!this.config?.getContextObject(name)) throw new Error(`context ${name} is not in the kubeconfig`);
    this.config.setCurrentContext(name);
    await this.state.update(CONTEXT_KEY, remember ? name : undefined);
    try {
      await this.connect();
    } catch (error) {
      await this.report(error);
    }
  }

  async reconnect(): Promise<void> {
    if (!this.config) return this.reload();
    try {
      await this.connect();
    } catch (error) {
      await this.report(error);
    }
  }

  /** Records the session's history (its object changes, and snapshots) for as long as the connection lives. */
  private startRecorder(connection: DisposableStore, session: ClusterSession, stores: Stores, context: string, server: string): void {
    const recorder = connection.register(
      new ClusterRecorder(stores, () => this.currentSession, context, server, settings.recorder(), {
        info: (message) => log().info(message),
        error: (message) => log().error(message),
        snapshotSaved: () => this.snapshots.fire(),
      }),
    );
    session.recordObjects((change) => recorder.record(change));
    this.currentRecorder = recorder;
    connection.onDispose(() => {
      if (this.currentRecorder === recorder) this.currentRecorder = undefined;
    });
  }

  /** Tears down every watch and timer of the old context before the new connection starts. */
  private async connect(): Promise<void> {
    this.disconnect();
    const config = this.config!;
    const context = config.getCurrentContext();
    const summary = this.contexts().find((entry) => entry.name === context);
    if (!summary) throw new Error(vscode.l10n.t('the kubeconfig has no current context: pick one'));
    if (summary.problem) throw new ApiError('bad-response', vscode.l10n.t('context {0}: {1}', context, summary.problem));
    if (summary.execCommand && !(await findExecutable(summary.execCommand))) {
      throw new ApiError(
        'exec-missing',
        vscode.l10n.t(
          'the credential plugin "{0}" is not on PATH. {1}, then reconnect',
          summary.execCommand,
          installHint(summary.execCommand),
        ),
      );
    }
    const connection = new DisposableStore();
    this.connection = connection;
    const stores = await this.history.stores();
    if (connection.isDisposed) return;
    if (stores?.readOnly) log().info(`${context}: history is read-only in this window (another window records it)`);
    const session = new ClusterSession(new ApiClient(config), {
      namespaces: settings.watchNamespaces(),
      ...(summary.namespace ? { contextNamespace: summary.namespace } : {}),
      onDelta: (delta) => this.deltas.fire(delta),
      onStatus: () => {
        this.renderStatus();
        this.changed.fire();
      },
    });
    connection.onDispose(() => session.dispose());
    this.currentSession = session;
    if (stores && !stores.readOnly) this.startRecorder(connection, session, stores, context, summary.server ?? '');
    // A read-only window that takes the history over later starts recording this connection then.
    connection.register(
      this.history.onDidBecomeWriter((writable) => {
        if (!this.currentRecorder) this.startRecorder(connection, session, writable, context, summary.server ?? '');
      }),
    );
    this.renderStatus();
    this.changed.fire();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Kubilitics: connecting to {0}', context) },
      () => session.start(),
    );
    log().info(`${context}: watching ${session.discovery?.watched.length ?? 0} kinds`);
    if (!connection.isDisposed) this.startMetrics(connection, session, summary.namespace);
    void this.showSyncProgress(session, context);
    const hidden = session.hidden();
    if (hidden.length) log().warn(`${context}: hidden by RBAC: ${hidden.join('; ')}`);
  }

  /** CPU and memory from metrics.k8s.io for as long as the connection lives (a context switch stops it). */
  private startMetrics(connection: DisposableStore, session: ClusterSession, contextNamespace: string | undefined): void {
    const namespaces = [...new Set([...(contextNamespace ? [contextNamespace] : []), ...settings.watchNamespaces()])];
    const poller = new MetricsPoller(session.api, {
      intervalSeconds: settings.metricsIntervalSeconds(),
      servedVersion: () => session.discovery?.groups.get(METRICS_GROUP),
      lookup: session.engine,
      namespaces,
      onState: (state) => this.metricsChanged.fire(state),
      log: { info: (line) => log().info(line), warn: (line) => log().warn(line) },
    });
    connection.register(poller);
    this.currentPoller = poller;
    connection.onDispose(() => {
      if (this.currentPoller === poller) this.currentPoller = undefined;
    });
    poller.start();
  }

  /** Progress while the first sync runs, with counts per kind; it ends when every kind is live, forbidden or failing. */
  private async showSyncProgress(session: ClusterSession, context: string): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kubilitics: syncing {0}', context), cancellable: false },
      (progress) =>
        new Promise<void>((resolve) => {
          const update = (): void => {
            if (session.disposed) return finish();
            const kinds = session.kinds();
            const syncing = kinds.filter((kind) => [...kind.scopes.values()].some((state) => state.phase === 'syncing'));
            const objects = session.engine.size;
            const ready = vscode.l10n.t('{0} objects; {1}/{2} kinds ready', objects, kinds.length - syncing.length, kinds.length);
            const listing = syncing
              .slice(0, 3)
              .map((k) => k.type.resource)
              .join(', ');
            progress.report({ message: syncing.length ? `${ready} ${vscode.l10n.t('(listing {0}…)', listing)}` : ready });
            if (syncing.length === 0 && kinds.length > 0) finish();
          };
          const subscription = this.onDidChange(update);
          const timer = setInterval(update, 500);
          const finish = (): void => {
            subscription.dispose();
            clearInterval(timer);
            resolve();
          };
          update();
        }),
    );
    if (!session.disposed)
      this.currentRecorder?.snapshot('connect').catch((error: unknown) => log().error(`snapshot failed: ${String(error)}`));
    const hidden = session.hidden();
    if (hidden.length && !session.disposed) {
      // Written now, not at connect: the lines that the notification names are in the log its button opens.
      const report = rbacReport(context, hidden);
      log().warn(report.log);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showWarningMessage(report.notification, showLog).then((choice) => choice === showLog && log().show(true));
    }
  }

  private disconnect(): void {
    this.connection?.dispose();
    this.connection = undefined;
    this.currentSession = undefined;
    this.renderStatus();
  }

  private renderStatus(): void {
    const context = this.contextName;
    if (!context) {
      this.statusItem.text = `$(cloud) ${vscode.l10n.t('Kubilitics: no context')}`;
      this.statusItem.tooltip = vscode.l10n.t('Select a kubeconfig context');
      this.statusItem.show();
      return;
    }
    const namespace = this.contexts().find((entry) => entry.name === context)?.namespace ?? 'default';
    const connection = this.currentSession?.connection ?? 'offline';
    const icon = connection === 'connected' ? '$(cloud)' : connection === 'offline' ? '$(debug-disconnect)' : '$(sync~spin)';
    this.statusItem.text = `${icon} ${context}: ${namespace}`;
    this.statusItem.tooltip = connectionTooltip(connection, context, namespace);
    this.statusItem.backgroundColor = connection === 'offline' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusItem.show();
  }

  private async report(error: unknown): Promise<void> {
    const explained = explain(error, this.contextName ?? 'the cluster');
    log().error(explained.message);
    const labels: Record<NextStep, string> = {
      'select-kubeconfig': vscode.l10n.t('Select Kubeconfig File…'),
      'select-context': vscode.l10n.t('Select Context…'),
      reconnect: vscode.l10n.t('Reconnect'),
      'open-kubeconfig': vscode.l10n.t('Open Kubeconfig'),
      'show-log': vscode.l10n.t('Show Log'),
    };
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Kubilitics: {0}', explained.message),
      ...explained.nextSteps.map((step) => labels[step]),
    );
    const step = explained.nextSteps.find((candidate) => labels[candidate] === choice);
    if (step === 'select-kubeconfig') await vscode.commands.executeCommand('kubilitics.selectKubeconfig');
    else if (step === 'select-context') await vscode.commands.executeCommand('kubilitics.selectContext');
    else if (step === 'reconnect') await this.reconnect();
    else if (step === 'open-kubeconfig' && this.files[0]) await vscode.window.showTextDocument(vscode.Uri.file(this.files[0]));
    else if (step === 'show-log') log().show(true);
  }

  private watchKubeconfig(): void {
    this.unwatchKubeconfig();
    this.stopWatchingKubeconfig = watchKubeconfigFiles(this.files, this.onKubeconfigChange);
  }

  private unwatchKubeconfig(): void {
    this.stopWatchingKubeconfig();
    this.stopWatchingKubeconfig = (): void => undefined;
  }

  private stopWatchingKubeconfig: () => void = () => undefined;

  private readonly onKubeconfigChange = (): void => {
    log().info('kubeconfig changed; reloading');
    void this.reload();
  };
}

/** The status bar item's tooltip: one whole sentence per connection state, so each translates as a sentence. */
function connectionTooltip(connection: ConnectionState, context: string, namespace: string): string {
  switch (connection) {
    case 'connected':
      return vscode.l10n.t('Kubilitics: connected to {0} (namespace {1}). Click to switch context.', context, namespace);
    case 'connecting':
      return vscode.l10n.t('Kubilitics: connecting to {0} (namespace {1}). Click to switch context.', context, namespace);
    case 'reconnecting':
      return vscode.l10n.t('Kubilitics: reconnecting to {0} (namespace {1}). Click to switch context.', context, namespace);
    case 'offline':
      return vscode.l10n.t('Kubilitics: offline to {0} (namespace {1}). Click to switch context.', context, namespace);
  }
}
