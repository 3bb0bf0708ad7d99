import { colourPrefix, neutralise } from './colors.js';
import { compileFilter, type LogFilter, type LogFilterSpec } from './filter.js';
import { RateMeter } from './rate.js';
import { ResumePoint } from './resume.js';
import { Ring } from './ring.js';
import { shortTime } from './timestamp.js';

/** One line of the merged stream: from a container (`source` = `pod/container`), or a note of ours (a pod joined). */
export interface LogEntry {
  readonly source: string;
  /** Timestamp key (timestamp.ts), empty for notes and unstamped lines. */
  readonly key: string;
  readonly text: string;
  readonly note?: boolean;
}

export interface MergerOptions {
  /** Lines kept; the oldest are dropped beyond it (the `kubilitics.logs.maxLines` setting). */
  readonly maxLines: number;
  /** Show each line's timestamp (they are always requested, for resuming). */
  readonly timestamps?: boolean;
  /** Most lines rendered by one `drain` (one tick); more are counted as skipped, still kept in the ring. */
  readonly maxLinesPerDrain?: number;
  /** Characters kept (line texts summed); the oldest lines are dropped beyond it. Default MAX_KEPT_CHARS. */
  readonly maxChars?: number;
}

/**
 * Characters a stream keeps, whatever `maxLines` says: 10,000 lines of a megabyte would otherwise hold 20 GB (UTF-16).
 * 32 Mi characters (64 MB at most) holds every line of an ordinary stream and the last few dozen of a megabyte each.
 */
export const MAX_KEPT_CHARS = 32 * 1024 * 1024;

const weightOf = (entry: LogEntry): number => entry.text.length + entry.source.length + entry.key.length;

export interface Drained {
  /** Terminal text: `\r\n` line ends, ANSI colours; empty when nothing is new. */
  readonly text: string;
  readonly lines: number;
  /** Lines that arrived since the last drain but were not rendered (more than one tick may show). */
  readonly skipped: number;
}

const NOTE = '\x1b[2m'; // dim
const RESET_DIM = '\x1b[22m';

/**
 * The pure core of a log stream: lines from any number of containers are merged in arrival order into a ring of at
 * most `maxLines` (oldest dropped), each container's lines deduplicated across reconnects, filtered, and rendered in
 * batches (one `drain` per tick) for a terminal. It does no I/O and knows nothing of VS Code.
 */
export class LogMerger {
  private readonly ring: Ring<LogEntry>;
  private readonly points = new Map<string, ResumePoint>();
  private pending: LogEntry[] = [];
  private pendingChars = 0;
  private pendingSkipped = 0;
  private readonly maxChars: number;
  private filter: LogFilter | undefined;
  private readonly meter = new RateMeter();
  private readonly maxPerDrain: number;
  /** Lines accepted from containers since the start (duplicates excluded). */
  total = 0;
  /** Lines dropped as already seen when a stream resumed. */
  duplicates = 0;
  timestamps: boolean;

  constructor(options: MergerOptions) {
    this.maxChars = options.maxChars ?? MAX_KEPT_CHARS;
    this.ring = new Ring(options.maxLines, { max: this.maxChars, of: weightOf });
    this.timestamps = options.timestamps ?? false;
    this.maxPerDrain = options.maxLinesPerDrain ?? 5000;
  }

  get size(): number {
    return this.ring.size;
  }

  get dropped(): number {
    return this.ring.dropped;
  }

  get filterSpec(): LogFilterSpec | undefined {
    return this.filter?.spec;
  }

  /**
   * A connection for `source` is starting. Returns the `sinceTime` to ask for when the source was seen before (a
   * reconnect): lines up to the last one seen are then dropped as they come again.
   */
  connecting(source: string): string | undefined {
    let point = this.points.get(source);
    if (!point) this.points.set(source, (point = new ResumePoint()));
    point.resume();
    return point.sinceTime();
  }

  /** Whether lines were ever seen from `source` (so a reconnect resumes rather than starts over). */
  seen(source: string): boolean {
    return this.points.get(source)?.last !== undefined;
  }

  /** A `timestamps=true` line from `source`; false when it repeated one seen before a reconnect. */
  line(source: string, raw: string, nowMs = Date.now()): boolean {
    let point = this.points.get(source);
    if (!point) this.points.set(source, (point = new ResumePoint()));
    const accepted = point.accept(raw);
    if (!accepted) {
      this.duplicates++;
      return false;
    }
    this.total++;
    this.meter.add(1, nowMs);
    this.append({ source, key: accepted.key, text: accepted.text });
    return true;
  }

