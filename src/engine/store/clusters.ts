import type { StoreDatabase } from './database.js';
import { num, str } from './rows.js';

export interface ClusterKey {
  readonly context: string;
  readonly server: string;
}

export interface ClusterRecord extends ClusterKey {
  readonly id: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** Clusters by kubeconfig context and API server: the same context name pointing elsewhere is another cluster. */
export class ClusterStore {
  constructor(private readonly db: StoreDatabase) {}

  /** The id of the cluster, created on first sight; `last_seen` moves forward. */
  ensure(key: ClusterKey, at: number): number {
    this.db.run(
      `INSERT INTO clusters (context, server, first_seen, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (context, server) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen)`,
      [key.context, key.server, at, at],
    );
    return num(this.db.get('SELECT id FROM clusters WHERE context = ? AND server = ?', [key.context, key.server])!, 'id');
  }

  get(id: number): ClusterRecord | undefined {
    const row = this.db.get('SELECT * FROM clusters WHERE id = ?', [id]);
    return row ? toRecord(row) : undefined;
  }

  list(): ClusterRecord[] {
    return this.db.all('SELECT * FROM clusters ORDER BY last_seen DESC, id').map(toRecord);
  }
}

function toRecord(row: Parameters<typeof num>[0]): ClusterRecord {
  return {
    id: num(row, 'id'),
    context: str(row, 'context'),
    server: str(row, 'server'),
    firstSeen: num(row, 'first_seen'),
    lastSeen: num(row, 'last_seen'),
  };
}
