import * as l10n from '@vscode/l10n';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError, type ApiClient } from './apiClient.js';
import { METADATA_ACCEPT, METADATA_LIST_ACCEPT, resourcePath, trimObject, type ResourceType } from './resources.js';

export type InformerState =
  | { readonly phase: 'syncing'; readonly listed: number }
  /** `watchRefused`: RBAC grants `list` but not `watch`; changes arrive by re-listing, with backoff (up to maxBackoffMs). */
  | { readonly phase: 'live'; readonly count: number; readonly watchRefused?: boolean }
  | { readonly phase: 'forbidden'; readonly reason: string }
  | { readonly phase: 'failing'; readonly reason: string; readonly kind: ApiError['kind']; readonly retryInMs?: number }
  | { readonly phase: 'stopped' };

export interface InformerSink {
  upsert(object: KubeObject): void;
  /** A page of a list, its new and changed objects at once (one engine batch); without it, `upsert` each. */
  upsertPage?(objects: readonly KubeObject[]): void;
  remove(object: KubeObject): void;
  state(state: InformerState): void;
}

export interface InformerOptions {
  readonly pageSize?: number;
  readonly watchTimeoutSeconds?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Injectable for deterministic tests of the jitter. */
  readonly random?: () => number;
}

interface ListPage {
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items?: readonly Record<string, unknown>[];
}

interface WatchEvent {
  readonly type?: string;
  readonly object?: Record<string, unknown> & { code?: number; message?: string; metadata?: { resourceVersion?: string } };
}

/**
 * List + watch of one resource type (in one namespace or all): paged lists, watches resumed from the last
 * resourceVersion with bookmarks, a relist on 410 Gone, and capped exponential backoff with jitter on network
 * errors, 429 and 5xx. After `dispose()` it calls its sink no more.
 */
export class Informer {
  private readonly abort = new AbortController();
  private readonly known = new Map<string, string>();
  private resourceVersion: string | undefined;
  private failures = 0;
  /** Whether this informer ever synced: a 403 after that is transient (RBAC caches after a restart, a binding restored). */
  private wasLive = false;
  /** When the current watch was accepted; a watch that held for a while earns a fresh backoff (as client-go does). */
  private watchEstablishedAt: number | undefined;
  /** The list was allowed and the watch refused: re-listing stands in for the watch. */
  private watchRefused = false;
  private readonly options: Required<InformerOptions>;

  constructor(
    private readonly client: ApiClient,
    readonly type: ResourceType,
    readonly namespace: string | undefined,
    private readonly sink: InformerSink,
    options: InformerOptions = {},
  ) {
    this.options = {
      pageSize: 500,
      watchTimeoutSeconds: 290,
      initialBackoffMs: 500,
      maxBackoffMs: 30_000,
      random: Math.random,
      ...options,
    };
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  get size(): number {
    return this.known.size;
  }

  start(): void {
    void this.run();
  }

  dispose(): void {
    if (this.disposed) return;
    this.abort.abort();
    this.known.clear();
  }

  /** Stops, and reports every object it held as removed: their namespace is gone. */
  disposeAndForget(): void {
    const keys = [...this.known.keys()];
    this.dispose();
    for (const key of keys) this.sink.remove(this.stub(key));
  }

  private async run(): Promise<void> {
    while (!this.disposed) {
      let watching = false;
      try {
        if (this.resourceVersion === undefined) this.resourceVersion = await this.list();
        this.wasLive = true;
        this.emitState({ phase: 'live', count: this.known.size, ...(this.watchRefused ? { watchRefused: true } : {}) });
        watching = true;
        await this.watch();
        this.watchRefused = false;
        this.failures = 0;
      } catch (error) {
        if (this.disposed) return;
        const refusedAtStart = watching && this.watchEstablishedAt === undefined && error instanceof ApiError && error.kind === 'forbidden';
        if (refusedAtStart) await this.relistLater(error);
        else if (!(await this.recover(error))) return;
      }
    }
  }

  /**
   * RBAC may grant `list` without `watch` (a role written for `kubectl get`): the objects listed stay shown, and are
   * re-listed with backoff instead of watched. The list itself being refused next time makes the kind forbidden.
   */
  private async relistLater(failure: ApiError): Promise<void> {
    this.watchRefused = true;
    this.resourceVersion = undefined;
    this.emitState({ phase: 'live', count: this.known.size, watchRefused: true });
    await sleep(this.backoff(failure), this.abort.signal);
  }

  /** Decides what a failure means; false stops the informer (forbidden, unauthorized). */
  private async recover(error: unknown): Promise<boolean> {
    // Anything else broke the stream mid-read (a dropped connection: "Premature close", ECONNRESET, a torn line): retry.
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError('unreachable', l10n.t('watch interrupted: {0}', (error as Error).message ?? String(error)));
    if (failure.kind === 'gone') {
      this.resourceVersion = undefined;
      return true;
    }
    if (this.watchEstablishedAt !== undefined && Date.now() - this.watchEstablishedAt > HEALTHY_WATCH_MS) this.failures = 0;
    this.watchEstablishedAt = undefined;
    if (failure.kind === 'forbidden') {
      this.emitState({ phase: 'forbidden', reason: failure.message });
      if (!this.wasLive) return false;
      await sleep(this.backoff(failure), this.abort.signal);
      return !this.disposed;
    }
    if (!failure.retryable) {
      this.emitState({ phase: 'failing', reason: failure.message, kind: failure.kind });
      return false;
    }
    const delay = this.backoff(failure);
    this.emitState({ phase: 'failing', reason: failure.message, kind: failure.kind, retryInMs: Math.round(delay) });
    await sleep(delay, this.abort.signal);
    return !this.disposed;
  }

  /** Capped exponential backoff with jitter (half to full), at least what Retry-After asks. */
  private backoff(failure: ApiError): number {
    const exponential = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** this.failures);
    this.failures++;
    return Math.max(failure.retryAfterMs ?? 0, exponential * (0.5 + this.options.random() / 2));
  }

