import { setTimeout as sleep } from 'node:timers/promises';
import * as l10n from '@vscode/l10n';
import type { LogMerger } from '../../engine/logs/merger.js';
import { containerPhase, containersOf, diffPods, logQuery, type LogOptions } from '../../engine/logs/targets.js';
import { parseId } from '../../engine/model/kinds.js';
import type { KubeObject } from '../../engine/model/object.js';
import type { LineOptions } from '../cluster/apiClient.js';
import { describeLogFailure, notStarted, type LogFailure } from './logErrors.js';

/** What the follower needs of the API: newline-split streaming GETs (ApiClient.lines). */
export interface LineSource {
  lines(path: string, options: LineOptions): Promise<AsyncIterable<string>>;
}

/**
 * The longest log line kept, in characters (the rest is dropped and counted in a marker). The kubelet joins a
 * container's partial CRI records into one line however long it is, so without a cap one line that never ends would
 * grow the host's memory without bound; 4 Mi characters keeps every real line (JSON dumps of a megabyte) whole.
 */
export const MAX_LOG_LINE_CHARS = 4 * 1024 * 1024;

/** The Pods behind what is followed, from the live graph. */
export interface PodDirectory {
  /** Ids of the Pods behind the target now; undefined once the target itself is gone. */
  pods(): readonly string[] | undefined;
  pod(id: string): KubeObject | undefined;
  onChange(listener: () => void): { dispose(): void };
}

export type StreamState = 'connecting' | 'following' | 'reconnecting' | 'ended' | 'error';

export interface FollowOptions extends LogOptions {
  /** One container by name; every container (init and ephemeral included) when absent. */
  readonly container?: string | undefined;
}

export interface FollowerTiming {
  readonly retryMs: number;
  readonly maxRetryMs: number;
}

interface Run {
  readonly abort: AbortController;
  state: StreamState;
  /** The run returned: the container ended (or failed for good); restarted if the container runs again. */
  done: boolean;
}

/**
 * Streams the logs of every container of every Pod behind a target into one merger: starts a stream per container,
 * resumes a dropped one from its last timestamp (the merger drops what comes twice), follows Pods as they join and
 * leave (and says so in the stream), and tells why a container cannot be read. No VS Code here: the cluster tests
 * drive it against a real API server.
 */
export class LogFollower {
  private readonly runs = new Map<string, Run>();
  private pods: readonly string[] = [];
  private subscription: { dispose(): void } | undefined;
  private stopped = false;
  private started = false;
  private synced = false;
  private lastState: StreamState = 'connecting';
  /** The last failure told to the user (for the Logs view's tooltip). */
  lastFailure: LogFailure | undefined;

  constructor(
    private readonly api: LineSource,
    private readonly directory: PodDirectory,
    readonly merger: LogMerger,
    readonly options: FollowOptions,
    private readonly onState: (state: StreamState) => void = () => undefined,
    private readonly timing: FollowerTiming = { retryMs: 1000, maxRetryMs: 30_000 },
  ) {}

  get state(): StreamState {
    return this.lastState;
  }

  /** Container streams open or waiting to open. */
  get activeStreams(): number {
    return [...this.runs.values()].filter((run) => !run.done).length;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.subscription = this.directory.onChange(() => this.sync());
    this.sync();
  }

  /** Ends every stream; idempotent. */
  stop(reason?: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription?.dispose();
    for (const run of this.runs.values()) run.abort.abort();
    if (reason) this.merger.note(reason);
    this.update();
  }

  /** Reads the Pods behind the target again: starts streams of Pods (and containers) that appeared, ends those that left. */
  sync(): void {
    if (this.stopped) return;
    const pods = this.directory.pods();
    if (pods === undefined) {
      this.stop(l10n.t('what this stream followed is gone: the stream ends'));
      return;
    }
    const { joined, left } = diffPods(this.pods, pods);
    const first = !this.synced;
    this.synced = true;
    this.pods = pods;
    for (const id of left) {
      const name = parseId(id).name;
      this.merger.note(l10n.t('pod {0} left', name));
      for (const [key, run] of this.runs) {
        if (!key.startsWith(`${name}/`)) continue;
        run.abort.abort();
        this.runs.delete(key);
        this.merger.forget(key);
      }
    }
    if (joined.length > 0 && first) {
      this.merger.note(
        joined.length === 1 ? l10n.t('following pod {0}', parseId(joined[0]!).name) : l10n.t('following {0} pods', joined.length),
      );
    } else for (const id of joined) this.merger.note(l10n.t('pod {0} joined', parseId(id).name));
    for (const id of pods) this.startContainers(id);
    this.update();
  }

