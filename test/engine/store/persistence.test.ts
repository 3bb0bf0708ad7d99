import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { SaveScheduler } from '../../../src/engine/store/persistence.js';
import { Preferences } from '../../../src/engine/store/preferences.js';
import { MIGRATIONS, open, tempDir } from './support.js';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('SaveScheduler', () => {
  it('saves once after a burst, and no later than the max delay under constant writes', async () => {
    const saves: number[] = [];
    const start = Date.now();
    const scheduler = new SaveScheduler({
      idleMs: 40,
      maxDelayMs: 150,
      write: async () => void saves.push(Date.now() - start),
      onError: () => undefined,
    });
    for (let i = 0; i < 10; i++) scheduler.schedule();
    await sleep(80);
    expect(saves).toHaveLength(1);
    // Writes every 10 ms never leave 40 ms of quiet; the max delay still forces saves.
    const until = Date.now() + 400;
    while (Date.now() < until) {
      scheduler.schedule();
      await sleep(10);
    }
    expect(saves.length).toBeGreaterThanOrEqual(3);
    await scheduler.flush();
    scheduler.dispose();
  });

  it('keeps the change pending when a save fails, and flush reports the failure', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const scheduler = new SaveScheduler({
      idleMs: 1,
      maxDelayMs: 1,
      write: async () => {
        if (fail) throw new Error('disk full');
      },
      onError: (error) => errors.push(error),
    });
    scheduler.schedule();
    await sleep(20);
    expect(errors).toHaveLength(1);
    expect(scheduler.pending).toBe(true);
    fail = false;
    await scheduler.flush();
    expect(scheduler.pending).toBe(false);
  });
});

describe('StoreDatabase saves', () => {
  it('reach the file after scheduleSave without an explicit flush', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const { store } = await open(path, { saveIdleMs: 10, maxSaveDelayMs: 50 });
    const sizeBefore = (await stat(path)).size;
    new Preferences(store).set('s', 'big', 'x'.repeat(50_000));
    // Eventually, on the store's own timers: a fixed sleep failed on a loaded machine.
    await expect.poll(async () => (await stat(path)).size, { interval: 20, timeout: 30_000 }).toBeGreaterThan(sizeBefore);
  });
});

const CHILD = resolve(__dirname, 'fixtures/crashWriter.ts');

interface KillResult {
  /** The last step the writer reported as on disk. */
  readonly flushed: number;
  /** A half-written temp file was left: the kill landed inside a save. */
  readonly midSave: boolean;
}

/**
 * Starts the writer and kills it with SIGKILL: either `delayMs` after its first save, or (`delayMs` undefined) the
 * moment a temp file appears, i.e. in the middle of a save — timers alone mostly land between saves.
 */
async function runAndKill(dir: string, path: string, delayMs: number | undefined): Promise<KillResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, MIGRATIONS], { stdio: ['ignore', 'pipe', 'pipe'] });
  let flushed = -1;
  let stderr = '';
  let firstFlush: () => void = () => undefined;
  const started = new Promise<void>((done) => (firstFlush = done));
  child.stdout.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/flushed (\d+)/g)) flushed = Math.max(flushed, Number(match[1]));
    if (flushed >= 0) firstFlush();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  await Promise.race([started, exited]);
  if (flushed < 0) throw new Error(`writer did not start: ${stderr}`);
  if (delayMs !== undefined) {
    await sleep(delayMs);
    child.kill('SIGKILL');
  } else {
    const watcher = watch(dir, (_event, name) => {
      if (name?.includes('.tmp-')) child.kill('SIGKILL');
    });
    await exited;
    watcher.close();
  }
  child.kill('SIGKILL');
  await exited;
  return { flushed, midSave: (await readdir(dir)).some((name) => name.includes('.tmp-')) };
}

describe('a process killed while writing', () => {
  it('always leaves a file that opens cleanly with a consistent, durable state', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    let previous = 0;
    let midSaveKills = 0;
    for (let round = 0; round < 20; round++) {
      const killed = await runAndKill(dir, path, round % 2 === 0 ? undefined : (round * 37) % 120);
      if (killed.midSave) midSaveKills++;
      const { store, warnings } = await open(path);
      expect(warnings, `round ${round}`).toEqual([]);
      const step = Number(new Preferences(store).get('crash', 'step'));
      const clusterId = new ClusterStore(store).ensure({ context: 'crash', server: 'local' }, 0);
      const rows = Number(store.get('SELECT COUNT(*) AS n FROM history WHERE cluster_id = ?', [clusterId])?.['n']);
      expect(rows, `round ${round}: rows match the step written with them`).toBe(step);
      expect(step, `round ${round}: every flushed step survived`).toBeGreaterThanOrEqual(killed.flushed);
      expect(step).toBeGreaterThanOrEqual(previous);
      previous = step;
      await store.close();
    }
    // The test proves something only if kills really landed inside saves.
    expect(midSaveKills).toBeGreaterThan(0);
    expect((await readdir(dir)).filter((name) => name.includes('.corrupt-') || name.includes('.tmp-'))).toEqual([]);
    expect((await readFile(path)).subarray(0, 15).toString()).toBe('SQLite format 3');
  }, 240_000);
});
