import type { KubeObject } from './types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One write, kept so watches can resume and paged lists can read a consistent snapshot. */
export interface HistoryEntry {
  rv: number;
  type: ChangeType;
  object: KubeObject;
  /** State before the write; lets snapshotAt roll writes back. */
  previous?: KubeObject;
}

export type StoreListener = (entry: HistoryEntry) => void;

interface Bucket {
  objects: Map<string, KubeObject>;
  history: HistoryEntry[];
  /** Every write with rv > floor is still in history; older ones are gone (410 Gone). */
  floor: number;
  listeners: Set<StoreListener>;
}

export interface StoreOptions {
  historyLimit: number;
  newUid: () => string;
  now: () => Date;
}

/** Storage key inside a resource; sorts like etcd keys (namespace, then name). */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

function timestamp(date: Date): string {
  // The API server writes RFC 3339 without fractional seconds.
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sortedValues(objects: Map<string, KubeObject>): KubeObject[] {
  return [...objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, object]) => object);
}

/**
 * In-memory objects per resource with one global resourceVersion counter, as etcd has one revision.
 * Objects are copied on the way in, so tests cannot change stored state behind the server's back.
 */
export class ObjectStore {
  private rv = 0;
  /** Set by expireHistory: nothing at or below it can be watched, even in resources created later. */
  private compactedRv = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: StoreOptions) {}

  currentRv(): number {
    return this.rv;
  }

  get(resource: string, key: string): KubeObject | undefined {
    return this.bucket(resource).objects.get(key);
  }

  /** Current objects sorted by namespace/name, optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[] {
    const all = sortedValues(this.bucket(resource).objects);
    return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
  }

  /** Stores a new or changed object, stamping uid, resourceVersion and creationTimestamp like the server. */
  write(resource: string, key: string, input: KubeObject, mode: 'create' | 'update' | 'upsert'): KubeObject {
    const bucket = this.bucket(resource);
    const previous = bucket.objects.get(key);
    if (mode === 'create' && previous) throw new Error(`${key} already exists in ${resource}`);
    if (mode === 'update' && !previous) throw new Error(`${key} not found in ${resource}`);
    const object = structuredClone(input);
    const metadata = (object.metadata ??= {});
    metadata.uid = previous?.metadata?.uid ?? metadata.uid ?? this.options.newUid();
    metadata.creationTimestamp = previous?.metadata?.creationTimestamp ?? metadata.creationTimestamp ?? timestamp(this.options.now());
    metadata.generation = nextGeneration(previous, object);
    metadata.resourceVersion = String(++this.rv);
    bucket.objects.set(key, object);
    this.record(bucket, { rv: this.rv, type: previous ? 'MODIFIED' : 'ADDED', object, ...(previous ? { previous } : {}) });
    return object;
  }

  /** Deletes an object; the DELETED event carries the deletion's resourceVersion, as the real server's does. */
  remove(resource: string, key: string): KubeObject | undefined {
    const bucket = this.bucket(resource);
    const previous = bucket.objects.get(key);
    if (!previous) return undefined;
    bucket.objects.delete(key);
    const object = structuredClone(previous);
    (object.metadata ??= {}).resourceVersion = String(++this.rv);
    this.record(bucket, { rv: this.rv, type: 'DELETED', object, previous });
    return object;
  }

  /** Writes after `rv`, or 'expired' when some of them have been dropped from history. */
  eventsAfter(resource: string, rv: number): HistoryEntry[] | 'expired' {
    const bucket = this.bucket(resource);
    if (rv < this.floorOf(bucket)) return 'expired';
    return bucket.history.filter((entry) => entry.rv > rv);
  }

  /** The objects as they were at `rv` (rolling back later writes), for consistent paged lists. */
  snapshotAt(resource: string, rv: number): KubeObject[] | 'expired' {
    const bucket = this.bucket(resource);
    if (rv < this.floorOf(bucket)) return 'expired';
    const objects = new Map(bucket.objects);
    for (const entry of [...bucket.history].reverse()) {
      if (entry.rv <= rv) break;
      const meta = entry.object.metadata ?? {};
      const key = objectKey(meta.namespace, meta.name ?? '');
      if (entry.previous) objects.set(key, entry.previous);
      else objects.delete(key);
    }
    return sortedValues(objects);
  }

  subscribe(resource: string, listener: StoreListener): () => void {
    const listeners = this.bucket(resource).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Forgets all history, like an etcd compaction. The revision also moves on by one — real clusters
   * write constantly (leases, events) — so any resourceVersion a client already holds is now too old.
   */
  expireHistory(): void {
    this.compactedRv = ++this.rv;
    for (const bucket of this.buckets.values()) {
      bucket.history = [];
      bucket.floor = this.compactedRv;
    }
  }

  private floorOf(bucket: Bucket): number {
    return Math.max(bucket.floor, this.compactedRv);
  }

  private record(bucket: Bucket, entry: HistoryEntry): void {
    bucket.history.push(entry);
    while (bucket.history.length > this.options.historyLimit) bucket.floor = bucket.history.shift()?.rv ?? bucket.floor;
    for (const listener of [...bucket.listeners]) listener(entry);
  }

  private bucket(resource: string): Bucket {
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = { objects: new Map(), history: [], floor: 0, listeners: new Set() };
      this.buckets.set(resource, bucket);
    }
    return bucket;
  }
}

/** generation starts at 1 and moves only when spec changes, which is what controllers rely on. */
function nextGeneration(previous: KubeObject | undefined, next: KubeObject): number {
  const current = previous?.metadata?.generation ?? 0;
  if (!previous) return 1;
  return JSON.stringify(previous['spec']) === JSON.stringify(next['spec']) ? current : current + 1;
}
