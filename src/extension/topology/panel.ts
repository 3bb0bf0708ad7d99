import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  GraphDeltaMessage,
  GraphInit,
  type ViewExportResult,
  type MessageOf,
  GraphMetaMessage,
  MetricsHistoryMessage,
  MetricsUpdateMessage,
  NodeActionsMessage,
  TimelineStateMessage,
  ViewExport,
  ViewFocus,
  ViewStatus,
  createMessage,
  parseWebviewMessage,
  type HostMessage,
  type WebviewExportFormat,
  type WebviewMessage,
} from '../../protocol/messages.js';
import { BULK_ACTIONS } from '../../engine/actions/catalog.js';
import type { Finding } from '../../engine/findings.js';
import { actionCommand } from '../actions/registerActions.js';
import { renderWebviewHtml } from './html.js';
import { PendingRequests } from './pendingRequests.js';
import { isEmptyDelta } from '../../engine/model/graph.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { TopologySource } from './source.js';

export const TOPOLOGY_VIEW_TYPE = 'kubilitics.topology';

/** The view's answer to an export request: `data` is empty when `error` is set. */
type ExportReply = MessageOf<typeof ViewExportResult>['params'];

/** One topology webview bound to one source; validates every message the webview sends. */
export class TopologyPanel extends DisposableStore {
  private ready = false;
  /** Export requests (`view/export`) waiting for the view's `view/exportResult`. */
  private readonly exports = new PendingRequests<ExportReply>();
  /** Findings last sent, so unchanged ones are not re-sent with every delta. */
  private sentMeta = '';
  /** The findings the view was last sent: what it draws by (placeholders expected to be absent, findings.ts). */
  private sentFindings: readonly Finding[] = [];
  private selected: string | undefined;
  private pendingFocus: { id: string; neighbourhood: boolean } | undefined;
  /** What the view draws recent use of (`metrics/watch`): their history follows every poll. */
  private watchedMetrics: readonly string[] = [];
  /** For tests and status: the number of rejected webview messages. */
  rejectedMessages = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly source: TopologySource,
  ) {
    super();
    this.register(source);
    const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundle] };
    panel.title = this.titleOf();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(bundle);
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.register(
      source.onDidUpdate((update) => {
        if (!this.ready) return;
        if (!isEmptyDelta(update.delta)) this.post(createMessage(GraphDeltaMessage, { delta: update.delta }));
        const meta = JSON.stringify(update.findings);
        if (meta !== this.sentMeta) {
          this.sentMeta = meta;
          this.sentFindings = update.findings;
          this.post(createMessage(GraphMetaMessage, { findings: update.findings }));
        }
      }),
    );
    if (source.onDidChangeConnection) {
      this.register(
        source.onDidChangeConnection((connection) => {
          if (this.ready) this.post(createMessage(ViewStatus, { connection }));
        }),
      );
    }
    if (source.onDidChangeMetrics) {
      this.register(
        source.onDidChangeMetrics((update) => {
          if (!this.ready) return;
          this.post(createMessage(MetricsUpdateMessage, update));
          this.sendMetricsHistory();
        }),
      );
    }
    if (source.onDidChangeTimeline) this.register(source.onDidChangeTimeline(() => void this.sendTimeline()));
    if (source.onDidReset) {
      this.register(
        source.onDidReset(() => {
          this.panel.title = this.titleOf();
          if (this.ready) this.sendInit();
        }),
      );
    }
    this.register(panel.onDidDispose(() => this.dispose()));
    this.onDispose(() => panel.dispose());
    this.onDispose(() => this.exports.close('the topology view was closed before it answered the export request'));
  }

  /** The findings the view draws by: an export of the view marks the same placeholders as made elsewhere. */
  get findingsShown(): readonly Finding[] {
    return this.sentFindings;
  }

  get selection(): string | undefined {
    return this.selected;
  }

  /** Selects and centres `id`; with `neighbourhood`, also turns on focus mode around it. */
  focus(id: string, neighbourhood = false): void {
    this.panel.reveal(undefined, false);
    if (this.ready) this.post(createMessage(ViewFocus, { id, ...(neighbourhood ? { neighbourhood } : {}) }));
    else this.pendingFocus = { id, neighbourhood };
  }

  private titleOf(): string {
    return this.source.mode === 'cluster'
      ? vscode.l10n.t('Cluster: {0}', this.source.title)
      : vscode.l10n.t('Manifests: {0}', this.source.title);
  }

  private html(bundle: vscode.Uri): string {
    const webview = this.panel.webview;
    return renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'main.css')).toString(),
      workerUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'layoutWorker.js')).toString(),
      title: this.panel.title,
    });
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.rejectedMessages++;
      log().warn(`rejected a message from the topology view: ${parsed.reason}`);
      return;
    }
    void this.handle(parsed.message).catch((error: unknown) => log().error(`handling ${parsed.message.type} failed: ${String(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'view/ready':
        this.ready = true;
        this.sendInit();
        return;
      case 'view/select':
        this.selected = message.params.id;
        await this.sendNodeActions(message.params.id);
        return;
      case 'view/action':
        // Validated as a known action and bounded ids; the command resolves them against the live cluster (a stale id
        // is dropped), checks the permission on each and confirms. Manifest and history views are only looked at. A
        // multi-selection goes as the command's second argument, as the Resources tree passes its selected items.
        if (!this.source.nodeActions) return;
        await vscode.commands.executeCommand(
          actionCommand(message.params.action),
          message.params.id,
          BULK_ACTIONS.has(message.params.action) ? message.params.ids : undefined,
        );
        return;
      case 'metrics/watch':
        this.watchedMetrics = message.params.ids;
        this.sendMetricsHistory();
        return;
      case 'view/openSource':
        await this.openSource(message.params.id);
        return;
      case 'view/error':
        log().error(`topology view: ${message.params.message}`);
        return;
      case 'view/exportResult':
        if (!this.exports.resolve(message.params.requestId, message.params)) {
          log().warn('the topology view answered an export request that no longer waits (timed out or answered already)');
        }
        return;
      case 'view/showHistory':
        await vscode.commands.executeCommand('kubilitics.showResourceHistory', message.params.id);
        return;
      case 'view/showLogs':
        // The id was validated as a bounded string; showLogs checks it names a Pod, workload or Service it knows.
        await vscode.commands.executeCommand('kubilitics.logs.show', message.params.id);
        return;
      case 'view/requestExport':
        this.panel.reveal(undefined, false);
        await vscode.commands.executeCommand('kubilitics.exportDiagram');
        return;
      case 'timeline/request':
        await this.sendTimeline();
        return;
      case 'timeline/select':
        await this.source.select?.(message.params.id);
        await this.sendTimeline();
        return;
      case 'timeline/compare':
        await this.source.compare?.(message.params.from, message.params.to);
        await this.sendTimeline();
        return;
    }
  }

  /** Nothing when nothing is watched: a poll then costs the view no message beyond its figures. */
  private sendMetricsHistory(): void {
    if (this.watchedMetrics.length === 0 || !this.source.metricsHistory) return;
    this.post(createMessage(MetricsHistoryMessage, { series: this.source.metricsHistory(this.watchedMetrics) }));
  }

  private sendInit(): void {
    const state = this.source.snapshot();
    this.sentMeta = JSON.stringify(state.findings);
    this.sentFindings = state.findings;
    this.post(
      createMessage(GraphInit, {
        title: state.title,
        mode: state.mode ?? this.source.mode,
        graph: state.graph,
        findings: state.findings,
        ...(state.diff ? { diff: state.diff } : {}),
        // The view's words in the display language: VS Code loaded our bundle for it (none for English).
        ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
        language: vscode.env.language,
      }),
    );
    void this.sendTimeline();
    const connection = this.source.connection?.();
    if (connection) this.post(createMessage(ViewStatus, { connection }));
    const metrics = this.source.metrics?.();
    if (metrics) this.post(createMessage(MetricsUpdateMessage, metrics));
    this.sendMetricsHistory();
    if (this.pendingFocus) {
      const { id, neighbourhood } = this.pendingFocus;
      this.post(createMessage(ViewFocus, { id, ...(neighbourhood ? { neighbourhood } : {}) }));
      this.pendingFocus = undefined;
    }
  }

  private async sendTimeline(): Promise<void> {
    const timeline = await this.source.timeline?.();
    if (timeline && this.ready) this.post(createMessage(TimelineStateMessage, timeline));
  }

  /** Asks the view for a PNG or its node positions (what the user sees, for exports). */
  requestExport(format: WebviewExportFormat, scale?: number, timeoutMs = 30_000): Promise<ExportReply> {
    const send = (requestId: string): void =>
      this.post(createMessage(ViewExport, { requestId, format, ...(scale !== undefined ? { scale } : {}) }));
    return this.exports.request(send, {
      timeoutMs,
      timeoutMessage: 'the topology view did not answer the export request; is it visible?',
      check: (reply) => (reply.format === format ? undefined : `the topology view answered a ${format} export with ${reply.format}`),
    });
  }

  private async openSource(id: string): Promise<void> {
    const location = this.source.locate(id);
    if (!location) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Kubilitics: {0} has no source file (it comes from the cluster or is missing).', id),
      );
      return;
    }
    const editor = await vscode.window.showTextDocument(location.uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const range = new vscode.Range(location.range.start, location.range.start);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  }

  private async sendNodeActions(id: string): Promise<void> {
    if (!this.source.nodeActions) return;
    const actions = await this.source.nodeActions(id);
    // A newer selection answers for itself.
    if (this.selected === id && actions.length > 0) this.post(createMessage(NodeActionsMessage, { id, actions }));
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
