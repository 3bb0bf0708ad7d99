import type { BrokenReason, EdgeType, TopologyEdge } from '../model/graph.js';
import { EDGE_TYPES, edgeId } from '../model/graph.js';
import type { EdgeBefore } from './delta.js';
import { IntColumn, SlotPool, type IdTable } from './idTable.js';

const TYPE_CODES = new Map(EDGE_TYPES.map((type, code) => [type, code]));
const BROKEN_REASONS: readonly (BrokenReason | undefined)[] = [undefined, 'missing', 'not-permitted', 'uid-mismatch'];

/** Within one source, (target, type) packs into a small integer: ids below 2^25, types below 2^5. */
const ID_LIMIT = 2 ** 25;
const TYPE_LIMIT = 32;
/** A source with more edges than this gets a map from (target, type) to slot instead of a list scan. */
const WIDE = 12;

export function typeCode(type: EdgeType): number {
  return TYPE_CODES.get(type)!;
}

export function brokenCode(reason: BrokenReason): number {
  return BROKEN_REASONS.indexOf(reason);
}

/** An edge as merged from its drafts, in the table's own codes (a reused scratch value: no object per edge). */
export interface MergedEdge {
  drawn: boolean;
  controller: boolean;
  broken: number;
  referrer: number;
  /** One reason (the common case) or several, sorted. */
  via: string | readonly string[];
}

const LIVE = 1;
const CONTROLLER = 2;
const BROKEN_SHIFT = 2;

/**
 * Every edge slot, drawn or not (an edge whose drafts all resolved to "skip" keeps its slot while drafts remain).
 * Columns instead of objects; a `TopologyEdge` is built only when someone asks for one.
 */
export class EdgeTable {
  private readonly pool = new SlotPool();
  /** Each source's edges as a doubly linked list (most objects have a handful); wide sources also get a map. */
  private readonly firstOut = new IntColumn(1024, -1);
  private readonly outCount = new IntColumn(1024, 0);
  private readonly nextOut = new IntColumn(4096, -1);
  private readonly previousOut = new IntColumn(4096, -1);
  /** Each target's edges, so whoever references an object is found from the object (no separate index). */
  private readonly firstIn = new IntColumn(1024, -1);
  private readonly nextIn = new IntColumn(4096, -1);
  private readonly previousIn = new IntColumn(4096, -1);
  private readonly wide = new Map<number, Map<number, number>>();
  private readonly sources = new IntColumn(4096, -1);
  private readonly targets = new IntColumn(4096, -1);
  private readonly types = new IntColumn(4096, 0);
  private readonly flags = new IntColumn(4096, 0);
  private readonly referrers = new IntColumn(4096, -1);
  private readonly vias: (string | readonly string[] | undefined)[] = [];

  constructor(private readonly ids: IdTable) {}

  reserve(ids: number, edges: number): void {
    for (const column of [this.firstOut, this.outCount, this.firstIn]) column.reserve(ids);
    for (const column of [
      this.nextOut,
      this.previousOut,
      this.nextIn,
      this.previousIn,
      this.sources,
      this.targets,
      this.types,
      this.flags,
      this.referrers,
    ]) {
      column.reserve(edges);
    }
  }

  find(source: number, type: number, target: number): number | undefined {
    const wide = this.wide.get(source);
    if (wide) return wide.get(key(type, target));
    for (let slot = this.firstOut.get(source); slot !== -1; slot = this.nextOut.get(slot)) {
      if (this.targets.get(slot) === target && this.types.get(slot) === type) return slot;
    }
    return undefined;
  }

  /** The slot of (source, type, target), created (holding both ids) when new. */
  open(source: number, type: number, target: number): number {
    const existing = this.find(source, type, target);
    if (existing !== undefined) return existing;
    const slot = this.pool.take();
    this.sources.set(slot, source);
    this.targets.set(slot, target);
    this.types.set(slot, type);
    this.flags.set(slot, 0);
    this.link(source, slot, type, target);
    this.ids.retain(source);
    this.ids.retain(target);
    return slot;
  }

  /** Frees a slot that is neither drawn nor fed by any draft. */
  close(slot: number): void {
    const source = this.sources.get(slot);
    const target = this.targets.get(slot);
    this.unlink(source, slot, this.types.get(slot), target);
    this.sources.set(slot, -1);
    this.vias[slot] = undefined;
    this.pool.give(slot);
    this.ids.release(source);
    this.ids.release(target);
  }

  source(slot: number): number {
    return this.sources.get(slot);
  }

  target(slot: number): number {
    return this.targets.get(slot);
  }

  type(slot: number): EdgeType {
    return EDGE_TYPES[this.types.get(slot)]!;
  }

  isLive(slot: number): boolean {
    return (this.flags.get(slot) & LIVE) !== 0;
  }

  /** Whether the drawn edge already is `merged` (undefined: not drawn). */
  holds(slot: number, merged: MergedEdge): boolean {
    if (!merged.drawn) return !this.isLive(slot);
    return this.flags.get(slot) === flagsOf(merged) && this.referrers.get(slot) === merged.referrer && sameVia(this.vias[slot], merged.via);
  }

  write(slot: number, merged: MergedEdge): void {
    this.flags.set(slot, merged.drawn ? flagsOf(merged) : 0);
    this.referrers.set(slot, merged.drawn ? merged.referrer : -1);
    this.vias[slot] = merged.drawn ? merged.via : undefined;
  }

