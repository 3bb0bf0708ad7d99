/**
 * Optimized code depends on the hidden classes of the engine's objects, and V8 keeps a class's shapes only while
 * some object has them. A manifest view replaces its engine on every change: once the old one was collected, every
 * optimized engine function was thrown away ("weak objects" in V8's deoptimization trace) and the next build ran
 * about twice as slow. The engine module now keeps one empty engine (shapes.ts). A speed check would flake, so
 * this reads V8's own trace instead, with a control class whose shapes are meant to die.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'kubilitics-shapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Functions whose optimized code V8 threw away because objects it depended on were collected, with counts. */
async function codeDroppedByCollection(): Promise<Map<string, number>> {
  const outfile = join(dir, 'rebuilds.cjs');
  await esbuild.build({
    entryPoints: [resolve(__dirname, 'fixtures/rebuilds.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  // The bundle sits in a temporary folder: its external packages (the engine's @vscode/l10n, yaml) come from ours.
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--trace-deopt', outfile], {
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../node_modules') },
  });
  expect(stdout).toMatch(/checksum \d+/);
  const dropped = new Map<string, number>();
  for (const match of stdout.matchAll(/marking dependent code .*<SharedFunctionInfo ([^>]*)>.*reason: weak objects/g)) {
    dropped.set(match[1]!, (dropped.get(match[1]!) ?? 0) + 1);
  }
  return dropped;
}

describe('engine shapes outlive every engine', () => {
  it('collecting one engine does not throw away the optimized code of the next', async () => {
    const dropped = await codeDroppedByCollection();
    // The control proves the trace is read: its class's shapes die every round.
    expect(dropped.get('readProbe')).toBeGreaterThan(0);
    for (const control of ['readProbe', 'Probe', '<instance_members_initializer']) dropped.delete(control);
    const total = [...dropped.values()].reduce((sum, count) => sum + count, 0);
    // Without the kept engine: 126 (each table, column and claim function, every round). With it, only the code that
    // inlined a closure made per build, at most once a round: 0 to 2 seen.
    expect(total, JSON.stringify([...dropped])).toBeLessThanOrEqual(6);
  }, 120_000);
});