  /** A note of ours in the stream ("pod web-1 joined"); always shown, whatever the filter. */
  note(text: string): void {
    this.append({ source: '', key: '', text, note: true });
  }

  /** The source will not come back (its pod left): its resume point is forgotten. */
  forget(source: string): void {
    this.points.delete(source);
  }

  /** Lines per second over the last seconds. */
  rate(nowMs = Date.now()): number {
    return this.meter.perSecond(nowMs);
  }

  /** Sets or clears the filter (throws, with a message for the user, on an invalid regex). */
  setFilter(spec: LogFilterSpec | undefined): void {
    this.filter = spec && spec.pattern !== '' ? compileFilter(spec) : undefined;
  }

  /** Characters of the kept lines (bounded by `maxChars`). */
  get keptChars(): number {
    return this.ring.totalWeight;
  }

  private append(entry: LogEntry): void {
    this.ring.push(entry);
    this.pending.push(entry);
    this.pendingChars += weightOf(entry);
    // Never hold much more pending than the ring keeps: whatever the ring dropped cannot be shown anyway.
    if (this.pending.length > 2 * this.ring.capacity || this.pendingChars > 2 * this.maxChars) {
      let excess = 0;
      const over = (): boolean => this.pending.length - excess > this.ring.capacity || this.pendingChars > this.maxChars;
      while (excess < this.pending.length - 1 && over()) this.pendingChars -= weightOf(this.pending[excess++]!);
      this.pending = this.pending.slice(excess);
      this.pendingSkipped += excess;
    }
  }

  /** What arrived since the last drain, rendered; the newest `maxLinesPerDrain` at most. */
  drain(): Drained {
    if (this.pending.length === 0 && this.pendingSkipped === 0) return { text: '', lines: 0, skipped: 0 };
    let entries = this.pending;
    let skipped = this.pendingSkipped;
    if (entries.length > this.maxPerDrain) {
      skipped += entries.length - this.maxPerDrain;
      entries = entries.slice(entries.length - this.maxPerDrain);
    }
    this.pending = [];
    this.pendingChars = 0;
    this.pendingSkipped = 0;
    const parts: string[] = [];
    if (skipped > 0)
      parts.push(this.renderNote(`… ${skipped} lines arrived faster than they can be shown; they are kept for Copy and Save`));
    let lines = 0;
    for (const entry of entries) {
      const rendered = this.render(entry);
      if (rendered !== undefined) {
        parts.push(rendered);
        lines++;
      }
    }
    return { text: parts.join(''), lines, skipped };
  }

  /**
   * The newest `limit` kept lines that pass the current filter, rendered (after the filter changed). It walks from the
   * newest line back and stops at `limit`, so a large ring costs only what is shown.
   */
  renderAll(limit = this.ring.capacity): string {
    this.pending = [];
    this.pendingChars = 0;
    this.pendingSkipped = 0;
    const parts: string[] = [];
    for (let i = this.ring.size - 1; i >= 0 && parts.length < limit; i--) {
      const rendered = this.render(this.ring.at(i)!);
      if (rendered !== undefined) parts.push(rendered);
    }
    return parts.reverse().join('');
  }

  /** Plain text of the kept lines that pass the filter (for Copy and Save): no colours, `\n` line ends. */
  plainText(): string {
    const out: string[] = [];
    for (const entry of this.ring.values()) {
      if (entry.note) out.push(`# ${entry.text}\n`);
      else if (!this.filter || this.filter.test(`${entry.source} ${entry.text}`)) {
        out.push(`${entry.key && this.timestamps ? `${entry.key}Z ` : ''}${entry.source} ${entry.text}\n`);
      }
    }
    return out.join('');
  }

  private renderNote(text: string): string {
    return `${NOTE}── ${neutralise(text)}${RESET_DIM}\r\n`;
  }

  /** One entry for the terminal, or undefined when the filter hides it. */
  private render(entry: LogEntry): string | undefined {
    if (entry.note) return this.renderNote(entry.text);
    const text = neutralise(entry.text);
    let body = text;
    if (this.filter) {
      if (!this.filter.test(`${entry.source} ${entry.text}`)) return undefined;
      body = this.filter.highlight(text);
    }
    const time = this.timestamps && entry.key ? `${NOTE}${shortTime(entry.key)}${RESET_DIM} ` : '';
    return `${time}${colourPrefix(entry.source)} ${body}\r\n`;
  }
}
