/**
 * The CLI's `main` is imported by the export benchmark. It once started itself when it was the entry of a bundle
 * (a `require.main === module` guard), so `npm run bench` ran `kubilitics` with the bench's arguments and exited
 * half-way. The executable now lives in bin.ts; bundling and loading main.ts alone must do nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kubilitics-cli-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundleAndRun(entry: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  const outfile = join(dir, `${entry.replace(/\W/g, '_')}.cjs`);
  await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  try {
    // The bundle sits in a temporary folder: its external packages come from the project's node_modules.
    const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
    const { stdout } = await promisify(execFile)(process.execPath, [outfile, ...args], { cwd: ROOT, env });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

describe('CLI entry points', () => {
  it('main.ts as a bundle entry runs nothing', async () => {
    const run = await bundleAndRun('src/cli/main.ts', ['--no-such-option']);
    expect(run).toEqual({ code: 0, out: '' });
  }, 60_000);

  it('bin.ts is the executable: it runs main and exits with its code', async () => {
    const run = await bundleAndRun('src/cli/bin.ts', ['--no-such-option']);
    expect(run.code).toBe(2);
    const help = await bundleAndRun('src/cli/bin.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('kubilitics render');
  }, 60_000);
});
