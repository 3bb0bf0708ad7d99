/**
 * Saves written by a replica in a worker (#16: a save must not copy the whole database on the extension host
 * thread). The file the worker writes must hold exactly what the host's database holds, through transactions,
 * rollbacks, cascades and VACUUM, and the host must never call export() once the replica runs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeBuildOptions } from '../../../scripts/build.mjs';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import type { StoreDatabase } from '../../../src/engine/store/database.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { loadSqlJs } from '../../../src/engine/store/sqlJs.js';
import { deployment, graphOfObjects, open, tempDir } from './support.js';

let saveWorkerPath = '';
let buildDir = '';

beforeAll(async () => {
  buildDir = await mkdtemp(join(tmpdir(), 'kubilitics-save-worker-'));
  const options = nodeBuildOptions().find((o) => String(o.outfile).endsWith('saveWorker.js'));
  expect(options, 'scripts/build.mjs bundles the save worker').toBeDefined();
  saveWorkerPath = join(buildDir, 'saveWorker.js');
  await esbuild.build({ ...options, outfile: saveWorkerPath, sourcemap: false });
});

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

const TABLES = ['clusters', 'snapshots', 'exports', 'preferences'];

/** Every row of the tables that matter, from a database in memory or from the bytes of a file. */
async function contents(source: StoreDatabase | Uint8Array): Promise<unknown> {
  const sql = await loadSqlJs();
  const db = source instanceof Uint8Array ? new sql.Database(source) : source.sql;
  try {
    return Object.fromEntries(TABLES.map((table) => [table, db.exec(`SELECT * FROM ${table} ORDER BY 1, 2`)[0]?.values ?? []]));
  } finally {
    if (source instanceof Uint8Array) db.close();
  }
}

describe('saves through the replica worker', () => {
  it('write the file the host holds, without export() on the host', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const { store } = await open(path, { saveWorkerPath });
    expect(store.savesOffThread).toBe(true);
    const exported = vi.spyOn(store.sql, 'export');
    const clusters = new ClusterStore(store);
    const snapshots = new SnapshotStore(store);
    const kind = clusters.ensure({ context: 'kind', server: 'https://a' }, 1);
    const other = clusters.ensure({ context: 'other', server: 'https://b' }, 2);
    snapshots.save({ clusterId: kind, graph: graphOfObjects([deployment('web', 2)]), takenAt: 10, trigger: 'manual' });
    snapshots.save({ clusterId: other, graph: graphOfObjects([deployment('db', 1)]), takenAt: 11, trigger: 'manual' });
    expect(() =>
      store.transaction(() => {
        store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'rolled back', '1')");
        throw new Error('undo');
      }),
    ).toThrow('undo');
    store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'kept', '1')");
    // ON DELETE CASCADE removes the other cluster's snapshot, in the replica as here.
    store.run('DELETE FROM clusters WHERE id = ?', [other]);
    store.vacuum();
    await store.flush();
    expect(exported).not.toHaveBeenCalled();
    const onDisk = await readFile(path);
    expect(await contents(onDisk)).toEqual(await contents(store));
    expect((await contents(onDisk)) as Record<string, unknown[]>).toMatchObject({
      snapshots: [expect.anything()],
      preferences: [expect.anything()],
    });
  });

  it('start from the file as it is on disk when the database is reopened', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const first = await open(path, { saveWorkerPath });
    first.store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'one', '1')");
    await first.store.close();
    const second = await open(path, { saveWorkerPath });
    second.store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'two', '2')");
    await second.store.flush();
    expect(await contents(await readFile(path))).toEqual(await contents(second.store));
  });

  it('fall back to saving on the host when the replica fails, and lose nothing', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const errors: unknown[] = [];
    const { store } = await open(path, { saveWorkerPath: join(buildDir, 'absent.js'), onSaveError: (error) => errors.push(error) });
    store.run("INSERT INTO preferences (scope, key, value) VALUES ('s', 'k', 'v')");
    await store.flush();
    expect(store.savesOffThread).toBe(false);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/history saves moved back to this thread: .*absent\.js/);
    expect(await contents(await readFile(path))).toEqual(await contents(store));
  });
});
