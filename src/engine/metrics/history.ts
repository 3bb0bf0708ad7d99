/**
 * The last few polls of CPU and memory use per object, for the details panel's sparklines. Kept by the host for one
 * cluster connection (a context switch starts a new one), so a webview that was hidden and re-created still draws the
 * minutes before it came back.
 */
import type { MetricsById } from './metricsModel.js';

/** One object's recent use, oldest first; `null` where a poll had no figure for it (not scraped yet, or gone). */
export interface MetricsSeries {
  /** Milliseconds since the epoch of each poll. */
  readonly times: readonly number[];
  /** Millicores. */
  readonly cpu: readonly (number | null)[];
  /** Bytes. */
  readonly memory: readonly (number | null)[];
}

/**
 * 20 polls are ten minutes at the default 30 s interval: "the last minutes" the sparkline promises. Bounded because
 * the host keeps a series for every Pod, workload, Namespace and Node of the cluster for as long as it stays
 * connected; unbounded, a day's polls of a large cluster would grow to hundreds of megabytes.
 */
export const HISTORY_POLLS = 20;

interface Track {
  cpu: (number | null)[];
  memory: (number | null)[];
}

/**
 * Polls in columns: one shared list of times, and per id two arrays of plain numbers aligned with it (two numbers per
 * id per poll, where keeping each poll's figure objects would cost ten times that).
 */
export class MetricsHistory {
  private times: number[] = [];
  private readonly tracks = new Map<string, Track>();

  constructor(readonly capacity = HISTORY_POLLS) {}

  /** How many polls are held (at most `capacity`). */
  get size(): number {
    return this.times.length;
  }

  /** Adds one live poll; the oldest goes when full, and so does an id that has had no figure in any poll held. */
  record(time: number, figures: MetricsById): void {
    const length = this.times.length;
    for (const id of Object.keys(figures)) {
      if (this.tracks.has(id)) continue;
      this.tracks.set(id, { cpu: new Array<null>(length).fill(null), memory: new Array<null>(length).fill(null) });
    }
    this.times.push(time);
    const full = this.times.length > this.capacity;
    if (full) this.times.shift();
    for (const [id, track] of this.tracks) {
      const figure = figures[id];
      track.cpu.push(figure?.cpu.used ?? null);
      track.memory.push(figure?.memory.used ?? null);
      if (full) {
        track.cpu.shift();
        track.memory.shift();
      }
      if (figure === undefined && track.cpu.every((value) => value === null)) this.tracks.delete(id);
    }
  }

  /** One object's series, or undefined when no poll held has a figure for it. */
  series(id: string): MetricsSeries | undefined {
    const track = this.tracks.get(id);
    if (track === undefined) return undefined;
    return { times: [...this.times], cpu: [...track.cpu], memory: [...track.memory] };
  }

  /** The series of several objects (those the view shows), leaving out ids without any. */
  seriesOf(ids: readonly string[]): Record<string, MetricsSeries> {
    const result: Record<string, MetricsSeries> = {};
    for (const id of ids) {
      const series = this.series(id);
      if (series !== undefined) result[id] = series;
    }
    return result;
  }
}
