import type { BrokenReason, EdgeType, TopologyEdge, TopologyNode } from '../model/graph.js';
import type { RefClaim, SelectorClaim } from '../relations/types.js';
import type { DeltaTracker, EdgeBefore } from './delta.js';
import type { HeldObjects } from './heldObjects.js';
import { DraftTable, NONE } from './draftTable.js';
import { EdgeTable, brokenCode, typeCode, type MergedEdge } from './edgeTable.js';
import { IntColumn, type IdTable } from './idTable.js';
import { placeholderNode } from './nodes.js';
import { resolveRef, type RefOutcome, type ResolveContext } from './resolve.js';

const BROKEN_PRIORITY: readonly BrokenReason[] = ['not-permitted', 'missing', 'uid-mismatch'];

/**
 * Nodes and edges as drawn: edges merged from producers' drafts, placeholder nodes for absent endpoints.
 * Every write goes through here so the delta tracker sees it. `touched` sets collect the edges a change feeds;
 * the bulk path of a full build passes none and materializes everything once with `materializeAll`.
 */
export class GraphState {
  private readonly edges: EdgeTable;
  private readonly drafts = new DraftTable();
  private readonly nodes: (TopologyNode | undefined)[] = [];
  private readonly degree = new IntColumn(1024, 0);
  tracker: DeltaTracker | undefined;
  private readonly scratch: MergedEdge = { drawn: false, controller: false, broken: 0, referrer: -1, via: '' };
  private readonly scratchRef: { -readonly [K in keyof RefClaim]: RefClaim[K] } = {
    type: 'owns',
    target: '',
    via: '',
    optional: false,
    uid: undefined,
  };

  constructor(
    private readonly ids: IdTable,
    private readonly context: ResolveContext,
    private readonly held: HeldObjects,
  ) {
    this.edges = new EdgeTable(ids);
  }

  /** Room for a full build of `objects` (clusters average three to four edges per object). */
  reserve(objects: number): void {
    const ids = Math.ceil(objects * 1.1);
    const edges = Math.ceil(objects * 3.5);
    this.degree.reserve(ids);
    this.edges.reserve(ids, edges);
    this.drafts.reserve(ids, edges, edges);
  }

  addRef(producer: number, claim: RefClaim, touched?: Set<number>): void {
    const target = this.ids.acquire(claim.target);
    const type = typeCode(claim.type);
    const slot = claim.reverse ? this.edges.open(target, type, producer) : this.edges.open(producer, type, target);
    this.ids.release(target);
    this.drafts.addRef(producer, slot, claim);
    touched?.add(slot);
  }

  addSelected(producer: number, claim: SelectorClaim, selected: number, touched?: Set<number>): void {
    const slot = this.edges.open(producer, typeCode(claim.type), selected);
    this.drafts.addSelected(producer, slot, claim);
    touched?.add(slot);
  }

  clearProducer(producer: number, touched: Set<number>): void {
    this.drafts.remove(producer, (slot) => touched.add(slot));
  }

  /** Replaces what `producer`'s selectors contribute towards the one object `target`; touches only those edges. */
  replaceSelected(producer: number, target: number, claims: readonly SelectorClaim[]): void {
    const towardsTarget = (draft: number): boolean =>
      this.drafts.bySelector(draft) && this.edges.target(this.drafts.edge(draft)) === target;
    const previous: SelectorClaim[] = [];
    for (let draft = this.drafts.firstOfProducer(producer); draft !== NONE; draft = this.drafts.nextOfSameProducer(draft)) {
      if (towardsTarget(draft)) previous.push(this.drafts.selectorClaim(draft));
    }
    if (previous.length === claims.length && claims.every((claim) => previous.includes(claim))) return;
    const touched = new Set<number>();
    if (previous.length) this.drafts.remove(producer, (slot) => touched.add(slot), towardsTarget);
    for (const claim of claims) this.addSelected(producer, claim, target, touched);
    this.materialize(touched);
  }

