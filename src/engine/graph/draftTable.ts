import type { RefClaim, SelectorClaim } from '../relations/types.js';
import { IntColumn, SlotPool } from './idTable.js';

export type Claim = RefClaim | SelectorClaim;

export const NONE = -1;

/**
 * Producers' contributions to edges ("drafts"), as two linked lists threaded through columns: one through the
 * drafts of each edge (merged when the edge is materialized), one through the drafts of each producer (replaced
 * when the producer changes). No object per draft: a cluster holds hundreds of thousands.
 */
export class DraftTable {
  private readonly pool = new SlotPool();
  private readonly edgeOf = new IntColumn(4096, NONE);
  private readonly producerOf = new IntColumn(4096, NONE);
  private readonly nextInEdge = new IntColumn(4096, NONE);
  private readonly nextOfProducer = new IntColumn(4096, NONE);
  private readonly selectorFlag = new IntColumn(4096, 0);
  private readonly claims: (Claim | undefined)[] = [];
  private readonly producerHead = new IntColumn(1024, NONE);
  private readonly edgeHead = new IntColumn(4096, NONE);

  reserve(producers: number, drafts: number, edges: number): void {
    for (const column of [this.edgeOf, this.producerOf, this.nextInEdge, this.nextOfProducer, this.selectorFlag]) column.reserve(drafts);
    this.producerHead.reserve(producers);
    this.edgeHead.reserve(edges);
  }

  add(producer: number, edge: number, claim: Claim, bySelector: boolean): void {
    const draft = this.pool.take();
    this.edgeOf.set(draft, edge);
    this.producerOf.set(draft, producer);
    this.claims[draft] = claim;
    this.selectorFlag.set(draft, bySelector ? 1 : 0);
    this.nextInEdge.set(draft, this.edgeHead.get(edge));
    this.edgeHead.set(edge, draft);
    this.nextOfProducer.set(draft, this.producerHead.get(producer));
    this.producerHead.set(producer, draft);
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

  claim(draft: number): Claim {
    return this.claims[draft]!;
  }

  producer(draft: number): number {
    return this.producerOf.get(draft);
  }

  edge(draft: number): number {
    return this.edgeOf.get(draft);
  }

  bySelector(draft: number): boolean {
    return this.selectorFlag.get(draft) === 1;
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
