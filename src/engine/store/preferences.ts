import type { StoreDatabase } from './database.js';
import { str } from './rows.js';

/**
 * Small JSON values that belong with the data (e.g. per-cluster snapshot interval, a pinned snapshot), not in
 * VS Code settings. Values come back as `unknown`: the caller validates, since an older or newer version may
 * have written them.
 */
export class Preferences {
  constructor(private readonly db: StoreDatabase) {}

  get(scope: string, key: string): unknown {
    const row = this.db.get('SELECT value FROM preferences WHERE scope = ? AND key = ?', [scope, key]);
    return row ? safeParse(str(row, 'value')) : undefined;
  }

  set(scope: string, key: string, value: unknown): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Preference ${scope}/${key}: value cannot be stored as JSON.`);
    this.db.run(
      `INSERT INTO preferences (scope, key, value) VALUES (?, ?, ?)
      ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value`,
      [scope, key, text],
    );
  }

  delete(scope: string, key: string): boolean {
    return this.db.run('DELETE FROM preferences WHERE scope = ? AND key = ?', [scope, key]) > 0;
  }

  /** Every key of a scope with its value. */
  all(scope: string): Map<string, unknown> {
    const rows = this.db.all('SELECT key, value FROM preferences WHERE scope = ? ORDER BY key', [scope]);
    return new Map(rows.map((row) => [str(row, 'key'), safeParse(str(row, 'value'))]));
  }
}

/** A value that is not JSON (hand-edited database) reads as absent rather than failing the caller. */
function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