  private startContainers(podId: string): void {
    const pod = this.directory.pod(podId);
    if (!pod) return;
    const { namespace, name } = parseId(podId);
    const wanted = containersOf(pod).filter((c) => this.options.container === undefined || c.name === this.options.container);
    for (const container of wanted) {
      const key = `${name}/${container.name}`;
      const existing = this.runs.get(key);
      // A followed container that ended is read again once it runs again (restarted); a failed one is not retried.
      const again =
        existing?.done === true &&
        existing.state === 'ended' &&
        this.options.follow &&
        !this.options.previous &&
        containerPhase(pod, container.name) === 'running';
      if (existing && !again) continue;
      const run: Run = { abort: new AbortController(), state: 'connecting', done: false };
      this.runs.set(key, run);
      void this.follow(key, podId, namespace, name, container.name, run).finally(() => {
        run.done = true;
        this.update();
      });
    }
  }

  private setRun(run: Run, state: StreamState): void {
    if (run.state === state) return;
    run.state = state;
    this.update();
  }

  /** One container's stream, reconnecting until it ends, fails for good, or is aborted. */
  private async follow(key: string, podId: string, namespace: string, pod: string, container: string, run: Run): Promise<void> {
    const { signal } = run.abort;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    let delay = this.timing.retryMs;
    let told: string | undefined;
    const tell = (failure: LogFailure): void => {
      this.lastFailure = failure;
      if (told !== failure.kind) this.merger.note(failure.message);
      told = failure.kind;
    };
    while (!signal.aborted) {
      const since = this.merger.connecting(key);
      try {
        this.setRun(run, since === undefined ? 'connecting' : 'reconnecting');
        let tail: string | undefined;
        const lines = await this.api.lines(`${path}?${logQuery(container, this.options, since)}`, {
          signal,
          accept: 'text/plain, application/json, */*',
          maxLineChars: MAX_LOG_LINE_CHARS,
          onUnterminated: (text) => (tail = text),
        });
        this.setRun(run, 'following');
        if (told === 'unreachable') this.merger.note(l10n.t('{0}: connected again', key));
        told = undefined;
        delay = this.timing.retryMs;
        for await (const line of lines) this.merger.line(key, line);
        if (signal.aborted) return;
        // A finished request is the end unless following a container that still runs (then the connection dropped)
        // or that has not started (the API answers an unscheduled Pod with an empty log).
        const object = this.directory.pod(podId);
        const phase = object ? containerPhase(object, container) : 'terminated';
        if (!this.options.follow || this.options.previous || phase === 'terminated') {
          // The log's last line had no newline: it is whole, as the container left it.
          if (tail !== undefined) this.merger.line(key, tail);
          this.setRun(run, 'ended');
          return;
        }
        // Otherwise text after the last newline is half a line cut by the drop: the resumed request reads it whole.
        if (phase === 'running') this.setRun(run, 'reconnecting');
        else {
          tell(notStarted({ namespace, pod, container }));
          this.setRun(run, 'connecting');
        }
      } catch (error) {
        if (signal.aborted) return;
        const failure = describeLogFailure(error, { namespace, pod, container });
        if (failure.kind === 'pod-gone') {
          tell(failure);
          this.setRun(run, 'ended');
          return;
        }
        if (!failure.transient) {
          tell(failure);
          this.setRun(run, 'error');
          return;
        }
        tell(failure);
        this.setRun(run, failure.kind === 'not-started' ? 'connecting' : 'reconnecting');
      }
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return;
      }
      delay = Math.min(delay * 2, this.timing.maxRetryMs);
    }
  }

  /** The whole stream's state from its containers'. */
  private update(): void {
    const states = [...this.runs.values()].filter((run) => !run.done || run.state === 'error').map((run) => run.state);
    let state: StreamState;
    if (this.stopped) state = 'ended';
    else if (states.includes('following')) state = 'following';
    else if (states.includes('reconnecting')) state = 'reconnecting';
    else if (states.includes('connecting')) state = 'connecting';
    else if (states.includes('error')) state = 'error';
    else if (this.options.follow && !this.options.previous) state = this.pods.length === 0 ? 'connecting' : 'ended';
    else state = 'ended';
    if (state !== this.lastState) {
      this.lastState = state;
      this.onState(state);
    }
  }
}
