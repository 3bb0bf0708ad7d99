/**
 * The active port-forwards of this window: a small "Port Forwards" tree (one row each, stop inline), a status bar
 * item counting them, and their ends: stopped by the user, or with the cluster connection they were opened on.
 */
import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { ClusterSession } from '../cluster/session.js';
import type { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { PortForwarder } from './portForwarder.js';

export interface ActiveForward {
  readonly id: number;
  readonly forwarder: PortForwarder;
  readonly session: ClusterSession;
  readonly context: string;
  /** What the user asked for: `Service shop/web:80` or `Pod shop/web-1:8080`. */
  readonly source: string;
}

export const PORT_FORWARDS_VIEW = 'kubilitics.portForwards';

export function localAddress(forward: ActiveForward): string {
  return `${forward.forwarder.address}:${forward.forwarder.localPort}`;
}

export class PortForwards implements vscode.TreeDataProvider<ActiveForward> {
  private readonly active = new Map<number, ActiveForward>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly status: vscode.StatusBarItem;
  private nextId = 1;
  private disposed = false;

  constructor(lifetime: DisposableStore, clusters: ClusterManager) {
    lifetime.register(this.changed);
    this.status = lifetime.register(vscode.window.createStatusBarItem('kubilitics.portForwards', vscode.StatusBarAlignment.Left, 10));
    this.status.name = vscode.l10n.t('Kubilitics Port Forwards');
    this.status.command = `${PORT_FORWARDS_VIEW}.focus`;
    lifetime.register(vscode.window.registerTreeDataProvider(PORT_FORWARDS_VIEW, this));
    // A forward belongs to the connection it was opened on: a context switch or disconnect ends it.
    lifetime.register(clusters.onDidChange(() => void this.stopWhere((forward) => forward.session.disposed, 'the connection closed')));
    lifetime.onDispose(() => {
      this.disposed = true;
      for (const forward of this.active.values()) void forward.forwarder.stop();
      this.active.clear();
    });
  }

  add(forward: Omit<ActiveForward, 'id'>): ActiveForward {
    const added = { ...forward, id: this.nextId++ };
    this.active.set(added.id, added);
    log().info(`port-forward ${added.source} on ${localAddress(added)} started`);
    this.update();
    return added;
  }

  list(): ActiveForward[] {
    return [...this.active.values()];
  }

  async stop(forward: ActiveForward, why = 'stopped'): Promise<void> {
    if (!this.active.delete(forward.id)) return;
    await forward.forwarder.stop();
    log().info(`port-forward ${forward.source} on ${localAddress(forward)}: ${why}`);
    this.update();
  }

  getTreeItem(forward: ActiveForward): vscode.TreeItem {
    const item = new vscode.TreeItem(localAddress(forward));
    item.description = `→ ${forward.source}`;
    item.tooltip = vscode.l10n.t(
      '{0}: {1} on {2} ({3} open connections)',
      forward.context,
      forward.source,
      localAddress(forward),
      forward.forwarder.connections,
    );
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = 'portForward';
    return item;
  }

  getChildren(element?: ActiveForward): ActiveForward[] {
    return element ? [] : this.list();
  }

  private async stopWhere(test: (forward: ActiveForward) => boolean, why: string): Promise<void> {
    await Promise.all(
      this.list()
        .filter(test)
        .map((forward) => this.stop(forward, why)),
    );
  }

  private update(): void {
    if (this.disposed) return;
    this.changed.fire();
    const count = this.active.size;
    this.status.text = `$(plug) ${count}`;
    this.status.tooltip = this.list()
      .map((forward) => `${localAddress(forward)} → ${forward.source}`)
      .join('\n');
    if (count > 0) this.status.show();
    else this.status.hide();
  }
}
