import * as vscode from 'vscode';
import { DisposableStore } from '../lifetime.js';
import { log, reportError } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import { ManifestSource } from './manifestSource.js';
import { TOPOLOGY_VIEW_TYPE, TopologyPanel } from './panel.js';
import type { TopologySource } from './source.js';

const RESTORE_KEY = 'kubilitics.openPanels';

/** All open topology panels; restores them after a reload (the serializer) and reuses a panel for the same source. */
export class TopologyPanels extends DisposableStore {
  private readonly panels = new Set<TopologyPanel>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly diagnostics: ManifestDiagnostics) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => this.restore(panel),
    }));
    this.onDispose(() => this.panels.forEach((panel) => panel.dispose()));
  }

  get all(): readonly TopologyPanel[] {
    return [...this.panels];
  }

  get active(): TopologyPanel | undefined {
    return this.all.find((panel) => panel.panel.active) ?? this.all.at(-1);
  }

  async openManifests(uris: readonly vscode.Uri[]): Promise<TopologyPanel | undefined> {
    const key = uris.map((uri) => uri.toString()).sort().join('\n');
    const existing = this.all.find((panel) => panel.source.restoreKey.uris.slice().sort().join('\n') === key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const source = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Kubilitics: reading manifests' },
      () => ManifestSource.open(uris, this.diagnostics),
    );
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, source.title, vscode.ViewColumn.Beside, { enableScripts: true });
    return this.adopt(panel, source);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, source: TopologySource): TopologyPanel {
    const panel = new TopologyPanel(webviewPanel, this.context.extensionUri, source);
    this.panels.add(panel);
    panel.onDispose(() => {
      this.panels.delete(panel);
      void this.remember();
    });
    void this.remember();
    return panel;
  }

  private async restore(webviewPanel: vscode.WebviewPanel): Promise<void> {
    const saved = this.context.workspaceState.get<string[][]>(RESTORE_KEY, []);
    const openKeys = new Set(this.all.map((panel) => panel.source.restoreKey.uris.join('\n')));
    const next = saved.find((uris) => !openKeys.has(uris.join('\n')));
    if (!next) {
      webviewPanel.dispose();
      return;
    }
    try {
      const source = await ManifestSource.open(next.map((text) => vscode.Uri.parse(text)), this.diagnostics);
      this.adopt(webviewPanel, source);
    } catch (error) {
      webviewPanel.dispose();
      log().warn(`could not restore a topology view: ${String(error)}`);
    }
  }

  private async remember(): Promise<void> {
    try {
      await this.context.workspaceState.update(RESTORE_KEY, this.all.map((panel) => [...panel.source.restoreKey.uris]));
    } catch (error) {
      await reportError('could not save the open topology views', error);
    }
  }
}
