import { describe, expect, it } from 'vitest';
import { ManifestSet } from '../../../src/engine/intake/manifestSet.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;

describe('ManifestSet', () => {
  it('keeps the last good version of a file while it has YAML errors, and reports them', () => {
    const set = new ManifestSet();
    set.update('a.yaml', `${cm('one')}---\n${cm('two')}`);
    set.update('a.yaml', `${cm('one')}---\n${cm('[broken')}`);
    expect(set.objects().map((o) => o.object.metadata?.name)).toEqual(['one', 'two']);
    expect(set.warnings().map((w) => w.severity)).toEqual(['error', 'note']);
    set.update('a.yaml', cm('three'));
    expect(set.objects().map((o) => o.object.metadata?.name)).toEqual(['three']);
    expect(set.warnings()).toEqual([]);
  });

  it('orders files by name and forgets removed files', () => {
    const set = new ManifestSet();
    set.update('b.yaml', cm('b'));
    set.update('a.yaml', cm('a'));
    expect(set.objects().map((o) => o.source.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(set.remove('a.yaml')).toBe(true);
    expect(set.fileNames()).toEqual(['b.yaml']);
  });
});

describe('ManifestSet with a bad alias', () => {
  it('keeps the other documents of the file and reports the bad one, instead of throwing (the whole folder failed)', () => {
    const set = new ManifestSet();
    set.update('a.yaml', `${cm('one')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: *typo }\n---\n${cm('two')}`);
    expect(set.objects().map((o) => o.object.metadata?.name)).toEqual(['one', 'two']);
    expect(set.warnings()).toMatchObject([{ file: 'a.yaml', line: 7, problem: 'bad-alias' }]);
  });
});