  private async list(): Promise<string> {
    const seen = new Map<string, string>();
    let token: string | undefined;
    let resourceVersion = '';
    // A re-list that stands in for a refused watch is not a new sync: the kind stays live meanwhile.
    if (!this.watchRefused) this.emitState({ phase: 'syncing', listed: 0 });
    do {
      const query = new URLSearchParams({ limit: String(this.options.pageSize), ...(token ? { continue: token } : {}) });
      const page = await this.client.json<ListPage>(`${resourcePath(this.type, this.namespace)}?${query}`, {
        signal: this.abort.signal,
        ...(this.type.metadataOnly ? { accept: METADATA_LIST_ACCEPT } : {}),
      });
      if (this.disposed) return '';
      const changed: KubeObject[] = [];
      for (const item of page.items ?? []) this.admit(item, seen, changed);
      if (this.sink.upsertPage) this.sink.upsertPage(changed);
      else for (const object of changed) this.sink.upsert(object);
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      if (!this.watchRefused) this.emitState({ phase: 'syncing', listed: seen.size });
    } while (token);
    for (const [key] of this.known) {
      if (!seen.has(key)) this.sink.remove(this.stub(key));
    }
    this.known.clear();
    for (const [key, version] of seen) this.known.set(key, version);
    return resourceVersion;
  }

  /** Notes a listed object as seen; adds it to `changed` when it is new or changed since this informer last had it. */
  private admit(raw: Record<string, unknown>, seen: Map<string, string>, changed: KubeObject[]): void {
    const object = trimObject(raw, this.type);
    const key = keyOf(object);
    const version = object.metadata?.resourceVersion ?? '';
    seen.set(key, version);
    if (this.known.get(key) !== version) changed.push(object);
  }

  private async watch(): Promise<void> {
    this.watchEstablishedAt = undefined;
    const query = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion: this.resourceVersion ?? '',
      timeoutSeconds: String(this.options.watchTimeoutSeconds),
    });
    const lines = await this.client.lines(`${resourcePath(this.type, this.namespace)}?${query}`, {
      signal: this.abort.signal,
      ...(this.type.metadataOnly ? { accept: METADATA_ACCEPT } : {}),
    });
    this.watchEstablishedAt = Date.now();
    for await (const line of lines) {
      if (this.disposed) return;
      if (line.trim()) this.handle(JSON.parse(line) as WatchEvent);
      this.failures = 0;
    }
  }

  private handle(event: WatchEvent): void {
    const raw = event.object ?? {};
    if (event.type === 'ERROR') {
      const code = raw.code ?? 0;
      throw new ApiError(
        code === 410 ? 'gone' : code === 403 ? 'forbidden' : code >= 500 ? 'server' : 'bad-response',
        raw.message ?? `watch error ${code}`,
        code,
      );
    }
    const version = raw.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (event.type === 'BOOKMARK') return;
    const object = trimObject(raw, this.type);
    const key = keyOf(object);
    if (event.type === 'DELETED') {
      this.known.delete(key);
      this.sink.remove(object);
    } else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      this.known.set(key, version ?? '');
      this.sink.upsert(object);
    }
  }

  private stub(key: string): KubeObject {
    const [namespace, name] = key.split('/') as [string, string];
    return {
      apiVersion: this.type.group ? `${this.type.group}/${this.type.version}` : this.type.version,
      kind: this.type.kind,
      metadata: { name, ...(namespace ? { namespace } : {}) },
    };
  }

  private emitState(state: InformerState): void {
    if (!this.disposed) this.sink.state(state);
  }
}

/** A watch that stayed up this long was healthy: the next failure starts from the initial backoff again. */
export const HEALTHY_WATCH_MS = 1_000;

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
