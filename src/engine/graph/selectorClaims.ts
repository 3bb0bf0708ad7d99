import type { SelectableClass, SelectorClaim } from '../relations/types.js';
import type { IdTable } from './idTable.js';
import type { Selectable } from './selectableIndex.js';
import { SelectorRegistry } from './selectorRegistry.js';

const NONE: readonly SelectorClaim[] = [];

/**
 * Each producer's selector claims by its id number (most objects have none; references live on in the drafts), and
 * the registry that finds them from a changed object. Stored claims hold their producer's number, so it outlives a
 * deleted record until its claims are replaced by none.
 */
export class SelectorClaims {
  private readonly byNumber: (readonly SelectorClaim[] | undefined)[] = [];
  private readonly registry = new SelectorRegistry<number>();

  constructor(private readonly ids: IdTable) {}

  of(producer: number): readonly SelectorClaim[] | undefined {
    return this.byNumber[producer];
  }

  replace(producer: number, selectors: readonly SelectorClaim[] = NONE): void {
    const previous = this.byNumber[producer];
    const next = selectors.length > 0 ? selectors : undefined;
    if (!previous && !next) return;
    if (previous) this.registry.unregister(producer, previous);
    this.byNumber[producer] = next;
    if (next) this.registry.register(producer, next);
    if (next && !previous) this.ids.retain(producer);
    if (previous && !next) this.ids.release(producer);
  }

  /** Adds to `into` the producers (id numbers) with a claim that may select `item` of class `cls`. */
  candidates(cls: SelectableClass, item: Selectable, into: Set<number>): void {
    this.registry.candidates(cls, item, into);
  }

  forEach(visit: (producer: number, selectors: readonly SelectorClaim[]) => void): void {
    for (let producer = 0; producer < this.byNumber.length; producer++) {
      const selectors = this.byNumber[producer];
      if (selectors) visit(producer, selectors);
    }
  }
}
