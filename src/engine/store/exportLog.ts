import type { Row, StoreDatabase } from './database.js';
import { num, str } from './rows.js';

export interface ExportInput {
  /** What was exported, e.g. "topology team-a" or a snapshot id. */
  readonly what: string;
  /** svg, png, pdf, json, mermaid, dot, snapshot… */
  readonly format: string;
  readonly path: string;
  readonly at: number;
}

export interface ExportRecord extends ExportInput {
  readonly id: number;
}

/** Exports the user made, for "export again" and the timeline. */
export class ExportLog {
  constructor(private readonly db: StoreDatabase) {}

  add(entry: ExportInput): number {
    this.db.run('INSERT INTO exports (what, format, path, at) VALUES (?, ?, ?, ?)', [entry.what, entry.format, entry.path, entry.at]);
    return this.db.lastInsertId();
  }

  /** Most recent first. */
  list(limit = 50): ExportRecord[] {
    return this.db.all('SELECT * FROM exports ORDER BY at DESC, id DESC LIMIT ?', [limit]).map(toRecord);
  }
}

function toRecord(row: Row): ExportRecord {
  return { id: num(row, 'id'), what: str(row, 'what'), format: str(row, 'format'), path: str(row, 'path'), at: num(row, 'at') };
}
