import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationError, SchemaTooNewError } from '../../../src/engine/store/errors.js';
import { readMigrations, schemaVersion } from '../../../src/engine/store/migrations.js';
import { loadSqlJs } from '../../../src/engine/store/sqlJs.js';
import { MIGRATIONS, migrationsPrefix, open, tempDir } from './support.js';

const tables = (rows: { values: unknown[][] }[] | undefined): string[] => (rows?.[0]?.values ?? []).map((row) => String(row[0]));

describe('migrations', () => {
  it('are numbered without gaps and end at the version the code knows', async () => {
    const migrations = await readMigrations(MIGRATIONS);
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(migrations[0]?.file).toBe('001_initial.sql');
  });

  it('create every table and record each version on a new database', async () => {
    const path = join(await tempDir(), 'nested', 'kubilitics.db');
    const { store, migration, warnings } = await open(path);
    const known = (await readMigrations(MIGRATIONS)).length;
    expect(warnings).toEqual([]);
    expect(migration).toMatchObject({ from: 0, to: known });
    expect(schemaVersion(store.sql)).toBe(known);
    expect(tables(store.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))).toEqual([
      'clusters',
      'events',
      'exports',
      'history',
      'preferences',
      'schema_version',
      'snapshots',
    ]);
    // The new database is on disk at once, not only after the first save.
    expect((await readFile(path)).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('upgrade a database from each older version in place, keeping its rows', async () => {
    const known = (await readMigrations(MIGRATIONS)).length;
    for (let old = 1; old < known; old++) {
      const path = join(await tempDir(), 'old.db');
      const older = await open(path, { migrationsDir: await migrationsPrefix(old) });
      older.store.run("INSERT INTO clusters (context, server, first_seen, last_seen) VALUES ('kind', 'https://a', 1, 1)");
      older.store.run("INSERT INTO exports (what, format, path, at) VALUES ('topology', 'svg', '/tmp/a.svg', 5)");
      await older.store.close();

      const { store, migration } = await open(path);
      expect(migration).toMatchObject({ from: old, to: known });
      expect(store.get('SELECT context FROM clusters')?.['context']).toBe('kind');
      expect(store.get('SELECT path FROM exports')?.['path']).toBe('/tmp/a.svg');
      await store.close();
      // …and the upgrade itself was saved.
      const again = await open(path);
      expect(again.migration.applied).toEqual([]);
    }
  });

  it('refuse a database from a newer Kubilitics and leave the file byte for byte as it was', async () => {
    const dir = await tempDir();
    const path = join(dir, 'newer.db');
    const { store } = await open(path);
    store.run("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from_the_future', 1)");
    await store.close();
    const before = await readFile(path);

    const error = await open(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ databaseVersion: 99, knownVersion: (await readMigrations(MIGRATIONS)).length });
    expect((error as Error).message).toMatch(/Update Kubilitics/);
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['newer.db']);
  });

  it('roll back every pending file when one fails, so the database stays at its old version', async () => {
    const path = join(await tempDir(), 'v1.db');
    await (await open(path, { migrationsDir: await migrationsPrefix(1) })).store.close();
    const before = await readFile(path);
    const broken = await migrationsPrefix(1);
    await writeFile(join(broken, '002_good.sql'), 'CREATE TABLE extra (x INTEGER);');
    await writeFile(join(broken, '003_broken.sql'), 'ALTER TABLE no_such_table ADD COLUMN y TEXT;');

    const error = await open(path, { migrationsDir: broken }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ file: '003_broken.sql' });
    expect(await readFile(path)).toEqual(before);
    const sql = await loadSqlJs();
    const db = new sql.Database(before);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db.exec("SELECT name FROM sqlite_master WHERE name = 'extra'"))).toEqual([]);
    db.close();
  });

  it('reject misnamed files and gaps before touching any database', async () => {
    const gap = await migrationsPrefix(1);
    await writeFile(join(gap, '003_skipped.sql'), 'SELECT 1;');
    await expect(readMigrations(gap)).rejects.toThrow(/should be number 2/);
    const misnamed = await migrationsPrefix(1);
    await writeFile(join(misnamed, '2_Bad-Name.sql'), 'SELECT 1;');
    await expect(readMigrations(misnamed)).rejects.toBeInstanceOf(MigrationError);
    await expect(readMigrations(join(misnamed, 'absent'))).rejects.toBeInstanceOf(MigrationError);
  });
});
