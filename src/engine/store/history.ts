import type { KubeObject } from '../model/object.js';
import { BlobFormat, packText, unpackText } from './codec.js';
import type { Row, StoreDatabase } from './database.js';
import { SnapshotFormatError } from './errors.js';
import { diffObjects, isDiffOpList, renderDiff, type DiffOp } from './objectDiff.js';
import { blob, num, optStr, str } from './rows.js';
import { metadataOnly, scrubObject } from './sanitize.js';

export type ChangeKind = 'added' | 'modified' | 'deleted';

export interface ObjectChange {
  readonly clusterId: number;
  /** The engine's object id (group/Kind/namespace/name). */
  readonly objectId: string;
  readonly change: ChangeKind;
  readonly at: number;
  /** The object before the change: needed for `modified`; for `deleted`, this or `after` (the last state). */
  readonly before?: KubeObject;
  /** The object after the change: needed for `added` and `modified`. */
  readonly after?: KubeObject;
}

export interface HistoryEntry {
  readonly id: number;
  readonly clusterId: number;
  readonly objectId: string;
  readonly uid?: string;
  readonly change: ChangeKind;
  readonly at: number;
  readonly resourceVersion?: string;
  readonly ops: readonly DiffOp[];
}

export interface HistoryQuery {
  readonly since?: number;
  readonly until?: number;
  /** The newest `limit` entries (still returned oldest first). */
  readonly limit?: number;
}

/** One object that has history: how often it changed and its last change (`deleted`: it is gone). */
export interface HistorySummary {
  readonly objectId: string;
  readonly changes: number;
  readonly lastChange: ChangeKind;
  readonly lastAt: number;
}

/** Per-object change history: one small compressed diff per change, never Secret data. */
export class HistoryStore {
  constructor(private readonly db: StoreDatabase) {}

  /** Stores the change; false when a modification changed nothing but bookkeeping (resourceVersion, managedFields). */
  record(change: ObjectChange): boolean {
    const ops = opsOf(change);
    if (ops.length === 0) return false;
    const object = change.after ?? change.before;
    this.db.run('INSERT INTO history (cluster_id, object_id, uid, change, at, resource_version, diff) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      change.clusterId,
      change.objectId,
      object?.metadata?.uid ?? null,
      change.change,
      change.at,
      object?.metadata?.resourceVersion ?? null,
      packText(JSON.stringify(ops), BlobFormat.deflateHistoryV1),
    ]);
    return true;
  }

  /** Many changes in one transaction (a watch burst); returns how many were stored. */
  recordMany(changes: Iterable<ObjectChange>): number {
    return this.db.transaction(() => {
      let stored = 0;
      for (const change of changes) if (this.record(change)) stored++;
      return stored;
    });
  }

  /** The history of one object, oldest first. */
  forObject(clusterId: number, objectId: string, query: HistoryQuery = {}): HistoryEntry[] {
    const rows = this.db.all(
      `SELECT * FROM history WHERE cluster_id = ? AND object_id = ? AND at >= ? AND at <= ?
       ORDER BY at DESC, id DESC LIMIT ?`,
      [clusterId, objectId, query.since ?? -Number.MAX_SAFE_INTEGER, query.until ?? Number.MAX_SAFE_INTEGER, query.limit ?? -1],
    );
    return rows.reverse().map(toEntry);
  }

  /** Every object of a cluster with recorded history, deleted ones included, the most recently changed first. */
  objects(clusterId: number): HistorySummary[] {
    const rows = this.db.all(
      `SELECT object_id, change, at, changes FROM (
         SELECT object_id, change, at, COUNT(*) OVER (PARTITION BY object_id) AS changes,
                ROW_NUMBER() OVER (PARTITION BY object_id ORDER BY at DESC, id DESC) AS newest
         FROM history WHERE cluster_id = ?)
       WHERE newest = 1 ORDER BY at DESC, object_id`,
      [clusterId],
    );
    return rows.map((row) => ({
      objectId: str(row, 'object_id'),
      changes: num(row, 'changes'),
      lastChange: str(row, 'change') as ChangeKind,
      lastAt: num(row, 'at'),
    }));
  }

  /** Drops entries older than `at`; returns how many. */
  pruneBefore(at: number): number {
    return this.db.run('DELETE FROM history WHERE at < ?', [at]);
  }
}

/** Lines like `spec.replicas: 2 → 3`; an added object lists its fields with `+`, a deleted one its metadata with `-`. */
export function readableDiff(entry: Pick<HistoryEntry, 'ops'>): string {
  return renderDiff(entry.ops).join('\n');
}

function opsOf(change: ObjectChange): DiffOp[] {
  const id = change.objectId;
  switch (change.change) {
    case 'added':
      return change.after ? [['+', [], forHistory(change.after, id)]] : [];
    case 'modified':
      if (!change.after) return [];
      return diffObjects(change.before ? forHistory(change.before, id) : {}, forHistory(change.after, id));
    case 'deleted': {
      const last = change.before ?? change.after;
      return last ? [['-', [], forHistory(metadataOnly(last, id), id)]] : [];
    }
  }
}

/** Scrubbed, and without resourceVersion: it has its own column and would otherwise make every diff non-empty. */
function forHistory(object: KubeObject, objectId: string): KubeObject {
  const scrubbed = scrubObject(object, objectId);
  if (!scrubbed.metadata || scrubbed.metadata.resourceVersion === undefined) return scrubbed;
  const { resourceVersion: _version, ...metadata } = scrubbed.metadata;
  return { ...scrubbed, metadata };
}

function toEntry(row: Row): HistoryEntry {
  const ops: unknown = JSON.parse(unpackText(blob(row, 'diff')));
  if (!isDiffOpList(ops)) throw new SnapshotFormatError(`History row ${String(row['id'])} holds no readable diff.`);
  const change = str(row, 'change') as ChangeKind;
  const uid = optStr(row, 'uid');
  const resourceVersion = optStr(row, 'resource_version');
  return {
    id: num(row, 'id'),
    clusterId: num(row, 'cluster_id'),
    objectId: str(row, 'object_id'),
    change,
    at: num(row, 'at'),
    ops,
    ...(uid !== undefined ? { uid } : {}),
    ...(resourceVersion !== undefined ? { resourceVersion } : {}),
  };
}
