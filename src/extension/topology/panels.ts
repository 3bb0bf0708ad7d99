import * as vscode from 'vscode';
import { DisposableStore } from '../lifetime.js';
import { log, reportError } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import { ManifestSource } from './manifestSource.js';
import { TOPOLOGY_VIEW_TYPE, TopologyPanel } from './panel.js';
import { restoreKeyText, type RestoreKey, type TopologySource } from './source.js';

const RESTORE_KEY = 'kubilitics.openPanels';

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

  async openManifests(uris: readonly vscode.Uri[]): Promise<TopologyPanel> {
    const key: RestoreKey = { kind: 'manifests', uris: uris.map((uri) => uri.toString()) };
    return (
      this.reveal(key) ??
      this.create(
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Kubilitics: reading manifests' }, () =>
          ManifestSource.open(uris, this.diagnostics),
        ),
      )
    );
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
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, 'Topology', vscode.ViewColumn.Beside, { enableScripts: true });
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
      const source =
        next.kind === 'cluster'
          ? this.clusterSource()
          : await ManifestSource.open(
              next.uris.map((text) => vscode.Uri.parse(text)),
              this.diagnostics,
            );
      this.adopt(webviewPanel, source);
    } catch (error) {
      webviewPanel.dispose();
      log().warn(`could not restore a topology view: ${String(error)}`);
    }
  }

  private async remember(): Promise<void> {
    try {
      await this.context.workspaceState.update(
        RESTORE_KEY,
        this.all.map((panel) => panel.source.restoreKey),
      );
    } catch (error) {
      await reportError('could not save the open topology views', error);
    }
  }
}
