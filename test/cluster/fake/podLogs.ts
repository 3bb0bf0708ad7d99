import type { ServerResponse } from 'node:http';
import * as status from './status.js';
import type { KubeObject } from './types.js';

/** One stored log line and when it was "written" (ms since the epoch plus a nanosecond tail, to keep them apart). */
interface LogLine {
  readonly ms: number;
  readonly nanos: number;
  readonly text: string;
}

interface Follower {
  readonly key: string;
  readonly res: ServerResponse;
  readonly timestamps: boolean;
}

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
  private nanos = 0;

  /** Replaces a container's log (open follows are not told: they only see appends). */
  set(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    this.lines.set(
      podLogKey(namespace, pod, container),
      lines.map((text) => this.line(text)),
    );
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

  private line(text: string): LogLine {
    this.nanos = (this.nanos + 1) % 1_000_000;
    return { ms: Date.now(), nanos: this.nanos, text };
  }
}

function render(line: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${stamp(line)} ` : ''}${line.text}\n`;
}
