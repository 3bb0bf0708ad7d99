/** The `--max-*` flags: parsed into the intake limits, refused when not a size, and reported when a limit is hit. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRenderArgs } from '../../src/cli/renderArgs.js';
import type { CliIo } from '../../src/cli/renderCommand.js';
import { DEFAULT_INTAKE_LIMITS } from '../../src/engine/intake/limits.js';

const dir = mkdtempSync(join(tmpdir(), 'kubilitics-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const io: CliIo = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
  const code = await main(args, io);
  return { code, lines };
}

describe('CLI limit flags', () => {
  it('render takes --max-file-mb, --max-total-mb and --max-objects; the rest keep their defaults', () => {
    const parsed = parseRenderArgs(['deploy', '-o', 'a.svg', '--max-file-mb', '2', '--max-total-mb', '0.5', '--max-objects', '7']);
    expect(parsed.ok && parsed.value.limits).toEqual({
      ...DEFAULT_INTAKE_LIMITS,
      fileBytes: 2 * 1024 * 1024,
      totalBytes: 512 * 1024,
      objects: 7,
    });
    const plain = parseRenderArgs(['deploy', '-o', 'a.svg']);
    expect(plain.ok && plain.value.limits).toEqual(DEFAULT_INTAKE_LIMITS);
  });

  it.each([
    [['--max-file-mb', 'ten'], "--max-file-mb must be a number of megabytes above 0 (got 'ten')"],
    [['--max-total-mb', '0'], "--max-total-mb must be a number of megabytes above 0 (got '0')"],
    [['--max-objects', '1.5'], "--max-objects must be a whole number above 0 (got '1.5')"],
  ])('refuses %j', (flags, problem) => {
    expect(parseRenderArgs(['deploy', '-o', 'a.svg', ...flags])).toEqual({ ok: false, problem });
  });

  it('summary reads under --max-objects and says which limit stopped it and how to raise it', async () => {
    const folder = join(dir, 'many');
    mkdirSync(folder);
    const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;
    writeFileSync(join(folder, 'a.yaml'), `${cm('a')}---\n${cm('b')}---\n${cm('c')}`);
    const { code, lines } = await run('summary', folder, '--max-objects', '2');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^1 files, 2 objects/);
    expect(lines.join('\n')).toContain('stopped at 2 objects (the objects limit per run) in this file; raise it with --max-objects');
  });

  it('summary refuses a bad limit as a usage error', async () => {
    const { code, lines } = await run('summary', dir, '--max-file-mb=-1');
    expect(code).toBe(2);
    expect(lines[0]).toBe("kubilitics: --max-file-mb must be a number of megabytes above 0 (got '-1')");
  });
});
