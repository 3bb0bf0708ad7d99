import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import * as status from './status.js';
import type { KubeObject } from './types.js';

/** One stored log line and when it was "written" (ms since the epoch plus a nanosecond tail, to keep them apart). */
interface LogLine {
  readonly ms: number;
  readonly nanos: number;
  readonly text: string;
  /** Written without a newline: the last words of a container that ended mid-line. */
  readonly unterminated?: boolean;
}

interface Follower {
  readonly key: string;
  readonly res: ServerResponse;
  readonly timestamps: boolean;
}

/**
 * How a followed response is cut in the middle of a line: `destroy` drops the connection (a proxy or node going
 * away: no final chunk), `end` ends the response cleanly (a server-side stream timeout).
 */
export type LogCut = 'destroy' | 'end';

/** `2026-01-02T03:04:05.123456789Z`, as the kubelet stamps lines with `timestamps=true` (RFC3339Nano). */
function stamp(line: LogLine): string {
  const iso = new Date(line.ms).toISOString(); // …05.123Z
  return `${iso.slice(0, -1)}${String(line.nanos).padStart(6, '0')}Z`;
}

function containerNames(pod: KubeObject): string[] {
  const spec = (pod['spec'] ?? {}) as Record<string, { name?: string }[] | undefined>;
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) => (spec[field] ?? []).map((c) => c.name ?? ''));
}

const podLogKey = (namespace: string, pod: string, container: string): string => `${namespace}/${pod}/${container}`;

/**
 * The `pods/{name}/log` subresource: lines the test sets per container, served as text/plain with `container`,
 * `timestamps`, `tailLines`, `sinceTime` and `follow` honoured. A followed request stays open and gets the lines
 * appended later, until the client goes away or the server stops.
 */
export class PodLogs {
  private readonly lines = new Map<string, LogLine[]>();
  private readonly followers = new Set<Follower>();
  /** Server-side sockets that carried a log request and are still open (keep-alive included). */
  private readonly sockets = new Set<Socket>();
  private nanos = 0;

  /**
   * Replaces a container's log (open follows are not told: they only see appends). With `unterminated`, the last line
   * has no newline, as when a container exits in the middle of a line.
   */
  set(namespace: string, pod: string, container: string, lines: readonly string[], unterminated = false): void {
    const stored = lines.map((text) => this.line(text));
    const last = stored.at(-1);
    if (unterminated && last) stored[stored.length - 1] = { ...last, unterminated: true };
    this.lines.set(podLogKey(namespace, pod, container), stored);
  }

  /** Adds lines to a container's log and writes them to every request following it. */
  append(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    const key = podLogKey(namespace, pod, container);
    const added = lines.map((text) => this.line(text));
    this.lines.set(key, [...(this.lines.get(key) ?? []), ...added]);
    for (const follower of this.followers) {
      if (follower.key === key) follower.res.write(added.map((line) => render(line, follower.timestamps)).join(''));
    }
  }

  /**
   * Appends `text` as one line of the container's log, but every request following it gets only the first half of
   * that line before its response is cut (`how`). The line is stored whole: a resumed request gets all of it.
   * Returns how many requests were cut.
   */
  cutMidLine(namespace: string, pod: string, container: string, text: string, how: LogCut = 'destroy'): number {
    const key = podLogKey(namespace, pod, container);
    const line = this.line(text);
    this.lines.set(key, [...(this.lines.get(key) ?? []), line]);
    let cut = 0;
    for (const follower of [...this.followers]) {
      if (follower.key !== key) continue;
      const rendered = render(line, follower.timestamps);
      const half = rendered.slice(0, Math.max(1, Math.floor((rendered.length - 1) / 2)));
      this.followers.delete(follower);
      // Cut only once the half line was flushed to the socket: destroying first would discard it unsent.
      follower.res.write(half, () => (how === 'destroy' ? follower.res.destroy() : follower.res.end()));
      cut++;
    }
    return cut;
  }

  /** Open server-side connections that carried a `pods/{name}/log` request. */
  openSockets(): number {
    return this.sockets.size;
  }

  /** Ends every followed request (the server is going away). */
  endAll(): void {
    for (const follower of this.followers) follower.res.end();
    this.followers.clear();
  }

  /** How many requests are following a log now. */
  following(): number {
    return this.followers.size;
  }

  /** Answers GET …/pods/{name}/log for `pod` (already found and authorized). */
  serve(res: ServerResponse, pod: KubeObject, query: URLSearchParams): void {
    this.track(res.socket);
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const names = containerNames(pod);
    const container = query.get('container') ?? (names.length === 1 ? names[0] : undefined);
    if (container === undefined) {
      const message = `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`;
      return status.sendStatus(res, status.statusObject(400, 'BadRequest', message));
    }
    if (!names.includes(container)) {
      return status.sendStatus(res, status.statusObject(400, 'BadRequest', `container ${container} is not valid for pod ${name}`));
    }
    const key = podLogKey(namespace, name, container);
    const timestamps = query.get('timestamps') === 'true';
    let lines = this.lines.get(key) ?? [];
    const sinceTime = query.get('sinceTime');
    if (sinceTime !== null) {
      // The API server parses sinceTime as RFC3339 seconds: a fraction is dropped, so the cut is at the second.
      const since = Math.floor(Date.parse(sinceTime) / 1000) * 1000;
      if (Number.isNaN(since)) return status.sendStatus(res, status.statusObject(400, 'BadRequest', `invalid sinceTime "${sinceTime}"`));
      lines = lines.filter((line) => line.ms >= since);
    }
    const sinceSeconds = Number(query.get('sinceSeconds') ?? '0');
    if (sinceSeconds > 0) lines = lines.filter((line) => line.ms >= Date.now() - sinceSeconds * 1000);
    const tail = query.get('tailLines');
    if (tail !== null && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    const text = lines.map((line) => render(line, timestamps)).join('');
    if (query.get('follow') !== 'true') {
      res.end(text);
      return;
    }
    // Headers go out at once, as kube-apiserver's do: a client waits for them before it reads any line.
    res.flushHeaders();
    if (text) res.write(text);
    const follower: Follower = { key, res, timestamps };
    this.followers.add(follower);
    res.on('close', () => this.followers.delete(follower));
  }

  private track(socket: Socket | null): void {
    if (!socket || socket.destroyed || this.sockets.has(socket)) return;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private line(text: string): LogLine {
    this.nanos = (this.nanos + 1) % 1_000_000;
    return { ms: Date.now(), nanos: this.nanos, text };
  }
}

function render(line: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${stamp(line)} ` : ''}${line.text}${line.unterminated ? '' : '\n'}`;
}