  /** The drawn edge in `slot` as a change's delta notes it (delta.ts EdgeBefore). */
  noteOf(slot: number): EdgeBefore {
    const flags = this.flags.get(slot);
    const referrer = this.referrers.get(slot);
    return {
      source: this.ids.name(this.sources.get(slot)),
      type: EDGE_TYPES[this.types.get(slot)]!,
      target: this.ids.name(this.targets.get(slot)),
      slot,
      flags,
      referrer: referrer === -1 ? undefined : this.ids.name(referrer),
      via: this.vias[slot]!,
    };
  }

  /** Whether the drawn edge in `slot` is as `note` was (ends aside: the caller found the slot by them). */
  holdsNote(slot: number, note: EdgeBefore): boolean {
    const referrer = this.referrers.get(slot);
    return (
      this.flags.get(slot) === note.flags &&
      (referrer === -1 ? undefined : this.ids.name(referrer)) === note.referrer &&
      sameVia(this.vias[slot], note.via)
    );
  }

  /**
   * The edge as drawn. One literal per combination of optional fields, in the order serialization writes them: each
   * is made at its full size, where fields added afterwards grew a second store for most edges (owners are controllers).
   */
  toEdge(slot: number): TopologyEdge {
    const flags = this.flags.get(slot);
    const source = this.ids.name(this.sources.get(slot));
    const target = this.ids.name(this.targets.get(slot));
    const type = EDGE_TYPES[this.types.get(slot)]!;
    const stored = this.vias[slot]!;
    const id = edgeId(source, type, target);
    const via = typeof stored === 'string' ? [stored] : [...stored];
    const broken = BROKEN_REASONS[flags >> BROKEN_SHIFT];
    if (!broken) return flags & CONTROLLER ? { id, source, target, type, via, controller: true } : { id, source, target, type, via };
    const referrer = this.ids.name(this.referrers.get(slot));
    if (flags & CONTROLLER) return { id, source, target, type, via, controller: true, broken, referrer };
    return { id, source, target, type, via, broken, referrer };
  }

  /** Edges into `target`: iterate with `nextInto` until -1. */
  firstInto(target: number): number {
    return this.firstIn.get(target);
  }

  nextInto(slot: number): number {
    return this.nextIn.get(slot);
  }

  /** Edges out of `source`: iterate with `nextOutOf` until -1. */
  firstOutOf(source: number): number {
    return this.firstOut.get(source);
  }

  nextOutOf(slot: number): number {
    return this.nextOut.get(slot);
  }

  private link(source: number, slot: number, type: number, target: number): void {
    const firstIn = this.firstIn.get(target);
    this.nextIn.set(slot, firstIn);
    this.previousIn.set(slot, -1);
    if (firstIn !== -1) this.previousIn.set(firstIn, slot);
    this.firstIn.set(target, slot);
    const first = this.firstOut.get(source);
    this.nextOut.set(slot, first);
    this.previousOut.set(slot, -1);
    if (first !== -1) this.previousOut.set(first, slot);
    this.firstOut.set(source, slot);
    const count = this.outCount.get(source) + 1;
    this.outCount.set(source, count);
    const wide = this.wide.get(source);
    if (wide) wide.set(key(type, target), slot);
    else if (count > WIDE) this.widen(source);
  }

  private unlink(source: number, slot: number, type: number, target: number): void {
    const nextIn = this.nextIn.get(slot);
    const previousIn = this.previousIn.get(slot);
    if (previousIn === -1) this.firstIn.set(target, nextIn);
    else this.nextIn.set(previousIn, nextIn);
    if (nextIn !== -1) this.previousIn.set(nextIn, previousIn);
    const next = this.nextOut.get(slot);
    const previous = this.previousOut.get(slot);
    if (previous === -1) this.firstOut.set(source, next);
    else this.nextOut.set(previous, next);
    if (next !== -1) this.previousOut.set(next, previous);
    const count = this.outCount.get(source) - 1;
    this.outCount.set(source, count);
    const wide = this.wide.get(source);
    if (wide && count <= WIDE / 2) this.wide.delete(source);
    else wide?.delete(key(type, target));
  }

  private widen(source: number): void {
    const map = new Map<number, number>();
    for (let slot = this.firstOut.get(source); slot !== -1; slot = this.nextOut.get(slot)) {
      map.set(key(this.types.get(slot), this.targets.get(slot)), slot);
    }
    this.wide.set(source, map);
  }

  /** One past the highest slot: iterate `0 ≤ slot < end` with `inUse` and `isLive` (no iterator objects per edge). */
  get end(): number {
    return this.pool.end;
  }

  inUse(slot: number): boolean {
    return this.sources.get(slot) !== -1;
  }
}

function key(type: number, target: number): number {
  if (target >= ID_LIMIT) throw new Error(`topology holds more than ${ID_LIMIT} distinct objects`);
  return target * TYPE_LIMIT + type;
}

function flagsOf(merged: MergedEdge): number {
  return LIVE | (merged.controller ? CONTROLLER : 0) | (merged.broken << BROKEN_SHIFT);
}

function sameVia(a: string | readonly string[] | undefined, b: string | readonly string[]): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined) return a === b;
  return a.length === b.length && a.every((reason, index) => reason === b[index]);
}
