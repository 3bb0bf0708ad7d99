import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { MigrationError, SchemaTooNewError } from './errors.js';

/**
 * Schema migrations: `NNN_name.sql` files applied in order, each recorded in `schema_version`. The folder ships in
 * the .vsix, so the caller passes its path. Files must not contain BEGIN/COMMIT: the runner wraps all pending
 * files in one transaction, so a failure leaves the database exactly at its old version.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
}

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The migration files of `dir`, checked: numbered 001, 002, … without gaps or duplicates. */
export async function readMigrations(dir: string): Promise<Migration[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${dir}.`, undefined, { cause: error });
  }
  const sqlFiles = names.filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of sqlFiles) {
    const match = FILE.exec(file);
    if (!match) throw new MigrationError(`Migration file ${file} is not named NNN_name.sql.`, file);
    const version = Number(match[1]);
    if (version !== migrations.length + 1) {
      throw new MigrationError(
        `Migration ${file} should be number ${migrations.length + 1}: versions must run 001, 002, … without gaps.`,
        file,
      );
    }
    migrations.push({ version, name: match[2]!, file, sql: await readFile(join(dir, file), 'utf8') });
  }
  if (migrations.length === 0) throw new MigrationError(`No migrations in ${dir}.`);
  return migrations;
}

/** The version recorded in the database; 0 for a database this code never migrated (e.g. a new one). */
export function schemaVersion(db: Database): number {
  const table = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (table.length === 0) return 0;
  const value = db.exec('SELECT MAX(version) FROM schema_version')[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

/**
 * Brings the database up to the last migration. Refuses (SchemaTooNewError, nothing changed) a database whose
 * version is newer than the files know: an older Kubilitics must not write into a newer one's schema.
 */
export function migrate(db: Database, migrations: readonly Migration[], path: string, now: number): MigrationResult {
  const from = schemaVersion(db);
  const known = migrations.length;
  if (from > known) throw new SchemaTooNewError(path, from, known);
  const pending = migrations.slice(from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.exec('BEGIN IMMEDIATE');
  let current: Migration | undefined;
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (current of pending) {
      db.exec(current.sql);
      db.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [current.version, current.name, now]);
    }
    db.exec('COMMIT');
  } catch (error) {
    rollbackQuietly(db);
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${current?.file ?? '?'} failed (${message}); the database stays at version ${from}.`,
      current?.file,
      { cause: error },
    );
  }
  return { from, to: known, applied: pending.map((migration) => migration.file) };
}

/** A failed statement may already have ended the transaction; the original error is the one worth reporting. */
function rollbackQuietly(db: Database): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // Nothing left to roll back.
  }
}
