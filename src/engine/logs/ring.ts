/** A budget on the items' total weight (a log line's length), besides their count. */
export interface RingWeight<T> {
  readonly max: number;
  readonly of: (item: T) => number;
}

/**
 * A fixed-capacity ring: pushing into a full ring drops the oldest item, so memory stays bounded however long a
 * stream runs. With a weight budget it also drops the oldest items while the kept ones weigh more than the budget
 * (the newest item is always kept), because a count alone does not bound memory when items are megabytes each.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  private weight = 0;
  /** Items pushed out by newer ones since the ring was created. */
  dropped = 0;

  constructor(
    readonly capacity: number,
    private readonly budget?: RingWeight<T>,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, not ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  /** The kept items' total weight (0 without a budget). */
  get totalWeight(): number {
    return this.weight;
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.capacity) this.dropOldest();
    this.items[(this.start + this.count) % this.capacity] = item;
    this.count++;
    if (!this.budget) return;
    this.weight += this.budget.of(item);
    while (this.weight > this.budget.max && this.count > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const oldest = this.items[this.start]!;
    if (this.budget) this.weight -= this.budget.of(oldest);
    this.items[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    this.dropped++;
  }

  /** Oldest first. */
  *values(): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.start + i) % this.capacity]!;
  }

  /** The item at `index` from the oldest (0) to the newest (size - 1). */
  at(index: number): T | undefined {
    return index >= 0 && index < this.count ? this.items[(this.start + index) % this.capacity] : undefined;
  }

  /** The newest `n` items, oldest first. */
  last(n: number): T[] {
    const take = Math.min(n, this.count);
    const out = new Array<T>(take);
    for (let i = 0; i < take; i++) out[i] = this.items[(this.start + this.count - take + i) % this.capacity]!;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.weight = 0;
  }
}
