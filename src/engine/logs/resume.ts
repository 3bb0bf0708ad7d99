import { parseStamped, sinceTimeFor } from './timestamp.js';

/**
 * Where one container's stream stands, so that a reconnect resumes without losing or repeating a line. Lines are
 * requested with timestamps; the last key seen and how many lines carried exactly that key are kept. A resumed
 * stream (from `sinceTime`, which the server rounds down to the second) skips every line before the key and the
 * first `atKey` lines at the key; the rest are new. Per container, timestamps never go backwards (the kubelet writes
 * them in order), which is what makes this exact.
 */
export class ResumePoint {
  private lastKey: string | undefined;
  private atKey = 0;
  /** While resuming: lines at `lastKey` still to skip. */
  private skipAtKey = 0;
  private resuming = false;

  /** `sinceTime` for the next request, or undefined before any line was seen. */
  sinceTime(): string | undefined {
    return this.lastKey === undefined ? undefined : sinceTimeFor(this.lastKey);
  }

  get last(): string | undefined {
    return this.lastKey;
  }

  /** A new connection is starting from `sinceTime()`. */
  resume(): void {
    this.resuming = this.lastKey !== undefined;
    this.skipAtKey = this.atKey;
  }

  /**
   * Accepts a raw `timestamps=true` line: returns it split, or undefined when it was seen before this reconnect.
   * Lines without a timestamp (they should not happen) are passed through with an empty key.
   */
  accept(raw: string): { key: string; text: string } | undefined {
    const stamped = parseStamped(raw);
    if (!stamped) return { key: '', text: raw };
    const { key } = stamped;
    if (this.resuming && this.lastKey !== undefined) {
      if (key < this.lastKey) return undefined;
      if (key === this.lastKey && this.skipAtKey > 0) {
        this.skipAtKey--;
        return undefined;
      }
      this.resuming = false;
    }
    if (key === this.lastKey) this.atKey++;
    else {
      this.lastKey = key;
      this.atKey = 1;
    }
    return stamped;
  }
}
