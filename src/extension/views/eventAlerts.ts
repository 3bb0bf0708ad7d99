import type { EventRow } from './eventsModel.js';

/**
 * At most `limit` notifications in any `windowMs` (a sliding window); what is held back is counted and told with the
 * next one that goes out, so a burst of 500 BackOffs is three notifications and "+497 more", never 500.
 */
export class RateLimiter {
  private readonly sent: number[] = [];
  private held = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Whether one may go out at `now`; when it may, how many were held back since the last one. */
  take(now: number): { readonly allowed: boolean; readonly heldBack: number } {
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    if (this.sent.length >= this.limit) {
      this.held++;
      return { allowed: false, heldBack: 0 };
    }
    this.sent.push(now);
    const heldBack = this.held;
    this.held = 0;
    return { allowed: true, heldBack };
  }
}

/** A row seen again after this long (a reconnect re-lists old Events) is not news. */
export const NEWS_MS = 5 * 60_000;

/** Whether a grown row is worth a notification: a recent Warning whose text contains `filter` (empty: any). */
export function alertWorthy(row: EventRow, filter: string, now: number): boolean {
  if (row.eventType !== 'Warning' || row.lastSeen < now - NEWS_MS) return false;
  const text = filter.trim().toLowerCase();
  if (text === '') return true;
  const o = row.object;
  return [row.reason, row.message, row.source, `${o.kind} ${o.namespace}/${o.name}`].some((part) => part.toLowerCase().includes(text));
}