  /**
   * Adds to `touched` the edges where a producer not in `skip` references `id` (re-resolved when it appears, changes or
   * goes): a reference's target is one end of its edge (the source end for owners, drawn reversed).
   */
  touchReferencing(id: number, skip: ReadonlySet<number>, touched: Set<number>): void {
    for (let slot = this.edges.firstInto(id); slot !== -1; slot = this.edges.nextInto(slot))
      this.touchIfReferencing(slot, id, skip, touched);
    for (let slot = this.edges.firstOutOf(id); slot !== -1; slot = this.edges.nextOutOf(slot))
      this.touchIfReferencing(slot, id, skip, touched);
  }

  private touchIfReferencing(slot: number, id: number, skip: ReadonlySet<number>, touched: Set<number>): void {
    for (let draft = this.drafts.firstOfEdge(slot); draft !== NONE; draft = this.drafts.nextOfEdge(draft)) {
      if (!this.drafts.bySelector(draft) && this.referencedEnd(slot, draft) === id && !skip.has(this.drafts.producer(draft))) {
        touched.add(slot);
        return;
      }
    }
  }

  materializeAll(): void {
    for (let slot = 0; slot < this.edges.end; slot++) this.materializeOne(slot);
  }

  materialize(slots: Iterable<number>): void {
    for (const slot of slots) this.materializeOne(slot);
  }

  /** Re-reads an object's node; for an id without an object, keeps a placeholder while edges touch it. */
  refreshNode(name: string): void {
    const id = this.ids.lookup(name);
    if (id !== undefined) this.refresh(id);
  }

  refreshNodeAt(id: number): void {
    this.refresh(id);
  }

  node(name: string): TopologyNode | undefined {
    const id = this.ids.lookup(name);
    return id === undefined ? undefined : this.nodes[id];
  }

  /** The slot drawing `before`'s edge now: its own while it holds the same ends, else where the change moved it. */
  drawnSlotOf(before: EdgeBefore): number | undefined {
    const own = before.slot;
    if (this.edges.inUse(own) && this.holdsEnds(own, before.source, before.type, before.target)) {
      return this.edges.isLive(own) ? own : undefined;
    }
    const from = this.ids.lookup(before.source);
    const to = this.ids.lookup(before.target);
    const slot = from === undefined || to === undefined ? undefined : this.edges.find(from, typeCode(before.type), to);
    return slot !== undefined && this.edges.isLive(slot) ? slot : undefined;
  }

  unchangedAt(slot: number, before: EdgeBefore): boolean {
    return this.edges.holdsNote(slot, before);
  }

  nodeAt(id: number): TopologyNode | undefined {
    return this.nodes[id];
  }

  edgeAt(slot: number): TopologyEdge | undefined {
    return this.edges.inUse(slot) && this.edges.isLive(slot) ? this.edges.toEdge(slot) : undefined;
  }

  allNodes(): TopologyNode[] {
    return this.nodes.filter((node): node is TopologyNode => node !== undefined);
  }

  allEdges(): TopologyEdge[] {
    const result: TopologyEdge[] = [];
    for (let slot = 0; slot < this.edges.end; slot++) if (this.edges.isLive(slot)) result.push(this.edges.toEdge(slot));
    return result;
  }

  /** Whether `slot` is the edge `source -type-> target` (a slot freed in a change may be reused for another edge). */
  private holdsEnds(slot: number, source: string, type: EdgeType, target: string): boolean {
    return (
      this.edges.type(slot) === type &&
      this.ids.name(this.edges.source(slot)) === source &&
      this.ids.name(this.edges.target(slot)) === target
    );
  }

  private materializeOne(slot: number): void {
    if (!this.edges.inUse(slot)) return;
    const merged = this.merge(slot);
    const wasLive = this.edges.isLive(slot);
    if (!this.edges.holds(slot, merged)) {
      this.tracker?.noteSlot(slot, !wasLive, this.edges);
      this.edges.write(slot, merged);
      if (!wasLive && merged.drawn) this.adjustDegree(slot, 1);
      if (wasLive && !merged.drawn) this.adjustDegree(slot, -1);
    }
    if (!merged.drawn && this.drafts.firstOfEdge(slot) === NONE) this.edges.close(slot);
  }

