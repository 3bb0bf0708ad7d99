import type { TopologyNode } from '../model/graph.js';
import type { ObjectRecord } from '../model/object.js';
import type { ScopeTable } from '../model/scope.js';
import { GrantIndex } from './grantIndex.js';
import type { IdTable } from './idTable.js';
import { nodeOf } from './nodes.js';
import { SelectableIndex } from './selectableIndex.js';

/**
 * The objects the engine holds, by their id's number (no second map keyed by the long id strings), with what each
 * one's presence feeds: its node, the selectable index and the ReferenceGrant index. A held object holds its id.
 */
export class HeldObjects {
  private readonly records: (ObjectRecord | undefined)[] = [];
  /** Each object's node, made once per change of the object: graph() at 100K objects would otherwise make them all. */
  private readonly nodes: (TopologyNode | undefined)[] = [];
  private count = 0;
  readonly index = new SelectableIndex();
  readonly grants = new GrantIndex();

  constructor(private readonly ids: IdTable) {}

  get size(): number {
    return this.count;
  }

  /** One past the highest id number an object has had here (iterate `0 ≤ id < end`, skipping empty ones). */
  get end(): number {
    return this.records.length;
  }

  at(id: number | undefined): ObjectRecord | undefined {
    return id === undefined ? undefined : this.records[id];
  }

  nodeAt(id: number): TopologyNode | undefined {
    return this.nodes[id];
  }

  *live(): IterableIterator<ObjectRecord> {
    for (const record of this.records) if (record) yield record;
  }

  add(record: ObjectRecord, scopes: ScopeTable): void {
    this.hold(this.ids.acquire(record.id), record, scopes);
  }

  /** `add`, for a caller that already has `id` for the record (held once more here, for the record). */
  addAt(id: number, record: ObjectRecord, scopes: ScopeTable): void {
    this.ids.retain(id);
    this.hold(id, record, scopes);
  }

  /** The record's hold on `id` is taken by the caller. */
  private hold(id: number, record: ObjectRecord, scopes: ScopeTable): void {
    this.records[id] = record;
    this.nodes[id] = nodeOf(record, scopes);
    this.count++;
    this.index.add(record, id);
    this.grants.add(record);
  }

  remove(record: ObjectRecord): void {
    this.count--;
    const id = this.ids.lookup(record.id)!;
    this.records[id] = undefined;
    this.nodes[id] = undefined;
    this.ids.release(id);
    this.index.remove(record, id);
    this.grants.remove(record);
  }
}
