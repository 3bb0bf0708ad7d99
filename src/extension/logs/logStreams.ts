import * as vscode from 'vscode';
import type { LogFilterSpec } from '../../engine/logs/filter.js';
import { LogMerger } from '../../engine/logs/merger.js';
import { parseId } from '../../engine/model/kinds.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { ClusterSession } from '../cluster/session.js';
import { DisposableStore } from '../lifetime.js';
import { LogFollower, type FollowOptions, type StreamState } from './logFollower.js';
import { logSettings } from './logSettings.js';
import { LogTerminal } from './logTerminal.js';
import { EnginePodDirectory } from './sessionDirectory.js';

/** One open (or ended) stream: what it follows, its lines, its terminal. */
export class LogStream {
  follower: LogFollower | undefined;
  terminal: LogTerminal | undefined;
  merger: LogMerger;
  session: ClusterSession | undefined;

  constructor(
    readonly key: number,
    readonly targetId: string,
    readonly options: FollowOptions,
    readonly context: string,
    maxLines: number,
  ) {
    this.merger = new LogMerger({ maxLines, timestamps: options.timestamps ?? false });
  }

  get state(): StreamState {
    return this.follower?.state ?? 'ended';
  }

  /** `Deployment shop/web` (`Pod shop/web-1 · app`). */
  get label(): string {
    const { kind, namespace, name } = parseId(this.targetId);
    return `${kind} ${namespace}/${name}${this.options.container ? ` · ${this.options.container}` : ''}`;
  }

  get optionsText(): string {
    const o = this.options;
    return [
      o.follow ? vscode.l10n.t('follow') : vscode.l10n.t('no follow'),
      o.tailLines !== undefined && o.tailLines >= 0 ? vscode.l10n.t('tail {0}', o.tailLines) : vscode.l10n.t('all lines'),
      o.sinceSeconds ? vscode.l10n.t('since {0}s', o.sinceSeconds) : '',
      o.previous ? vscode.l10n.t('previous') : '',
      o.timestamps ? vscode.l10n.t('timestamps') : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
}

/**
 * The open log streams. A stream lives in the connection it was opened in: a context switch (a new session) ends
 * it, as does closing its terminal or Stop; it can be reopened (a new follower and terminal, the same lines kept).
 */
export class LogStreams extends DisposableStore {
  private readonly list: LogStream[] = [];
  private next = 1;
  private readonly changed = this.register(new vscode.EventEmitter<LogStream | undefined>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly clusters: ClusterManager) {
    super();
    this.register(
      clusters.onDidChange(() => {
        for (const stream of this.list) {
          if (stream.follower && stream.state !== 'ended' && stream.session !== clusters.session) {
            this.stop(stream, vscode.l10n.t('the context switched or the connection was closed: the stream ends'));
          }
        }
      }),
    );
    this.onDispose(() => {
      for (const stream of this.list) this.stop(stream);
      for (const stream of this.list) stream.terminal?.dispose();
    });
  }

  streams(): readonly LogStream[] {
    return this.list;
  }

  open(targetId: string, options: FollowOptions): LogStream {
    const settings = logSettings();
    const stream = new LogStream(this.next++, targetId, options, this.clusters.contextName ?? '', settings.maxLines);
    this.list.push(stream);
    this.start(stream);
    return stream;
  }

  /** Starts (or restarts) the stream's follower and terminal on the current connection. */
  private start(stream: LogStream): void {
    const session = this.clusters.session;
    if (!session || session.disposed) throw new Error('no cluster is connected: select a context first');
    stream.session = session;
    const directory = new EnginePodDirectory(session.engine, stream.targetId, (listener) => this.clusters.onDidDelta(() => listener()));
    stream.follower = new LogFollower(session.api, directory, stream.merger, stream.options, (state) => {
      if (state === 'ended' || state === 'error') stream.terminal?.finish();
      this.changed.fire(stream);
    });
    if (!stream.terminal) {
      const title = vscode.l10n.t('Logs of {0} in {1} ({2})', `\x1b[1m${stream.label}\x1b[22m`, stream.context, stream.optionsText);
      const hint = vscode.l10n.t('Type / to filter, Ctrl+C to stop. The Logs view copies, saves and reopens the stream.');
      const header = `${title}\r\n\x1b[2m${hint}\x1b[22m\r\n`;
      stream.terminal = new LogTerminal(
        vscode.l10n.t('Logs: {0}', stream.label),
        stream.merger,
        header,
        {
          onClosed: () => {
            stream.terminal = undefined;
            this.stop(stream, vscode.l10n.t('the terminal was closed'));
          },
          onFilterKey: () => void vscode.commands.executeCommand('kubilitics.logs.filter', stream),
          onInterrupt: () => this.stop(stream, vscode.l10n.t('stopped')),
        },
        logSettings().tickMs,
      );
    }
    stream.follower.start();
    stream.terminal.terminal.show(true);
    this.changed.fire(stream);
  }

  stop(stream: LogStream, reason = vscode.l10n.t('stopped')): void {
    if (!stream.follower || stream.state === 'ended') return;
    stream.follower.stop(reason);
    stream.terminal?.finish();
    this.changed.fire(stream);
  }

  /** Starts an ended stream again: it resumes each container from its last line. */
  reopen(stream: LogStream): void {
    this.stop(stream);
    stream.merger.note(vscode.l10n.t('reopened'));
    this.start(stream);
  }

  reveal(stream: LogStream): void {
    if (stream.terminal) stream.terminal.terminal.show(false);
    else this.reopen(stream);
  }

  /** Removes an ended stream from the list (its lines go with it). */
  remove(stream: LogStream): void {
    this.stop(stream);
    stream.terminal?.dispose();
    stream.terminal = undefined;
    this.list.splice(this.list.indexOf(stream), 1);
    this.changed.fire(undefined);
  }

  setFilter(stream: LogStream, spec: LogFilterSpec | undefined): void {
    stream.merger.setFilter(spec);
    stream.terminal?.redraw();
    this.changed.fire(stream);
  }
}