  /** Merges the drafts of `slot` into the one scratch value (read before the next merge). */
  private merge(slot: number): MergedEdge {
    let drawn = false;
    let controller = false;
    let brokenMask = 0;
    let referrer = -1;
    let via: string | string[] | undefined;
    for (let draft = this.drafts.firstOfEdge(slot); draft !== NONE; draft = this.drafts.nextOfEdge(draft)) {
      const bySelector = this.drafts.bySelector(draft);
      const outcome = bySelector ? 'ok' : this.resolveDraft(slot, draft);
      if (outcome === 'skip') continue;
      drawn = true;
      via = withVia(via, this.drafts.via(draft));
      if (!bySelector && this.drafts.isController(draft)) controller = true;
      if (outcome === 'ok') continue;
      brokenMask |= 1 << brokenCode(outcome);
      const producer = this.drafts.producer(draft);
      if (referrer === -1 || this.ids.name(producer) < this.ids.name(referrer)) referrer = producer;
    }
    const merged = this.scratch;
    merged.drawn = drawn;
    if (!drawn) return merged;
    const reason = brokenMask === 0 ? undefined : firstBroken(brokenMask);
    merged.controller = controller;
    merged.broken = reason ? brokenCode(reason) : 0;
    merged.referrer = reason ? referrer : -1;
    merged.via = typeof via === 'string' ? via : via!.sort();
    return merged;
  }

  /** The end of `slot` a reference draft names: its target, or its source when drawn reversed (an owner above its child). */
  private referencedEnd(slot: number, draft: number): number {
    return this.drafts.isReverse(draft) ? this.edges.source(slot) : this.edges.target(slot);
  }

  /** Resolves a reference draft: its whole claim when it kept one, otherwise the scratch claim filled from its columns. */
  private resolveDraft(slot: number, draft: number): RefOutcome {
    const target = this.referencedEnd(slot, draft);
    const kept = this.drafts.fullRef(draft);
    if (kept) return resolveRef(kept, target, this.context);
    const claim = this.scratchRef;
    claim.target = this.ids.name(target);
    claim.optional = this.drafts.isOptional(draft);
    claim.uid = this.drafts.uid(draft);
    return resolveRef(claim, target, this.context);
  }

  /**
   * The node of an id without an object: its placeholder (kept if it has one) while edges touch it. A method, not a
   * closure: this runs for every node a change touches.
   */
  private absentNode(id: number, before: TopologyNode | undefined): TopologyNode | undefined {
    if (this.degree.get(id) === 0) return undefined;
    return before?.missing || before?.synthetic ? before : placeholderNode(this.ids.name(id));
  }

  private adjustDegree(slot: number, change: 1 | -1): void {
    const source = this.edges.source(slot);
    const target = this.edges.target(slot);
    this.bump(source, change);
    if (target !== source) this.bump(target, change);
  }

  private bump(id: number, change: 1 | -1): void {
    const degree = this.degree.get(id) + change;
    this.degree.set(id, degree);
    if (degree === 0 || (change === 1 && degree === 1 && !this.nodes[id])) this.refresh(id);
  }

  /** A drawn node holds its id, so the number is not recycled while the node is on the graph. */
  private refresh(id: number): void {
    const before = this.nodes[id];
    const node = this.held.nodeAt(id) ?? this.absentNode(id, before);
    if (before === node) return;
    if (this.tracker && !this.tracker.noteNumber(id, !before)) this.tracker.noteNode(this.ids.name(id), before);
    this.nodes[id] = node;
    if (!before) this.ids.retain(id);
    else if (!node) this.ids.release(id);
  }
}

/** The reason an edge is drawn broken, of those its drafts give (`mask`: a bit per reason code), by priority. */
function firstBroken(mask: number): BrokenReason | undefined {
  for (const reason of BROKEN_PRIORITY) if (mask & (1 << brokenCode(reason))) return reason;
  return undefined;
}

function withVia(via: string | string[] | undefined, reason: string): string | string[] {
  if (via === undefined || via === reason) return reason;
  if (typeof via === 'string') return [via, reason];
  if (!via.includes(reason)) via.push(reason);
  return via;
}
