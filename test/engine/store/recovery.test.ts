import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/engine/store/sqlJs.js';
import { open, tempDir } from './support.js';

/** A real database with a few pages of rows, written and closed. */
async function populated(path: string): Promise<Buffer> {
  const { store } = await open(path);
  store.transaction(() => {
    for (let i = 0; i < 400; i++)
      store.run('INSERT INTO exports (what, format, path, at) VALUES (?, ?, ?, ?)', [`export ${i}`, 'svg', `/tmp/${i}.svg`.repeat(5), i]);
  });
  await store.close();
  return readFile(path);
}

async function expectRecovered(dir: string, path: string, original: Uint8Array, reason: RegExp): Promise<void> {
  const at = new Date('2025-03-04T05:06:07.089Z');
  const { store, warnings } = await open(path, { now: () => at });
  expect(warnings).toHaveLength(1);
  const warning = warnings[0]!;
  expect(warning.reason).toMatch(reason);
  expect(warning.movedTo).toBe(`${path}.corrupt-2025-03-04T05-06-07-089Z`);
  expect(warning.message).toContain(warning.movedTo);
  // The damaged file is kept as it was, for the user to inspect; the new database works.
  expect(await readFile(warning.movedTo)).toEqual(Buffer.from(original));
  store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'k', '1')");
  await store.close();
  expect((await open(path)).warnings).toEqual([]);
  expect((await readdir(dir)).sort()).toEqual([`${path.split('/').pop()!}`, warning.movedTo.split('/').pop()!].sort());
}

describe('a damaged database file', () => {
  it('of garbage bytes is moved aside and a fresh database starts', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const garbage = Buffer.from('this is not a database at all, just some text that happens to be here\n'.repeat(40));
    await writeFile(path, garbage);
    await expectRecovered(dir, path, garbage, /not an SQLite database/);
  });

  it('that was truncated is moved aside', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const truncated = (await populated(path)).subarray(0, 6000);
    await writeFile(path, truncated);
    await expectRecovered(dir, path, truncated, /truncated/);
  });

  it('that is empty is moved aside', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    await writeFile(path, Buffer.alloc(0));
    await expectRecovered(dir, path, Buffer.alloc(0), /not an SQLite database/);
  });

  it('that fails the integrity check is moved aside', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const bytes = Buffer.from(await populated(path));
    const pageSize = bytes.readUInt16BE(16);
    // Page 3 onwards hold table b-tree pages; an invalid page type is what a torn or scribbled write looks like.
    for (let page = 2; page * pageSize < bytes.length; page++) bytes[page * pageSize] = 0x55;
    await writeFile(path, bytes);
    await expectRecovered(dir, path, bytes, /malformed|integrity|corrupt/i);
  });

  it('does not collide with an earlier moved-aside file of the same second', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const at = new Date('2025-01-01T00:00:00.000Z');
    await writeFile(path, 'garbage one');
    const first = await open(path, { now: () => at });
    await first.store.close();
    await writeFile(path, 'garbage two');
    const second = await open(path, { now: () => at });
    expect(second.warnings[0]?.movedTo).toBe(`${first.warnings[0]!.movedTo}-1`);
    expect(await readFile(first.warnings[0]!.movedTo, 'utf8')).toBe('garbage one');
  });

  it('leaves temp files of a killed save behind no longer than the next open', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    await populated(path);
    // A pid that cannot be alive (above the kernel's pid_max).
    await writeFile(`${path}.tmp-99999999-1`, 'half a database');
    const { warnings } = await open(path);
    expect(warnings).toEqual([]);
    expect(await readdir(dir)).toEqual(['kubilitics.db']);
  });
});

describe('a foreign database file', () => {
  /** A sound SQLite file this code never wrote: tables, rows, but no schema_version. */
  async function foreignDatabase(path: string, tables: readonly string[]): Promise<Buffer> {
    const sql = await loadSqlJs();
    const db = new sql.Database();
    for (const table of tables) db.run(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, note TEXT)`);
    db.run(`INSERT INTO ${tables[0]!} (note) VALUES ('kept as it was')`);
    const bytes = Buffer.from(db.export());
    db.close();
    await writeFile(path, bytes);
    return bytes;
  }

  it('of another program is moved aside, the user told where, and a fresh database starts', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const bytes = await foreignDatabase(path, ['notes', 'tags']);
    await expectRecovered(dir, path, bytes, /no schema version.*notes, tags/);
  });

  it('holding tables of our own names but no schema version is moved aside rather than migrated over', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const bytes = await foreignDatabase(path, ['clusters']);
    await expectRecovered(dir, path, bytes, /no schema version/);
  });

  it('is left alone by a read-only window, which shows no history and says why', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const bytes = await foreignDatabase(path, ['notes']);
    const { store, warnings } = await open(path, { readOnly: true });
    expect(warnings[0]?.message).toMatch(/no schema version/);
    expect(store.all('SELECT name FROM sqlite_master WHERE name = ?', ['notes'])).toEqual([]);
    expect(await readFile(path)).toEqual(bytes);
  });
});
