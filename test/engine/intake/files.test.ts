/**
 * The CLI's folder walk on hostile folders: bad bytes, sizes over the limits, symlink loops and unreadable
 * subfolders each cost a warning, and the rest of the run goes on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeManifestBytes } from '../../../src/engine/intake/decode.js';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';
import { ManifestSet } from '../../../src/engine/intake/manifestSet.js';

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
