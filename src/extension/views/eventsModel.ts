import * as l10n from '@vscode/l10n';
import type { EventEntry, InvolvedObject } from './eventEntry.js';

export type EventGrouping = 'none' | 'namespace' | 'object' | 'reason';

/** Empty sets and an empty text filter nothing; set fields AND together, values within a set OR. */
export interface EventFilter {
  readonly types?: ReadonlySet<string>;
  readonly namespaces?: ReadonlySet<string>;
  readonly kinds?: ReadonlySet<string>;
  readonly reasons?: ReadonlySet<string>;
  readonly text?: string;
}

/**
 * One row of the view: a series. The Events with the same object, type, reason, source and message are one row, their
 * counts summed (the API server already folds repeats into one Event's `count`/`series.count`; a reporter that
 * starts a new Event for the same thing is folded here). A row is one object for as long as it exists: VS Code
 * refreshes only the very element `getChildren` returned.
 */
export interface EventRow {
  readonly type: 'row';
  readonly key: string;
  readonly reason: string;
  readonly message: string;
  readonly eventType: string;
  readonly namespace: string;
  readonly object: InvolvedObject;
  readonly source: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** How many Event objects the row folds. */
  readonly events: number;
}

export interface EventGroup {
  readonly type: 'group';
  readonly key: string;
  readonly label: string;
  /** Visible rows in the group, and how many of them are Warnings. */
  readonly size: number;
  readonly warnings: number;
  readonly lastSeen: number;
}

/** Stands for the rows past the shown limit. */
export interface MoreItem {
  readonly type: 'more';
  readonly parent: EventGroup | undefined;
  readonly hidden: number;
}

export interface EventFacets {
  readonly types: Map<string, number>;
  readonly namespaces: Map<string, number>;
  readonly kinds: Map<string, number>;
  readonly reasons: Map<string, number>;
}

export type EventItem = EventRow | EventGroup | MoreItem;

