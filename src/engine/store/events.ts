import type { Row, StoreDatabase } from './database.js';
import { num, str } from './rows.js';

export interface EventInput {
  readonly clusterId: number;
  readonly objectId: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  /** When it was last seen. */
  readonly at: number;
  /** When it was first seen, if earlier than `at` (the Event's own first timestamp). */
  readonly firstSeen?: number;
  /** The Event object's own count, when known; otherwise each sighting counts one. */
  readonly count?: number;
}

export interface EventRecord {
  readonly id: number;
  readonly clusterId: number;
  readonly objectId: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

const UPSERT = `INSERT INTO events (cluster_id, object_id, type, reason, message, count, first_seen, last_seen)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (cluster_id, object_id, type, reason, message) DO UPDATE SET
    count = COUNT_EXPRESSION,
    first_seen = MIN(first_seen, excluded.first_seen),
    last_seen = MAX(last_seen, excluded.last_seen)`;
// The API server's count already includes earlier sightings, so it replaces ours (max: updates can arrive out of order).
const UPSERT_WITH_COUNT = UPSERT.replace('COUNT_EXPRESSION', 'MAX(count, excluded.count)');
const UPSERT_COUNTING = UPSERT.replace('COUNT_EXPRESSION', 'count + 1');

/** Kubernetes events folded per object, type, reason and message, as the API server folds them. */
export class EventStore {
  constructor(private readonly db: StoreDatabase) {}

  upsert(event: EventInput): void {
    this.db.run(event.count === undefined ? UPSERT_COUNTING : UPSERT_WITH_COUNT, [
      event.clusterId,
      event.objectId,
      event.type,
      event.reason,
      event.message,
      event.count ?? 1,
      Math.min(event.firstSeen ?? event.at, event.at),
      event.at,
    ]);
  }

  /** Events of one object, most recent first. */
  forObject(clusterId: number, objectId: string): EventRecord[] {
    return this.db
      .all('SELECT * FROM events WHERE cluster_id = ? AND object_id = ? ORDER BY last_seen DESC, id DESC', [clusterId, objectId])
      .map(toRecord);
  }

  /** Events of a cluster seen at or after `since`, most recent first. */
  recent(clusterId: number, since: number, limit = 200): EventRecord[] {
    return this.db
      .all('SELECT * FROM events WHERE cluster_id = ? AND last_seen >= ? ORDER BY last_seen DESC, id DESC LIMIT ?', [
        clusterId,
        since,
        limit,
      ])
      .map(toRecord);
  }

  /**
   * The events a moment in the past had seen: first seen at or before `at`, last seen within `windowMs` before it
   * (the API server's event TTL is an hour). A row is folded, so its count and last sighting may include repeats
   * after `at`: the last sighting is clamped to `at`, the count is what was recorded.
   */
  until(clusterId: number, at: number, windowMs: number, limit = 5000): EventRecord[] {
    return this.db
      .all(
        `SELECT * FROM events WHERE cluster_id = ? AND last_seen >= ? AND first_seen <= ?
          ORDER BY last_seen DESC, id DESC LIMIT ?`,
        [clusterId, at - windowMs, at, limit],
      )
      .map((row) => {
        const record = toRecord(row);
        return record.lastSeen > at ? { ...record, lastSeen: at } : record;
      });
  }
}

function toRecord(row: Row): EventRecord {
  return {
    id: num(row, 'id'),
    clusterId: num(row, 'cluster_id'),
    objectId: str(row, 'object_id'),
    type: str(row, 'type'),
    reason: str(row, 'reason'),
    message: str(row, 'message'),
    count: num(row, 'count'),
    firstSeen: num(row, 'first_seen'),
    lastSeen: num(row, 'last_seen'),
  };
}
