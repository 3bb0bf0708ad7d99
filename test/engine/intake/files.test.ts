/**
 * The CLI's folder walk on hostile folders: bad bytes, sizes over the limits, symlink loops and unreadable
 * subfolders each cost a warning, and the rest of the run goes on.
 */
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeManifestBytes } from '../../../src/engine/intake/decode.js';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';
import { intakeLimits } from '../../../src/engine/intake/limits.js';
import { ManifestSet } from '../../../src/engine/intake/manifestSet.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';

const base = mkdtempSync(join(tmpdir(), 'kubilitics-walk-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder holding `files` (path → text or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const root = join(base, `case-${++folders}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
/** `café` in Latin-1: one byte 0xE9 that is not UTF-8. */
const latin1 = Buffer.concat([Buffer.from(`${configMap('first')}---\n${configMap('caf')}`.trimEnd()), Buffer.from([0xe9, 0x0a])]);

describe('invalid UTF-8', () => {
  it('is read with a warning at the line of the first bad byte, where it was replaced silently', async () => {
    const root = folder({ 'latin1.yaml': latin1, 'good.yaml': configMap('good') });
    const loaded = await loadManifestPaths([root], root);
    expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['good', 'first', 'caf\uFFFD']);
    expect(loaded.warnings).toEqual([
      {
        file: 'latin1.yaml',
        line: 9,
        severity: 'error',
        problem: 'invalid-utf8',
        message: 'not valid UTF-8: read with the bad bytes replaced by U+FFFD (save the file as UTF-8)',
      },
    ]);
  });

  it('is reported the same by the extension (ManifestSet given the bytes)', () => {
    const set = new ManifestSet();
    set.update('latin1.yaml', latin1);
    expect(set.warnings()).toMatchObject([{ file: 'latin1.yaml', line: 9, problem: 'invalid-utf8' }]);
    expect(set.objects()).toHaveLength(2);
  });

  it('valid UTF-8, a byte order mark included, is read without a word', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(configMap('café'))]);
    expect(decodeManifestBytes(bytes, 'a.yaml')).toEqual({ text: configMap('café') });
  });
});

describe('size limits', () => {
  it('a single 50 MB value is turned away before any parse, by the fileBytes limit', () => {
    const text = `${configMap('huge')}data:\n  blob: ${'x'.repeat(50 * 1024 * 1024)}\n`;
    expect(parseManifestText(text, 'huge.yaml')).toEqual({
      objects: [],
      warnings: [
        {
          file: 'huge.yaml',
          line: 1,
          severity: 'note',
          problem: 'too-large',
          message:
            'skipped: larger than 10 MB (the fileBytes limit per file); ' +
            'raise it with --max-file-mb (CLI) or the kubilitics.limits.fileMB setting',
        },
      ],
    });
  });

  it('a file over fileBytes is skipped by its size on disk, the others read', async () => {
    const root = folder({ 'a.yaml': configMap('a'), 'b.yaml': `${configMap('b')}data: { x: "${'x'.repeat(2000)}" }\n` });
    const loaded = await loadManifestPaths([root], root, intakeLimits({ fileBytes: 1024 }));
    expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['a']);
    expect(loaded.warnings).toMatchObject([{ file: 'b.yaml', problem: 'too-large' }]);
  });

  it('stops at totalBytes with one note naming the limit, the flag and how many files were left', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [`${name}.yaml`, configMap(name)]));
    const root = folder(files);
    const size = configMap('a').length;
    const loaded = await loadManifestPaths([root], root, intakeLimits({ totalBytes: 2 * size + 1 }));
    expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['a', 'b']);
    expect(loaded.warnings).toEqual([
      {
        file: 'c.yaml',
        line: 1,
        severity: 'error',
        problem: 'limit',
        message:
          `skipped this and 1 more files: together the manifests are over ${2 * size + 1} bytes (the totalBytes limit per run); ` +
          'raise it with --max-total-mb (CLI) or the kubilitics.limits.totalMB setting',
      },
    ]);
  });

  it('stops at the objects limit, keeping exactly that many', async () => {
    const root = folder({
      'a.yaml': `${configMap('a1')}---\n${configMap('a2')}`,
      'b.yaml': `${configMap('b1')}---\n${configMap('b2')}`,
      'c.yaml': configMap('c'),
    });
    const loaded = await loadManifestPaths([root], root, intakeLimits({ objects: 3 }));
    expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['a1', 'a2', 'b1']);
    expect(loaded.warnings).toEqual([
      {
        file: 'b.yaml',
        line: 1,
        severity: 'error',
        problem: 'limit',
        message:
          'stopped at 3 objects (the objects limit per run) in this file, and 1 more files not read; ' +
          'raise it with --max-objects (CLI) or the kubilitics.limits.objects setting',
      },
    ]);
  });
});

