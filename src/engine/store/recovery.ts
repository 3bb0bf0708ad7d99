import * as l10n from '@vscode/l10n';
import { access, readFile, rename } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { schemaVersion } from './migrations.js';

/**
 * Reading the database file, and what to do when it is damaged: a history database is a cache of what the user saw,
 * not the only copy of anything, so a broken one must never stop the extension. It is moved aside (not deleted —
 * the user may want it) and a fresh database starts.
 */

export interface CorruptFileWarning {
  readonly kind: 'corrupt-file-moved';
  readonly movedTo: string;
  readonly reason: string;
  readonly message: string;
}

export interface LoadedFile {
  readonly db: Database;
  /** False for a new database: nothing was on disk yet. */
  readonly existed: boolean;
  readonly warning?: CorruptFileWarning;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export async function loadOrRecover(sql: SqlJsStatic, path: string, now: Date, readOnly = false): Promise<LoadedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    // Only a missing file means "new"; a permission error must surface rather than be papered over.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { db: new sql.Database(), existed: false };
    throw error;
  }
  const checked = openChecked(sql, bytes);
  if ('db' in checked) return { db: checked.db, existed: true };
  // A reader must not move the writer's file: it starts empty in memory and says why.
  if (readOnly) {
    return {
      db: new sql.Database(),
      existed: true,
      warning: {
        kind: 'corrupt-file-moved',
        movedTo: path,
        reason: checked.problem,
        message: l10n.t('The Kubilitics history database {0} is unreadable ({1}); this window shows no history.', path, checked.problem),
      },
    };
  }
  const movedTo = await moveAside(path, now);
  return {
    db: new sql.Database(),
    existed: true,
    warning: {
      kind: 'corrupt-file-moved',
      movedTo,
      reason: checked.problem,
      message: l10n.t(
        'The Kubilitics history database was unreadable ({0}). It was moved to {1} and a new one started.',
        checked.problem,
        movedTo,
      ),
    },
  };
}

/** The database, or why these bytes are not a sound SQLite file. */
export function openChecked(sql: SqlJsStatic, bytes: Uint8Array): { db: Database } | { problem: string } {
  const headerProblem = checkHeader(bytes);
  if (headerProblem) return { problem: headerProblem };
  let db: Database | undefined;
  try {
    db = new sql.Database(bytes);
    const result = db.exec('PRAGMA integrity_check')[0]?.values.map((row) => String(row[0])) ?? [];
    const problem =
      result.length === 1 && result[0] === 'ok' ? foreignProblem(db) : l10n.t('integrity check failed: {0}', result.slice(0, 3).join('; '));
    if (problem === undefined) return { db };
    db.close();
    return { problem };
  } catch (error) {
    db?.close();
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A sound SQLite file this code never migrated: tables but no schema version (another program's database, or one a
 * user pointed us at). Migrating it would fail on the first CREATE TABLE, or worse, write our rows into its tables;
 * it is moved aside like a damaged file. An empty database (version 0, no tables) is simply new.
 */
function foreignProblem(db: Database): string | undefined {
  if (schemaVersion(db) > 0) return undefined;
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  const names = tables[0]?.values.map((row) => String(row[0])) ?? [];
  if (names.length === 0) return undefined;
  const shown = names.length > 5 ? l10n.t('{0} and {1} more', names.slice(0, 5).join(', '), names.length - 5) : names.join(', ');
  return l10n.t('not a Kubilitics database: no schema version, but tables {0}', shown);
}

/** Cheap checks first: SQLite reads pages lazily, and a truncated file can otherwise look fine until queried. */
function checkHeader(bytes: Uint8Array): string | undefined {
  if (bytes.length < 100 || !HEADER.equals(bytes.subarray(0, 16))) return l10n.t('not an SQLite database');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The in-header page count is only valid when the change counter matches "version-valid-for".
  const countValid = view.getUint32(24) === view.getUint32(92) && pageCount > 0;
  if (countValid && pageCount * pageSize > bytes.length) return l10n.t('truncated: {0} of {1} bytes', bytes.length, pageCount * pageSize);
  return undefined;
}

async function moveAside(path: string, now: Date): Promise<string> {
  // Colons are not allowed in Windows file names.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  // rename() silently replaces an existing file on POSIX, and an earlier moved-aside file must survive.
  for (let n = 1; await exists(target); n++) target = `${path}.corrupt-${stamp}-${n}`;
  await rename(path, target);
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
