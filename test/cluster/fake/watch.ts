import type { ServerResponse } from 'node:http';
import type { Presenter } from './present.js';
import { tooOldResourceVersion } from './status.js';
import type { HistoryEntry, ObjectStore } from './store.js';
import type { KubeObject, WatchEventType } from './types.js';

export interface WatchRequest {
  res: ServerResponse;
  /** Store key of the resource (group/plural). */
  resource: string;
  namespace?: string;
  /** The resourceVersion query parameter as sent ('' or '0' means: start with the current state). */
  resourceVersion: string;
  bookmarks: boolean;
  timeoutSeconds?: number;
  present: Presenter;
}

interface OpenWatch {
  res: ServerResponse;
  resource: string;
  present: Presenter;
  bookmarks: boolean;
  /** Idempotent: unsubscribes, stops timers and forgets the watch. */
  close: () => void;
}

function send(res: ServerResponse, type: WatchEventType, object: KubeObject): void {
  // A dropped socket may still get an event in the same tick; writing then would only raise errors.
  if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify({ type, object })}\n`);
}

export interface WatchHubOptions {
  bookmarkIntervalMs: number;
  defaultTimeoutSeconds?: number;
}

/** All open watch streams: feeds them store events, bookmarks and timeouts, and can cut them. */
export class WatchHub {
  private readonly open = new Set<OpenWatch>();

  constructor(
    private readonly store: ObjectStore,
    private readonly options: WatchHubOptions,
  ) {}

  count(): number {
    return this.open.size;
  }

  /** Streams events like kube-apiserver: HTTP 200 first, even when the answer is a 410 ERROR event. */
  start(request: WatchRequest): void {
    const { res, resource, namespace, present } = request;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const write = (type: WatchEventType, object: KubeObject): void => send(res, type, object);
    const inNamespace = (object: KubeObject): boolean => namespace === undefined || object.metadata?.namespace === namespace;
    const fromRv = Number(request.resourceVersion || '0');
    if (fromRv === 0) {
      // No resourceVersion (or "0"): synthetic ADDED events for the current state, then live changes.
      this.store.list(resource, namespace).forEach((object) => write('ADDED', present.object(object)));
    } else {
      const backlog = this.store.eventsAfter(resource, fromRv);
      if (backlog === 'expired') {
        write('ERROR', tooOldResourceVersion(fromRv, this.store.currentRv()));
        res.end();
        return;
      }
      backlog.filter((e) => inNamespace(e.object)).forEach((e) => write(e.type, present.object(e.object)));
    }
    this.follow(request, (entry) => {
      if (inNamespace(entry.object)) write(entry.type, present.object(entry.object));
    });
  }

  private follow(request: WatchRequest, onEntry: (entry: HistoryEntry) => void): void {
    const { res, resource, present, bookmarks } = request;
    const timers: NodeJS.Timeout[] = [];
    const unsubscribe = this.store.subscribe(resource, onEntry);
    const watch: OpenWatch = {
      res,
      resource,
      present,
      bookmarks,
      close: () => {
        this.open.delete(watch);
        unsubscribe();
        timers.forEach((timer) => clearTimeout(timer));
      },
    };
    this.open.add(watch);
    if (bookmarks) timers.push(setInterval(() => this.bookmark(watch), this.options.bookmarkIntervalMs));
    const timeout = request.timeoutSeconds ?? this.options.defaultTimeoutSeconds;
    // Ending the chunked body cleanly is how the real server closes a watch at timeoutSeconds.
    if (timeout !== undefined && timeout > 0) timers.push(setTimeout(() => res.end(), timeout * 1000));
    res.on('close', watch.close);
  }

  private bookmark(watch: OpenWatch): void {
    send(watch.res, 'BOOKMARK', watch.present.bookmark(this.store.currentRv()));
  }

  /** Sends a BOOKMARK now to every watch that asked for them (so tests need not wait for the interval). */
  sendBookmarks(): void {
    for (const watch of this.open) if (watch.bookmarks) this.bookmark(watch);
  }

  /** Cuts every open watch without the final chunk, as a crashed server or a broken network would. */
  dropAll(): number {
    const dropped = [...this.open];
    dropped.forEach((watch) => {
      watch.close();
      watch.res.socket?.destroy();
    });
    return dropped.length;
  }

  /** Ends the watches of one resource cleanly (its CustomResourceDefinition was deleted). */
  endResource(resource: string): void {
    for (const watch of this.open) if (watch.resource === resource) watch.res.end();
  }
}
