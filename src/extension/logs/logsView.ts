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

/** A stream's state as the view and the pick lists show it. */
export function stateWord(state: StreamState): string {
  const words: Record<StreamState, string> = {
    following: vscode.l10n.t('following'),
    connecting: vscode.l10n.t('connecting'),
    reconnecting: vscode.l10n.t('reconnecting'),
    ended: vscode.l10n.t('ended'),
    error: vscode.l10n.t('error'),
  };
  return words[state];
}

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
    const stateText = stateWord(state);
    item.description = [
      stateText,
      state === 'following' ? vscode.l10n.t('{0} lines/s', rate < 10 ? rate.toFixed(1) : Math.round(rate)) : '',
      filter ? vscode.l10n.t('filter {0}', filter.pattern) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const [icon, colour] = ICONS[state];
    item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
    const failure = stream.follower?.lastFailure;
    item.tooltip = new vscode.MarkdownString(
      [
        vscode.l10n.t('{0} in {1}', `**${stream.label}**`, `\`${stream.context}\``),
        vscode.l10n.t('Options: {0}', stream.optionsText),
        vscode.l10n.t('State: {0}; {1} container streams', stateText, stream.follower?.activeStreams ?? 0),
        vscode.l10n.t(
          'Lines: {0} received, {1} kept ({2} dropped as the oldest), {3} repeats skipped on reconnects',
          stream.merger.total,
          stream.merger.size,
          stream.merger.dropped,
          stream.merger.duplicates,
        ),
        failure ? vscode.l10n.t('Last problem: {0}', failure.message) : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.contextValue = state === 'ended' || state === 'error' ? 'logStream.ended' : 'logStream.live';
    item.command = { command: 'kubilitics.logs.reveal', title: vscode.l10n.t('Show'), arguments: [stream] };
    return item;
  }
}
