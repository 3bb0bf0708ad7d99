/**
 * Object ids as small integers, so the graph's hot structures are typed arrays and number-keyed maps instead of
 * maps keyed by long strings. Reference-counted: a number is recycled once nothing holds it, so a cluster whose
 * pods churn for weeks does not grow the table.
 */
export class IdTable {
  private readonly numbers = new Map<string, number>();
  private readonly names: (string | undefined)[] = [];
  private readonly references = new IntColumn(1024, 0);
  private readonly recycled: number[] = [];

  /** The number of `name`, held once more by the caller. */
  acquire(name: string): number {
    let id = this.numbers.get(name);
    if (id === undefined) {
      id = this.recycled.pop() ?? this.names.length;
      this.numbers.set(name, id);
      this.names[id] = name;
    }
    this.references.set(id, this.references.get(id) + 1);
    return id;
  }

  retain(id: number): void {
    this.references.set(id, this.references.get(id) + 1);
  }

  release(id: number): void {
    const left = this.references.get(id) - 1;
    this.references.set(id, left);
    if (left > 0) return;
    this.numbers.delete(this.names[id]!);
    this.names[id] = undefined;
    this.recycled.push(id);
  }

  /** Room for `count` ids up front (a full build knows its size: no regrowing the columns as it goes). */
  reserve(count: number): void {
    this.references.reserve(count);
  }

  /** How many hold `id` (0 once it is recycled): right after an `acquire`, 1 means the name had no number before. */
  holders(id: number): number {
    return this.references.get(id);
  }

  lookup(name: string): number | undefined {
    return this.numbers.get(name);
  }

  name(id: number): string {
    return this.names[id]!;
  }

  /** Ids in use (for tests: a table that only grows is a leak). */
  get size(): number {
    return this.numbers.size;
  }
}

/** A growable Int32Array with a default value for unwritten positions. */
export class IntColumn {
  private data: Int32Array;

  constructor(
    initial: number,
    private readonly empty: number,
  ) {
    this.data = new Int32Array(initial);
    if (empty !== 0) this.data.fill(empty);
  }

  get(index: number): number {
    return index < this.data.length ? this.data[index]! : this.empty;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.grow(index);
    this.data[index] = value;
  }

  reserve(length: number): void {
    if (length > this.data.length) this.grow(length - 1);
  }

  /** By half again, not double: columns are most of the engine's heap, and doubling leaves up to half of it unused. */
  private grow(index: number): void {
    let length = Math.ceil(this.data.length * 1.5);
    while (length <= index) length = Math.ceil(length * 1.5);
    const next = new Int32Array(length);
    next.set(this.data);
    if (this.empty !== 0) next.fill(this.empty, this.data.length);
    this.data = next;
  }
}

/** Slot numbers for a columnar table: freed slots are reused first. */
export class SlotPool {
  private readonly freed: number[] = [];
  private high = 0;

  take(): number {
    return this.freed.pop() ?? this.high++;
  }

  give(slot: number): void {
    this.freed.push(slot);
  }

  /** One past the highest slot ever taken (iterate `0 ≤ slot < end`, skipping freed ones). */
  get end(): number {
    return this.high;
  }
}
