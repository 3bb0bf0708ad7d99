/** A fixed-capacity ring: pushing into a full ring drops the oldest item, so memory stays bounded however long a stream runs. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Items pushed out by newer ones since the ring was created. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, not ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
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
  }
}
