import type { GraphDelta } from '../../engine/model/graph.js';
import type { ObjectRecord } from '../../engine/model/object.js';

/**
 * The Resources tree's elements. Each is created once and kept for as long as what it stands for exists: VS Code
 * refreshes an element it is handed only when it is the very object `getChildren` returned.
 */
export type ResourceItem =
  | { readonly type: 'context' }
  | { readonly type: 'namespace'; readonly namespace: string }
  | { readonly type: 'cluster-scoped' }
  | { readonly type: 'custom' }
  | { readonly type: 'kind'; readonly scope: string; readonly kind: string; readonly group: string }
  | { readonly type: 'object'; readonly id: string };

export type ScopeItem = Extract<ResourceItem, { type: 'namespace' | 'cluster-scoped' | 'custom' }>;
export type KindItem = Extract<ResourceItem, { type: 'kind' }>;
export type ObjectItem = Extract<ResourceItem, { type: 'object' }>;

/** Where the objects come from: the session's engine, read at the moment a delta is applied. */
export interface RecordLookup {
  record(id: string): ObjectRecord | undefined;
  objects(): Iterable<ObjectRecord>;
}

/** The one context row: the same element whatever the session, so a refresh of it always finds it. */
export const CONTEXT_ITEM: ResourceItem = { type: 'context' };

const CUSTOM = '\u0000custom';
const CLUSTER = '\u0000cluster';
const BUILTIN_GROUP = /(^|\.)k8s\.io$|^(core|apps|batch|autoscaling|policy|extensions)$/;

/** One collator for every sort: `localeCompare` builds a new one per call, too slow for a kind with 20,000 pods. */
const byName = new Intl.Collator(undefined, { numeric: true });

interface KindEntry {
  readonly item: KindItem;
  readonly scope: ScopeEntry;
  readonly objects: Map<string, ObjectItem>;
  /** Children in name order, kept until an object comes or goes. */
  sorted: ObjectItem[] | undefined;
}

interface ScopeEntry {
  readonly item: ScopeItem;
  readonly kinds: Map<string, KindEntry>;
}

/**
 * Context → namespaces (and cluster-scoped, custom resources) → kinds → objects, kept up to date by the session's
 * coalesced deltas. `apply` answers which elements changed, so the view refreshes those and nothing else.
 */
