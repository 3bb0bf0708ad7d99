import { randomUUID } from 'node:crypto';
import type { FaultSpec } from './types.js';

/** mulberry32: tiny, fast and good enough to make "random" faults repeatable from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A v4-shaped uuid; drawn from the seeded generator when there is one, so uids repeat across runs. */
export function uuidFactory(random: (() => number) | undefined): () => string {
  if (!random) return () => randomUUID();
  return (): string => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

interface PendingFailure {
  remaining: number;
  spec: FaultSpec;
}

const DEFAULT_VERBS = ['list', 'watch'];

function matches(spec: FaultSpec, verb: string, path: string): boolean {
  if (!(spec.verbs ?? DEFAULT_VERBS).includes(verb)) return false;
  if (spec.path === undefined) return true;
  return typeof spec.path === 'string' ? path.includes(spec.path) : spec.path.test(path);
}

/** The injected faults in force; consulted once per resource request. */
export class Faults {
  private readonly pending: PendingFailure[] = [];
  private latencyMs = 0;
  private jitterMs = 0;
  private rate: { probability: number; spec: FaultSpec } | undefined;
  private readonly random: () => number;

  constructor(seed: number | undefined) {
    this.random = seed === undefined ? Math.random : seededRandom(seed ^ 0x5eed);
  }

  /** The next `count` matching requests fail with `spec`; queued rules are used in order. */
  failNext(count: number, spec: FaultSpec): void {
    if (count > 0) this.pending.push({ remaining: count, spec });
  }

  /** Each matching request fails with this probability (seeded, so reruns fail the same requests). */
  setFailureRate(probability: number, spec: FaultSpec): void {
    this.rate = probability > 0 ? { probability, spec } : undefined;
  }

  setLatency(ms: number, jitterMs = 0): void {
    this.latencyMs = Math.max(0, ms);
    this.jitterMs = Math.max(0, jitterMs);
  }

  clear(): void {
    this.pending.length = 0;
    this.rate = undefined;
    this.setLatency(0);
  }

  /** Milliseconds to hold the next response. */
  nextDelay(): number {
    return this.latencyMs + (this.jitterMs > 0 ? Math.floor(this.random() * this.jitterMs) : 0);
  }

  /** The fault for this request, consuming one from failNext when it matches. */
  take(verb: string, path: string): FaultSpec | undefined {
    const index = this.pending.findIndex((p) => matches(p.spec, verb, path));
    const pending = this.pending[index];
    if (pending) {
      if (--pending.remaining <= 0) this.pending.splice(index, 1);
      return pending.spec;
    }
    if (this.rate && matches(this.rate.spec, verb, path) && this.random() < this.rate.probability) return this.rate.spec;
    return undefined;
  }
}
