/**
 * An unreadable subfolder (EACCES) aborted the whole CLI run. chmod does not bite as root (CI containers), so
 * readdir is made to fail here for one folder, whoever runs the test; files.test.ts also tries the real chmod.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, options: unknown) => {
    if (String(path).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return actual.readdir(path, options as never);
  }) as typeof actual.readdir;
  return { ...actual, readdir };
});

const root = mkdtempSync(join(tmpdir(), 'kubilitics-unreadable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an unreadable subfolder', () => {
  it('is one warning, and the files around it are read', async () => {
    const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;
    for (const [path, name] of [
      ['a.yaml', 'a'],
      ['locked/b.yaml', 'b'],
      ['z/c.yaml', 'c'],
    ] as const) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), cm(name));
    }
    const loaded = await loadManifestPaths([root], root);
    expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['a', 'c']);
    expect(loaded.warnings).toEqual([
      {
        file: 'locked',
        line: 1,
        severity: 'error',
        problem: 'unreadable',
        message: `cannot read this folder, skipped: EACCES: permission denied, scandir '${join(root, 'locked')}'`,
      },
    ]);
  });
});
