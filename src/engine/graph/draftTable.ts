import type { RefClaim, SelectorClaim } from '../relations/types.js';
import { IntColumn, SlotPool } from './idTable.js';

export type Claim = RefClaim | SelectorClaim;

export const NONE = -1;

const BY_SELECTOR = 1;
const OPTIONAL = 2;
const CONTROLLER = 4;
const REVERSE = 8;

/**
 * Producers' contributions to edges ("drafts"), as two linked lists threaded through columns: one through the
 * drafts of each edge (merged when the edge is materialized), one through the drafts of each producer (replaced
 * when the producer changes). No object per draft: a cluster holds hundreds of thousands. A reference keeps only
 * what merging reads (via, uid, flags) unless it carries more (a grant, an attachment, a synthetic peer): its
 * target is the edge's other end.
 */
export class DraftTable {
  private readonly pool = new SlotPool();
  private readonly edgeOf = new IntColumn(4096, NONE);
  private readonly producerOf = new IntColumn(4096, NONE);
  private readonly nextInEdge = new IntColumn(4096, NONE);
  private readonly nextOfProducer = new IntColumn(4096, NONE);
  private readonly flags = new IntColumn(4096, 0);
  private readonly vias: (string | undefined)[] = [];
  private readonly uids: (string | undefined)[] = [];
  /** Selector claims, and the few reference claims with more than the columns hold. */
  private readonly claims: (Claim | undefined)[] = [];
  private readonly producerHead = new IntColumn(1024, NONE);
  private readonly edgeHead = new IntColumn(4096, NONE);

  reserve(producers: number, drafts: number, edges: number): void {
    for (const column of [this.edgeOf, this.producerOf, this.nextInEdge, this.nextOfProducer, this.flags]) column.reserve(drafts);
    this.producerHead.reserve(producers);
    this.edgeHead.reserve(edges);
  }

  addRef(producer: number, edge: number, claim: RefClaim): void {
    const draft = this.link(producer, edge);
    this.flags.set(draft, (claim.optional ? OPTIONAL : 0) | (claim.controller ? CONTROLLER : 0) | (claim.reverse ? REVERSE : 0));
    this.vias[draft] = claim.via;
    this.uids[draft] = claim.uid;
    this.claims[draft] = claim.grant || claim.attach || claim.synthetic ? claim : undefined;
  }

  addSelected(producer: number, edge: number, claim: SelectorClaim): void {
    const draft = this.link(producer, edge);
    this.flags.set(draft, BY_SELECTOR);
    this.vias[draft] = claim.via;
    this.uids[draft] = undefined;
    this.claims[draft] = claim;
  }

  private link(producer: number, edge: number): number {
    const draft = this.pool.take();
    this.edgeOf.set(draft, edge);
    this.producerOf.set(draft, producer);
    this.nextInEdge.set(draft, this.edgeHead.get(edge));
    this.edgeHead.set(edge, draft);
    this.nextOfProducer.set(draft, this.producerHead.get(producer));
    this.producerHead.set(producer, draft);
    return draft;
  }

  /** Removes the drafts of `producer` that `matches` accepts (all when omitted), reporting the edges they fed. */
  remove(producer: number, touched: (edge: number) => void, matches?: (draft: number) => boolean): void {
    let previous = NONE;
    for (let draft = this.producerHead.get(producer); draft !== NONE;) {
      const next = this.nextOfProducer.get(draft);
      if (matches && !matches(draft)) {
        previous = draft;
      } else {
        if (previous === NONE) this.producerHead.set(producer, next);
        else this.nextOfProducer.set(previous, next);
        const edge = this.edgeOf.get(draft);
        this.unlinkFromEdge(draft, edge);
        this.claims[draft] = undefined;
        this.vias[draft] = undefined;
        this.uids[draft] = undefined;
        this.pool.give(draft);
        touched(edge);
      }
      draft = next;
    }
  }

  firstOfEdge(edge: number): number {
    return this.edgeHead.get(edge);
  }

  nextOfEdge(draft: number): number {
    return this.nextInEdge.get(draft);
  }

  firstOfProducer(producer: number): number {
    return this.producerHead.get(producer);
  }

  nextOfSameProducer(draft: number): number {
    return this.nextOfProducer.get(draft);
  }

  selectorClaim(draft: number): SelectorClaim {
    return this.claims[draft] as SelectorClaim;
  }

  /** The whole claim of a reference that carries more than the columns hold; undefined for most references. */
  fullRef(draft: number): RefClaim | undefined {
    return this.bySelector(draft) ? undefined : (this.claims[draft] as RefClaim | undefined);
  }

  via(draft: number): string {
    return this.vias[draft]!;
  }

  uid(draft: number): string | undefined {
    return this.uids[draft];
  }

  isOptional(draft: number): boolean {
    return (this.flags.get(draft) & OPTIONAL) !== 0;
  }

  isController(draft: number): boolean {
    return (this.flags.get(draft) & CONTROLLER) !== 0;
  }

  /** Drawn target → source (an owner above its child): the referenced object is the edge's source. */
  isReverse(draft: number): boolean {
    return (this.flags.get(draft) & REVERSE) !== 0;
  }

  producer(draft: number): number {
    return this.producerOf.get(draft);
  }

  edge(draft: number): number {
    return this.edgeOf.get(draft);
  }

  bySelector(draft: number): boolean {
    return (this.flags.get(draft) & BY_SELECTOR) !== 0;
  }

  private unlinkFromEdge(draft: number, edge: number): void {
    let previous = NONE;
    for (let current = this.edgeHead.get(edge); current !== NONE; current = this.nextInEdge.get(current)) {
      if (current === draft) {
        if (previous === NONE) this.edgeHead.set(edge, this.nextInEdge.get(draft));
        else this.nextInEdge.set(previous, this.nextInEdge.get(draft));
        return;
      }
      previous = current;
    }
  }
}
