import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { DisposableStore } from '../lifetime.js';
import { logsEmptyMessage } from './logsEmptyState.js';
import type { StreamState } from './logFollower.js';
import type { LogStream, LogStreams } from './logStreams.js';

const ICONS: Readonly<Record<StreamState, [string, string?]>> = {
  following: ['play-circle', 'testing.iconPassed'],
  connecting: ['loading~spin'],
  reconnecting: ['sync~spin', 'charts.yellow'],
  ended: ['circle-slash'],
  error: ['error', 'testing.iconFailed'],
};

/** The Logs view: one row per stream with what it follows, its state and its line rate; the rates refresh every second. */
export class LogsView extends DisposableStore implements vscode.TreeDataProvider<LogStream> {
  private readonly changed = this.register(new vscode.EventEmitter<LogStream | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<LogStream>;

  constructor(
    private readonly streams: LogStreams,
    private readonly clusters: ClusterManager,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView('kubilitics.logs', { treeDataProvider: this }));
    this.register(
      streams.onDidChange(() => {
        this.describe();
        this.changed.fire(undefined);
      }),
    );
    this.register(clusters.onDidChange(() => this.describe()));
    this.describe();
    const timer = setInterval(() => {
      if (this.view.visible && streams.streams().some((s) => s.state === 'following')) this.changed.fire(undefined);
    }, 1000);
    this.onDispose(() => clearInterval(timer));
  }

  /** Says whether logs can be read yet while there is no stream (the view may be the first thing shown in a window). */
  private describe(): void {
    const session = this.clusters.session;
    this.view.message = logsEmptyMessage(this.streams.streams().length, {
      contextName: this.clusters.contextName,
      connection: session && !session.disposed ? session.connection : undefined,
      kubeconfigState: this.clusters.kubeconfigState,
    });
  }

  getChildren(item?: LogStream): LogStream[] {
    return item ? [] : [...this.streams.streams()].reverse();
  }

  getTreeItem(stream: LogStream): vscode.TreeItem {
    const item = new vscode.TreeItem(stream.label, vscode.TreeItemCollapsibleState.None);
    item.id = `log-stream-${stream.key}`;
    const state = stream.state;
    const rate = stream.merger.rate();
    const filter = stream.merger.filterSpec;
    item.description = [
      state,
      state === 'following' ? `${rate < 10 ? rate.toFixed(1) : Math.round(rate)} lines/s` : '',
      filter ? `filter ${filter.pattern}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const [icon, colour] = ICONS[state];
    item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
    const failure = stream.follower?.lastFailure;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${stream.label}** in \`${stream.context}\``,
        `Options: ${stream.optionsText}`,
        `State: ${state}; ${stream.follower?.activeStreams ?? 0} container streams`,
        `Lines: ${stream.merger.total} received, ${stream.merger.size} kept (${stream.merger.dropped} dropped as the oldest), ` +
          `${stream.merger.duplicates} repeats skipped on reconnects`,
        failure ? `Last problem: ${failure.message}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.contextValue = state === 'ended' || state === 'error' ? 'logStream.ended' : 'logStream.live';
    item.command = { command: 'kubilitics.logs.reveal', title: 'Show', arguments: [stream] };
    return item;
  }
}
