import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { acquireWriterLock } from '../../../src/engine/store/writerLock.js';
import { open, tempDir } from './support.js';

/** The pid of a process that has exited: a lock it left behind is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one writer per history database', () => {
  it('the first window takes the lock; a second is told who holds it; after release it can take it', async () => {
    // A workspace's first run: its storage folder does not exist yet.
    const path = join(await tempDir(), 'workspaceStorage', 'kubilitics.sqlite');
    const first = await acquireWriterLock(path);
    expect(first.kind).toBe('acquired');
    const second = await acquireWriterLock(path);
    expect(second).toMatchObject({ kind: 'held', holder: { pid: process.pid, host: hostname() } });
    if (first.kind === 'acquired') await first.lock.release();
    expect((await acquireWriterLock(path)).kind).toBe('acquired');
  });

  it('waits a little for a holder that is letting go (a reloading window)', async () => {
    const path = join(await tempDir(), 'kubilitics.sqlite');
    const holder = await acquireWriterLock(path);
    if (holder.kind !== 'acquired') throw new Error('expected the lock');
    setTimeout(() => void holder.lock.release(), 300);
    expect((await acquireWriterLock(path, 0)).kind).toBe('held');
    expect((await acquireWriterLock(path, 3000)).kind).toBe('acquired');
  });

  it('a lock left by a process that has exited is taken over; one from another machine is respected', async () => {
    const path = join(await tempDir(), 'kubilitics.sqlite');
    await writeFile(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: 1 }));
    expect((await acquireWriterLock(path)).kind).toBe('acquired');
    const other = join(await tempDir(), 'kubilitics.sqlite');
    await writeFile(`${other}.lock`, JSON.stringify({ pid: deadPid(), host: 'build-agent-7', since: 1 }));
    expect(await acquireWriterLock(other)).toMatchObject({ kind: 'held', holder: { host: 'build-agent-7' } });
  });

  it('a read-only store sees what the writer saved and never writes the file, even when it is unreadable', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.sqlite');
    const writer = await open(path);
    new ClusterStore(writer.store).ensure({ context: 'prod', server: 'https://prod' }, 1);
    await writer.store.flush();
    const bytes = await readFile(path);
    const reader = await open(path, { readOnly: true });
    const clusters = new ClusterStore(reader.store);
    expect(clusters.list().map((cluster) => cluster.context)).toEqual(['prod']);
    clusters.ensure({ context: 'dev', server: 'https://dev' }, 2);
    reader.store.scheduleSave();
    await reader.store.flush();
    expect((await readFile(path)).equals(bytes)).toBe(true);

    await writeFile(path, 'not a database');
    const { warnings } = await open(path, { readOnly: true });
    expect(warnings[0]?.message).toContain('unreadable');
    expect(await readdir(dir)).toEqual(['kubilitics.sqlite']);
    expect(await readFile(path, 'utf8')).toBe('not a database');
  });
});
