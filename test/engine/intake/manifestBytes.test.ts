import { describe, expect, it } from 'vitest';
import { intakeLimits } from '../../../src/engine/intake/limits.js';
import { parseManifestBytes } from '../../../src/engine/intake/manifestBytes.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseManifestBytes', () => {
  it('reads UTF-8 without a word', () => {
    const parsed = parseManifestBytes(encode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café\n'), 'cm.yaml');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['café']);
  });

  it('says where bytes are not UTF-8 instead of replacing them silently, and still reads the file', () => {
    const head = encode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  note: "');
    const bytes = new Uint8Array([...head, 0xff, 0xfe, ...encode('"\n')]);
    const parsed = parseManifestBytes(bytes, 'latin.yaml');
    expect(parsed.objects).toHaveLength(1);
    expect(parsed.warnings).toEqual([
      expect.objectContaining({
        file: 'latin.yaml',
        line: 6,
        severity: 'error',
        problem: 'invalid-utf8',
        message: expect.stringContaining('not valid UTF-8'),
      }),
    ]);
  });

  it('does not decode a file over the limit and names the limit', () => {
    const parsed = parseManifestBytes(encode('kind: ConfigMap\n'.repeat(100)), 'big.yaml', intakeLimits({ fileBytes: 1024 }));
    expect(parsed.objects).toEqual([]);
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ problem: 'too-large', message: expect.stringContaining('skipped: larger than 1024 bytes') }),
    ]);
  });
});
