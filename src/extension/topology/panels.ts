import * as vscode from 'vscode';
import { DEFAULT_PARSER_OPTIONS, ManifestParser } from '../intake/manifestParser.js';
import { DisposableStore } from '../lifetime.js';
import { log, reportError } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import type { HelmChoices } from '../../tools/renderTarget.js';
import { renderTargetOfUri, savedChartChoices } from './chartChoices.js';
import { ManifestSource } from './manifestSource.js';
import { workspaceName } from './naming.js';
import { TOPOLOGY_VIEW_TYPE, TopologyPanel } from './panel.js';
import { RenderedSource } from './renderedSource.js';
import { restoreKeyText, type RestoreKey, type TopologySource } from './source.js';

const RESTORE_KEY = 'kubilitics.openPanels';
/** A read that takes longer than this gets a notification with Cancel; a quick one only the status bar's spinner. */
const SLOW_READ_MS = 1500;

/** All open topology panels; restores them after a reload (the serializer) and reuses a panel for the same source. */
export class TopologyPanels extends DisposableStore {
  private readonly panels = new Set<TopologyPanel>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly diagnostics: ManifestDiagnostics,
    private readonly clusterSource: () => TopologySource,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
        deserializeWebviewPanel: (panel) => this.restore(panel),
      }),
    );
    this.onDispose(() => this.panels.forEach((panel) => panel.dispose()));
  }

  get all(): readonly TopologyPanel[] {
    return [...this.panels];
  }

  get active(): TopologyPanel | undefined {
    return this.all.find((panel) => panel.panel.active) ?? this.all.at(-1);
  }

  /** Rejects with ParseCancelled when the user cancels the read. */
  async openManifests(uris: readonly vscode.Uri[]): Promise<TopologyPanel> {
    const key: RestoreKey = { kind: 'manifests', uris: uris.map((uri) => uri.toString()) };
    const existing = this.reveal(key);
    if (existing) return existing;
    const source = await withProgressAfter(SLOW_READ_MS, vscode.l10n.t('Kubilitics: reading manifests'), (token) =>
      ManifestSource.open(uris, this.diagnostics, this.parser(), token),
    );
    return this.create(source);
  }

  private parser(): ManifestParser {
    const workerScript = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'parseWorker.js').fsPath;
    const l10nBundle = vscode.l10n.bundle;
    return new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, workerScript, ...(l10nBundle ? { l10nBundle } : {}) });
  }

  /**
   * A chart or kustomization, rendered by helm or kustomize. `choices` (charts) replace the open view's when it is
   * open already. Rejects with a ToolError when the first render fails (missing tool, template error).
   */
  async openRendered(target: RenderTarget, choices: HelmChoices | undefined): Promise<TopologyPanel> {
    const existing = this.reveal({ kind: 'rendered', tool: target.tool, root: vscode.Uri.file(target.root).toString() });
    if (existing) {
      if (choices && existing.source instanceof RenderedSource) await existing.source.useChoices(choices);
      return existing;
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.path }));
    const title = workspaceName(vscode.Uri.file(target.root).path, folders);
    const source = await withProgressAfter(SLOW_READ_MS, vscode.l10n.t('Kubilitics: rendering {0} with {1}', title, target.tool), () =>
      RenderedSource.open(target, choices, this.diagnostics, title),
    );
    return this.create(source);
  }

  openCluster(): TopologyPanel {
    return this.reveal({ kind: 'cluster' }) ?? this.create(this.clusterSource());
  }

  private reveal(key: RestoreKey): TopologyPanel | undefined {
    const text = restoreKeyText(key);
    const existing = this.all.find((panel) => restoreKeyText(panel.source.restoreKey) === text);
    existing?.panel.reveal();
    return existing;
  }

  private create(source: TopologySource): TopologyPanel {
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, vscode.l10n.t('Topology'), vscode.ViewColumn.Beside, {
      enableScripts: true,
    });
    return this.adopt(panel, source);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, source: TopologySource): TopologyPanel {
    const panel = new TopologyPanel(webviewPanel, this.context.extensionUri, source);
    this.panels.add(panel);
    panel.onDispose(() => {
      this.panels.delete(panel);
      if (!this.isDisposed) void this.remember();
    });
    void this.remember();
    return panel;
  }

  private async restore(webviewPanel: vscode.WebviewPanel): Promise<void> {
    const saved = this.context.workspaceState.get<RestoreKey[]>(RESTORE_KEY, []);
    const open = new Set(this.all.map((panel) => restoreKeyText(panel.source.restoreKey)));
    const next = saved.find((key) => !open.has(restoreKeyText(key)));
    if (!next) {
      webviewPanel.dispose();
      return;
    }
    try {
      this.adopt(webviewPanel, await this.restoredSource(next));
    } catch (error) {
      webviewPanel.dispose();
      log().warn(`could not restore a topology view: ${String(error)}`);
    }
  }

  private async restoredSource(key: RestoreKey): Promise<TopologySource> {
    if (key.kind === 'cluster') return this.clusterSource();
    if (key.kind === 'manifests') {
      return ManifestSource.open(
        key.uris.map((text) => vscode.Uri.parse(text)),
        this.diagnostics,
        this.parser(),
      );
    }
    const target = await renderTargetOfUri(vscode.Uri.parse(key.root));
    if (!target) throw new Error(`${key.root} is no longer a Helm chart or kustomization`);
    const choices = target.tool === 'helm' ? savedChartChoices(this.context.workspaceState, target.root) : undefined;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.path }));
    return RenderedSource.open(target, choices, this.diagnostics, workspaceName(vscode.Uri.file(target.root).path, folders));
  }

  private async remember(): Promise<void> {
    try {
      await this.context.workspaceState.update(
        RESTORE_KEY,
        this.all.map((panel) => panel.source.restoreKey),
      );
    } catch (error) {
      await reportError(vscode.l10n.t('could not save the open topology views'), error);
    }
  }
}

/**
 * Runs `task` with a spinner in the status bar and, once it has taken `delayMs`, a notification with Cancel: a small
 * folder opens without a notification flashing by, a large one can be stopped.
 */
async function withProgressAfter<T>(delayMs: number, title: string, task: (token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  const cancel = new vscode.CancellationTokenSource();
  const running = vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => task(cancel.token));
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => cancel.cancel());
      return running.then(
        () => undefined,
        () => undefined,
      );
    });
  }, delayMs);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}