/** What an `apply` changed: the whole list (`root`), or only some groups' children. */
export interface EventChanges {
  readonly root: boolean;
  readonly groups: ReadonlySet<EventGroup>;
  /** Rows that appeared or whose count grew in this apply (for notifications). */
  readonly grown: readonly EventRow[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Row = Mutable<EventRow> & {
  readonly members: Map<string, EventEntry>;
  haystack: string;
  group: Group | undefined;
};

type Group = Mutable<EventGroup> & { readonly rows: Row[] };

/** More upserts than this in one apply, and a quarter of the rows or more: sorted once instead of inserted one by one. */
const BULK = 256;

/** Newest first; the key breaks ties, so every row has exactly one place and binary search finds it. */
function before(a: Row, b: Row): boolean {
  return a.lastSeen !== b.lastSeen ? a.lastSeen > b.lastSeen : a.key < b.key;
}

/** Index of the first element `row` sorts before (where it goes, or where it is). */
function position(list: readonly Row[], row: Row): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(list[middle]!, row)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insert(list: Row[], row: Row): void {
  list.splice(position(list, row), 0, row);
}

/** Removes `row`, which must still hold the sort values it was inserted with. */
function remove(list: Row[], row: Row): void {
  const index = position(list, row);
  if (list[index] === row) list.splice(index, 1);
}

function rowKey(entry: EventEntry): string {
  const o = entry.object;
  return [o.group, o.kind, o.namespace, o.name, entry.type, entry.reason, entry.source, entry.message].join('\u0000');
}

function objectLabel(object: InvolvedObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/**
 * The Events view's data, kept sorted (newest first) and grouped as Events come and go: an update moves its row by
 * binary search in the full list, the filtered list and its group, never re-sorting; a new filter or grouping scans
 * the full list once, in order. Free of `vscode`, so it is tested and measured in plain Node.
 */
export class EventsModel {
  private readonly rows = new Map<string, Row>();
  /** Event id → its row. */
  private readonly rowOf = new Map<string, Row>();
  /** Every row, newest first. */
  private readonly all: Row[] = [];
  /** The rows that pass the filter, newest first. */
  private visible: Row[] = [];
  private groups = new Map<string, Group>();
  private groupOrder: Group[] | undefined;
  private filter: EventFilter = {};
  private text = '';
  private grouping: EventGrouping = 'none';

  /** Rows shown per list before a "more" item. */
  constructor(public limit = 500) {}

  get size(): number {
    return this.all.length;
  }

  get shown(): number {
    return this.visible.length;
  }

  get groupBy(): EventGrouping {
    return this.grouping;
  }

  get currentFilter(): EventFilter {
    return this.filter;
  }

  setGrouping(grouping: EventGrouping): void {
    this.grouping = grouping;
    this.regroup();
  }

  setFilter(filter: EventFilter): void {
    this.filter = filter;
    this.text = filter.text?.trim().toLowerCase() ?? '';
    this.visible = this.all.filter((row) => this.matches(row));
    this.regroup();
  }

  /** Adds or replaces Events (by id) and removes others: what one coalesced delta brought. */
  apply(upserts: readonly EventEntry[], removals: Iterable<string> = []): EventChanges {
    if (upserts.length > BULK && upserts.length * 4 > this.all.length) return this.applyBulk(upserts, removals);
    const changes = { root: false, groups: new Set<Group>(), grown: [] as Row[] };
    const order = this.grouping === 'none' ? undefined : this.orderedGroups().slice();
    for (const id of removals) this.removeEntry(id, changes);
    for (const entry of upserts) this.upsertEntry(entry, changes);
    // Emptied groups go only now: a row that moves within its only group must not replace the group's element.
    for (const group of changes.groups) {
      if (group.size > 0 || this.groups.get(group.key) !== group) continue;
      this.groups.delete(group.key);
      changes.groups.delete(group);
      this.groupOrder = undefined;
    }
    if (order !== undefined) {
      const now = this.orderedGroups();
      if (now.length !== order.length || now.some((group, index) => group !== order[index])) changes.root = true;
    }
    return changes;
  }

  /**
   * A first list (or a large share of the Events at once): rows are updated unsorted, then every list is sorted once,
   * which is n log n where one binary insertion each would move n² / 2 elements.
   */
  private applyBulk(upserts: readonly EventEntry[], removals: Iterable<string>): EventChanges {
    const grown: Row[] = [];
    for (const id of removals) {
      const row = this.rowOf.get(id);
      if (!row) continue;
      this.rowOf.delete(id);
      row.members.delete(id);
      this.summarise(row);
      if (row.members.size === 0) this.rows.delete(row.key);
    }
    const counts = new Map<Row, number>();
    for (const entry of upserts) {
      const previous = this.rowOf.get(entry.id);
      const key = rowKey(entry);
      if (previous && previous.key !== key) {
        previous.members.delete(entry.id);
        this.summarise(previous);
        if (previous.members.size === 0) this.rows.delete(previous.key);
      }
      const row = this.rows.get(key) ?? this.newRow(key, entry);
      if (!counts.has(row)) counts.set(row, row.count);
      row.members.set(entry.id, entry);
      this.rowOf.set(entry.id, row);
    }
    for (const [row, count] of counts) {
      this.summarise(row);
      if (row.count > count) grown.push(row);
    }
    this.all.length = 0;
    for (const row of this.rows.values()) this.all.push(row);
    this.all.sort((a, b) => (before(a, b) ? -1 : 1));
    this.visible = this.all.filter((row) => this.matches(row));
    this.regroup();
    return { root: true, groups: new Set(), grown };
  }

  /** The children of an element, newest first, at most `limit` and a "more" item. */
  children(item?: EventItem): EventItem[] {
    if (item === undefined) {
      if (this.grouping === 'none') return this.page(this.visible, undefined);
      return this.orderedGroups();
    }
    if (item.type !== 'group') return [];
    const group = this.groups.get(item.key);
    return group ? this.page(group.rows, group) : [];
  }

  parent(item: EventItem): EventItem | undefined {
    if (item.type === 'row') return (item as Row).group;
    if (item.type === 'more') return item.parent;
    return undefined;
  }

  /** The row an Event is folded into. */
  rowOfEvent(id: string): EventRow | undefined {
    return this.rowOf.get(id);
  }

  /** Every visible row, newest first. */
  visibleRows(): readonly EventRow[] {
    return this.visible;
  }

  /** Values present in the rows (for pick lists), with how many rows have each. */
  facets(): EventFacets {
    const facets: EventFacets = { types: new Map(), namespaces: new Map(), kinds: new Map(), reasons: new Map() };
    const bump = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
    for (const row of this.all) {
      bump(facets.types, row.eventType);
      bump(facets.namespaces, row.namespace);
      bump(facets.kinds, row.object.kind);
      bump(facets.reasons, row.reason);
    }
    return facets;
  }

  private page(list: readonly Row[], parent: Group | undefined): EventItem[] {
    if (list.length <= this.limit) return list.slice();
    const shown: EventItem[] = list.slice(0, this.limit);
    shown.push({ type: 'more', parent, hidden: list.length - this.limit });
    return shown;
  }

  private upsertEntry(entry: EventEntry, changes: { root: boolean; groups: Set<Group>; grown: Row[] }): void {
    const previous = this.rowOf.get(entry.id);
    const key = rowKey(entry);
    if (previous && previous.key !== key) this.removeEntry(entry.id, changes);
    const existing = this.rows.get(key);
    const row = existing ?? this.newRow(key, entry);
    const countBefore = existing ? row.count : 0;
    this.unplace(row, changes);
    row.members.set(entry.id, entry);
    this.rowOf.set(entry.id, row);
    this.summarise(row);
    this.place(row, changes);
    if (row.count > countBefore) changes.grown.push(row);
  }

  private removeEntry(id: string, changes: { root: boolean; groups: Set<Group> }): void {
    const row = this.rowOf.get(id);
    if (!row) return;
    this.rowOf.delete(id);
    this.unplace(row, changes);
    row.members.delete(id);
    if (row.members.size === 0) {
      this.rows.delete(row.key);
      return;
    }
    this.summarise(row);
    this.place(row, changes);
  }

  private newRow(key: string, entry: EventEntry): Row {
    const row: Row = {
      type: 'row',
      key,
      reason: entry.reason,
      message: entry.message,
      eventType: entry.type,
      namespace: entry.namespace,
      object: entry.object,
      source: entry.source,
      count: 0,
      firstSeen: 0,
      lastSeen: 0,
      events: 0,
      members: new Map(),
      haystack: [entry.message, entry.reason, entry.type, objectLabel(entry.object), entry.source].join('\n').toLowerCase(),
      group: undefined,
    };
    this.rows.set(key, row);
    return row;
  }

  /** Sums a row's members: a handful at most, so recomputing is cheaper than bookkeeping. */
  private summarise(row: Row): void {
    let count = 0;
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (const member of row.members.values()) {
      count += member.count;
      first = Math.min(first, member.firstSeen);
      last = Math.max(last, member.lastSeen);
    }
    row.count = count;
    row.firstSeen = Number.isFinite(first) ? first : 0;
    row.lastSeen = last;
    row.events = row.members.size;
  }

  /** Takes a row out of every sorted list (while it still has the sort values it was placed with). */
  private unplace(row: Row, changes: { root: boolean; groups: Set<Group> }): void {
    if (row.members.size === 0) return;
    remove(this.all, row);
    if (!this.matches(row)) return;
    remove(this.visible, row);
    this.leaveGroup(row, changes);
    if (this.grouping === 'none') changes.root = true;
  }

  private place(row: Row, changes: { root: boolean; groups: Set<Group> }): void {
    insert(this.all, row);
    if (!this.matches(row)) return;
    insert(this.visible, row);
    this.joinGroup(row, changes);
    if (this.grouping === 'none') changes.root = true;
  }

  private leaveGroup(row: Row, changes: { groups: Set<Group> }): void {
    const group = row.group;
    if (!group) return;
    remove(group.rows, row);
    row.group = undefined;
    group.size = group.rows.length;
    if (row.eventType === 'Warning') group.warnings--;
    group.lastSeen = group.rows[0]?.lastSeen ?? 0;
    changes.groups.add(group);
    this.groupOrder = undefined;
  }

  private joinGroup(row: Row, changes: { groups: Set<Group> }): void {
    const key = this.groupKey(row);
    if (key === undefined) return;
    let group = this.groups.get(key);
    if (!group) {
      group = { type: 'group', key, label: this.groupLabel(row), size: 0, warnings: 0, lastSeen: 0, rows: [] };
      this.groups.set(key, group);
    }
    insert(group.rows, row);
    row.group = group;
    group.size = group.rows.length;
    if (row.eventType === 'Warning') group.warnings++;
    group.lastSeen = group.rows[0]!.lastSeen;
    changes.groups.add(group);
    this.groupOrder = undefined;
  }

  private groupKey(row: Row): string | undefined {
    switch (this.grouping) {
      case 'none':
        return undefined;
      case 'namespace':
        return row.namespace;
      case 'reason':
        return row.reason;
      case 'object': {
        const o = row.object;
        return [o.group, o.kind, o.namespace, o.name].join('/');
      }
    }
  }

  private groupLabel(row: Row): string {
    if (this.grouping === 'namespace') return row.namespace || l10n.t('(cluster-scoped)');
    if (this.grouping === 'reason') return row.reason || l10n.t('(no reason)');
    return objectLabel(row.object);
  }

  private regroup(): void {
    this.groups = new Map();
    this.groupOrder = undefined;
    for (const row of this.all) row.group = undefined;
    if (this.grouping === 'none') return;
    // `visible` is in order, so each group's rows are appended in order: no sort.
    for (const row of this.visible) {
      const key = this.groupKey(row)!;
      let group = this.groups.get(key);
      if (!group) {
        group = { type: 'group', key, label: this.groupLabel(row), size: 0, warnings: 0, lastSeen: row.lastSeen, rows: [] };
        this.groups.set(key, group);
      }
      group.rows.push(row);
      row.group = group;
      group.size++;
      if (row.eventType === 'Warning') group.warnings++;
    }
  }

  /** Groups by their newest row, newest first; cached until a group changes. */
  private orderedGroups(): Group[] {
    this.groupOrder ??= [...this.groups.values()].sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.groupOrder;
  }

  private matches(row: Row): boolean {
    const f = this.filter;
    if (f.types?.size && !f.types.has(row.eventType)) return false;
    if (f.namespaces?.size && !f.namespaces.has(row.namespace)) return false;
    if (f.kinds?.size && !f.kinds.has(row.object.kind)) return false;
    if (f.reasons?.size && !f.reasons.has(row.reason)) return false;
    return this.text === '' || row.haystack.includes(this.text);
  }
}

/** "4m ago": as `kubectl get events` shows LAST SEEN. */
export function ago(ms: number, now: number = Date.now()): string {
  if (ms <= 0) return l10n.t('unknown');
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return l10n.t('{0}s ago', seconds);
  if (seconds < 3600) return l10n.t('{0}m ago', Math.floor(seconds / 60));
  if (seconds < 86_400) return l10n.t('{0}h ago', Math.floor(seconds / 3600));
  return l10n.t('{0}d ago', Math.floor(seconds / 86_400));
}