export class ResourceTreeModel {
  readonly context: ResourceItem = CONTEXT_ITEM;
  private readonly scopes = new Map<string, ScopeEntry>();
  private readonly placed = new Map<string, KindEntry>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly source: RecordLookup,
    private readonly filter = '',
  ) {
    for (const record of source.objects()) this.insert(record, new Set());
  }

  /** Objects in the tree (after the filter). */
  get size(): number {
    return this.placed.size;
  }

  children(item?: ResourceItem): ResourceItem[] {
    if (!item) return [this.context];
    switch (item.type) {
      case 'context':
        return this.topLevel();
      case 'namespace':
        return this.kindsIn(item.namespace);
      case 'cluster-scoped':
        return this.kindsIn(CLUSTER);
      case 'custom':
        return this.kindsIn(CUSTOM);
      case 'kind':
        return [...this.objectsOf(item)];
      case 'object':
        return [];
    }
  }

  parent(item: ResourceItem): ResourceItem | undefined {
    switch (item.type) {
      case 'context':
        return undefined;
      case 'object':
        return this.placed.get(item.id)?.item;
      case 'kind':
        return this.scopes.get(item.scope)?.item;
      default:
        return this.context;
    }
  }

  /** How many objects a kind element holds now. */
  count(item: KindItem): number {
    return this.kindEntry(item)?.objects.size ?? 0;
  }

  /** The element of an object, when the tree shows it. */
  objectItem(id: string): ObjectItem | undefined {
    return this.placed.get(id)?.objects.get(id);
  }

  /** The element of a namespace, when the tree shows objects of it. */
  namespaceItem(namespace: string): ScopeItem | undefined {
    return namespace === '' ? undefined : this.scopes.get(namespace)?.item;
  }

  kindItems(): KindItem[] {
    return [...this.scopes.values()].flatMap((scope) => [...scope.kinds.values()].map((entry) => entry.item));
  }

  /** Brings the tree up to date with one delta; returns the elements whose row or children changed. */
  apply(delta: GraphDelta): Set<ResourceItem> {
    const changed = new Set<ResourceItem>();
    for (const node of delta.addedNodes) this.upsert(node.id, changed);
    for (const node of delta.changedNodes) this.upsert(node.id, changed);
    for (const id of delta.removedNodes) this.remove(id, changed);
    return changed;
  }

  /** Added or changed: the engine says what the object is now (a node may be a stand-in for a missing object). */
  private upsert(id: string, changed: Set<ResourceItem>): void {
    const record = this.source.record(id);
    const shown = record !== undefined && this.matches(record);
    if (!shown) return this.remove(id, changed);
    const item = this.objectItem(id);
    if (item) changed.add(item);
    else this.insert(record, changed);
  }

  private insert(record: ObjectRecord, changed: Set<ResourceItem>): void {
    if (!this.matches(record)) return;
    const scopeKey = scopeOf(record);
    let scope = this.scopes.get(scopeKey);
    if (!scope) {
      scope = { item: scopeItem(scopeKey), kinds: new Map() };
      this.scopes.set(scopeKey, scope);
      changed.add(this.context);
    }
    const kindKey = `${record.group}/${record.kind}`;
    let kind = scope.kinds.get(kindKey);
    if (!kind) {
      kind = {
        item: { type: 'kind', scope: scopeKey, kind: record.kind, group: record.group },
        scope,
        objects: new Map(),
        sorted: undefined,
      };
      scope.kinds.set(kindKey, kind);
      changed.add(scope.item);
    }
    kind.objects.set(record.id, { type: 'object', id: record.id });
    kind.sorted = undefined;
    this.placed.set(record.id, kind);
    this.names.set(record.id, record.name);
    changed.add(kind.item);
  }

  private remove(id: string, changed: Set<ResourceItem>): void {
    const kind = this.placed.get(id);
    if (!kind) return;
    this.placed.delete(id);
    this.names.delete(id);
    kind.objects.delete(id);
    kind.sorted = undefined;
    changed.add(kind.item);
    if (kind.objects.size > 0) return;
    const scope = kind.scope;
    scope.kinds.delete(`${kind.item.group}/${kind.item.kind}`);
    changed.delete(kind.item);
    changed.add(scope.item);
    if (scope.kinds.size > 0) return;
    this.scopes.delete(kind.item.scope);
    changed.delete(scope.item);
    changed.add(this.context);
  }

  private topLevel(): ScopeItem[] {
    const keys = [...this.scopes.keys()];
    const namespaces = keys.filter((key) => key !== CUSTOM && key !== CLUSTER).sort();
    return [...namespaces, ...[CLUSTER, CUSTOM].filter((key) => this.scopes.has(key))].map((key) => this.scopes.get(key)!.item);
  }

  private kindsIn(scope: string): KindItem[] {
    return [...(this.scopes.get(scope)?.kinds.values() ?? [])].map((entry) => entry.item).sort((a, b) => byName.compare(a.kind, b.kind));
  }

  private objectsOf(item: KindItem): ObjectItem[] {
    const entry = this.kindEntry(item);
    if (!entry) return [];
    entry.sorted ??= [...entry.objects.values()].sort((a, b) => byName.compare(this.names.get(a.id) ?? '', this.names.get(b.id) ?? ''));
    return entry.sorted;
  }

  private kindEntry(item: KindItem): KindEntry | undefined {
    return this.scopes.get(item.scope)?.kinds.get(`${item.group}/${item.kind}`);
  }

  private matches(record: ObjectRecord): boolean {
    return !this.filter || record.name.toLowerCase().includes(this.filter) || record.kind.toLowerCase() === this.filter;
  }
}

function scopeOf(record: ObjectRecord): string {
  if (!BUILTIN_GROUP.test(record.group)) return CUSTOM;
  return record.namespace || CLUSTER;
}

function scopeItem(key: string): ScopeItem {
  if (key === CUSTOM) return { type: 'custom' };
  if (key === CLUSTER) return { type: 'cluster-scoped' };
  return { type: 'namespace', namespace: key };
}

/** A stable id per element, so VS Code keeps expansion and selection across a full refresh. */
export function itemId(item: ResourceItem): string {
  switch (item.type) {
    case 'context':
      return 'context';
    case 'namespace':
      return `namespace:${item.namespace}`;
    case 'cluster-scoped':
      return 'cluster-scoped';
    case 'custom':
      return 'custom';
    case 'kind':
      return `kind:${item.scope}|${item.group}/${item.kind}`;
    case 'object':
      return `object:${item.id}`;
  }
}
