export function time(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/**
 * The fastest of `runs` timings of `work` on a fresh `prepare()`d input. Every timed run starts from a collected heap
 * (parse and build alike): the previous round's garbage is never collected inside a timed run, so neither side of a
 * ratio pays for the other's.
 */
export function bestOf<T>(runs: number, prepare: () => T, work: (input: T) => unknown): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const input = prepare();
    heapUsedMb();
    const start = performance.now();
    work(input);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

/** Heap in MB after a full collection (run node with --expose-gc). */
export function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
