/**
 * Timestamps of `timestamps=true` log lines: RFC 3339 with up to nine fraction digits, trailing zeros trimmed by the
 * kubelet ("…05.1Z" is later than "…05.09Z"), so they are compared through a fixed-width key, never as text.
 */

const STAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

export interface StampedLine {
  /** Fixed-width UTC key `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn`: ordered as text. */
  readonly key: string;
  /** The line without its timestamp. */
  readonly text: string;
}

/** Splits `2024-05-01T10:00:00.123456789Z message`; a line without a timestamp gives undefined. */
export function parseStamped(line: string): StampedLine | undefined {
  const match = STAMPED.exec(line);
  if (!match) return undefined;
  const [whole, seconds, fraction = '', zone] = match as unknown as [string, string, string | undefined, string];
  let utcSeconds = seconds;
  if (zone !== 'Z') {
    const ms = Date.parse(`${seconds}${zone}`);
    if (!Number.isFinite(ms)) return undefined;
    utcSeconds = new Date(ms).toISOString().slice(0, 19);
  }
  return { key: `${utcSeconds}.${fraction.padEnd(9, '0')}`, text: line.slice(whole.length) };
}

/**
 * The `sinceTime` to resume from after `key`. The API server passes `sinceTime` on to the kubelet at whole seconds, so
 * the resumed stream starts at the second of `key` and the lines up to `key` come again: the caller drops them.
 */
export function sinceTimeFor(key: string): string {
  return `${key.slice(0, 19)}Z`;
}

/** A timestamp key shown to people: `10:00:00.123`. */
export function shortTime(key: string): string {
  return key.slice(11, 23);
}
