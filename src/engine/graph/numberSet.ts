import { IntColumn } from './idTable.js';

/** Where a change collects numbers, such as the edge slots it touched: a Set, or a NumberSet. */
export interface NumberSink {
  add(value: number): unknown;
}

/** Marks reach this before they start again from zero (2^31 changes: in practice never). */
const LAST_MARK = 2 ** 31 - 1;

/**
 * A set of small non-negative numbers (edge slots, id numbers) that an engine empties and fills again, change after
 * change: a mark per number instead of a hash table, members in the order added, emptied at once by moving the mark.
 * The sets each list page made and grew (its ids, the slots it touched, the slots and numbers its delta notes) were
 * a tenth of a first list's garbage.
 */
export class NumberSet implements Iterable<number> {
  private readonly marks = new IntColumn(1024, 0);
  private mark = 1;
  /** Members are `members[0 ≤ i < count]`: the array keeps its length when emptied, so a page refills it in place. */
  private readonly members: number[] = [];
  private count = 0;

  add(value: number): this {
    if (this.marks.get(value) !== this.mark) {
      this.marks.set(value, this.mark);
      if (this.count < this.members.length) this.members[this.count] = value;
      else this.members.push(value);
      this.count++;
    }
    return this;
  }

  has(value: number): boolean {
    return this.marks.get(value) === this.mark;
  }

  get size(): number {
    return this.count;
  }

  /** The member added `index`th (0 ≤ index < size): hot loops go through members by index, with no iterator. */
  at(index: number): number {
    return this.members[index]!;
  }

  clear(): void {
    this.count = 0;
    if (this.mark === LAST_MARK) {
      this.marks.reset();
      this.mark = 0;
    }
    this.mark++;
  }

  /** Members in the order added; one added while iterating is visited too (as with a Set). */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.members[index]!;
  }
}
