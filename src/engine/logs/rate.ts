/** Lines per second over the last few seconds, in whole-second buckets (no per-line allocation). */
export class RateMeter {
  private readonly buckets: number[];
  private readonly seconds: number[];

  constructor(private readonly windowSeconds = 5) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
    this.seconds = new Array<number>(windowSeconds).fill(-1);
  }

  add(count: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const slot = second % this.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.buckets[slot] = 0;
    }
    this.buckets[slot]! += count;
  }

  /** Average over the last full seconds (the current, partial second is left out). */
  perSecond(nowMs: number): number {
    const now = Math.floor(nowMs / 1000);
    let sum = 0;
    for (let i = 0; i < this.windowSeconds; i++) {
      const second = this.seconds[i]!;
      if (second < now && second >= now - (this.windowSeconds - 1)) sum += this.buckets[i]!;
    }
    return sum / (this.windowSeconds - 1);
  }
}