describe('symlinked folders', () => {
  const names = (loaded: { objects: { object: { metadata?: { name?: string } } }[] }): unknown[] =>
    loaded.objects.map((o) => o.object.metadata?.name);

  it('a link to a folder elsewhere is followed and read once', async () => {
    const shared = folder({ 'shared.yaml': configMap('shared') });
    const root = folder({ 'app.yaml': configMap('app') });
    symlinkSync(shared, join(root, 'base'));
    symlinkSync(shared, join(root, 'again'));
    const loaded = await loadManifestPaths([root], root);
    expect(names(loaded)).toEqual(['shared', 'app']);
    expect(loaded.files).toEqual(['again/shared.yaml', 'app.yaml']);
    expect(loaded.warnings).toEqual([]);
  });

  it('a self-link is one note, and every file is read once', async () => {
    const root = folder({ 'a.yaml': configMap('a'), 'sub/b.yaml': configMap('b') });
    symlinkSync('.', join(root, 'sub', 'self'));
    const loaded = await loadManifestPaths([root], root);
    expect(names(loaded)).toEqual(['a', 'b']);
    expect(loaded.warnings).toEqual([
      {
        file: 'sub/self',
        line: 1,
        severity: 'note',
        problem: 'symlink-loop',
        message: `symlink loop: leads back to ${realpathSync(join(root, 'sub'))}, not read again`,
      },
    ]);
  });

  it('two links up the tree (exponential before) cost one note and one read of each file', async () => {
    const root = folder({ 'top.yaml': configMap('top'), 'x/f.yaml': configMap('f') });
    symlinkSync('..', join(root, 'x', 'up1'));
    symlinkSync('..', join(root, 'x', 'up2'));
    const loaded = await loadManifestPaths([root], root);
    expect(names(loaded)).toEqual(['top', 'f']);
    expect(loaded.warnings.map((w) => [w.file, w.problem])).toEqual([['x/up1', 'symlink-loop']]);
  });

  it('a broken link named like a manifest is reported, one named like a folder is left alone', async () => {
    const root = folder({ 'a.yaml': configMap('a') });
    symlinkSync(join(root, 'missing'), join(root, 'gone.yaml'));
    symlinkSync(join(root, 'missing'), join(root, 'gone'));
    const loaded = await loadManifestPaths([root], root);
    expect(names(loaded)).toEqual(['a']);
    expect(loaded.warnings).toMatchObject([{ file: 'gone.yaml', problem: 'unreadable' }]);
  });
});

describe('unreadable folders', () => {
  const root = process.getuid?.() === 0;
  it.skipIf(root)('a folder without permissions is a warning and the walk goes on (skipped as root: chmod does not bite)', async () => {
    const base = folder({ 'a.yaml': configMap('a'), 'locked/b.yaml': configMap('b'), 'z/c.yaml': configMap('c') });
    chmodSync(join(base, 'locked'), 0o000);
    try {
      const loaded = await loadManifestPaths([base], base);
      expect(loaded.objects.map((o) => o.object.metadata?.name)).toEqual(['a', 'c']);
      expect(loaded.warnings).toMatchObject([{ file: 'locked', severity: 'error', problem: 'unreadable' }]);
    } finally {
      chmodSync(join(base, 'locked'), 0o755);
    }
  });
});
