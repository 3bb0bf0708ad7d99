/**
 * What the intake fuzz (fuzz.test.ts, bench/fuzzSoak.ts) found, each as the smallest input that showed it: a valid
 * document lost or put at the wrong line because a document beside it was broken, one object taken for two, and a
 * quadratic limit check.
 */
import { describe, expect, it } from 'vitest';
import { blankCompactNesting, compactNestingOffsets } from '../../../src/engine/intake/documentLimits.js';
import { DEFAULT_INTAKE_LIMITS } from '../../../src/engine/intake/limits.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function read(text: string): { objects: string[]; warnings: string[] } {
  const parsed = parseManifestText(text, 'f.yaml');
  return {
    objects: parsed.objects.map((object) => `${object.source.line} ${object.object.metadata?.name ?? '?'}`),
    warnings: parsed.warnings.map((warning) => `${warning.line} ${warning.problem ?? ''}`),
  };
}

describe('intake fuzz findings', () => {
  it('keeps the lines of documents below a broken one that holds a block scalar', () => {
    // The `yaml` Parser's line callback skipped the line breaks of the tokens it gave up on: `after` was at line 6.
    const text = `--- !!map\n  name: x\nspec:\n  a: |\n    q\n    r\n---\n${configMap('after')}`;
    expect(read(text).objects).toEqual(['8 after']);
  });

  it('ends an unclosed quoted scalar at the next document marker, so the documents after it load', () => {
    // The `yaml` library read on to the end of the file looking for the closing quote; js-yaml and the YAML spec
    // end the document at `---`.
    for (const broken of ['a: "open\n', "a: 'open\n", 'a: [\n  "open\n', '--- "open\n']) {
      const text = `${configMap('before')}---\n${broken}---\n${configMap('after')}...\n${configMap('last')}`;
      const lines = text.split('\n');
      const at = (name: string): number => lines.indexOf(`  name: ${name}`) - 2;
      const result = read(text);
      expect(result.objects, broken).toEqual([`1 before`, `${at('after')} after`, `${at('last')} last`]);
      expect(result.warnings, broken).toHaveLength(1);
      expect(result.warnings[0], broken).toMatch(/yaml-error$/);
    }
  });

  it('keeps a value line of a document read after a swallowing one where it is', () => {
    const parsed = parseManifestText(`a: "open\n---\n${configMap('after')}`, 'f.yaml');
    expect(parsed.objects[0]?.valueLines?.get('after')).toBe(6);
  });

  it('does not blame the document before one skipped for its depth for the rest of its line', () => {
    // The error tokens after the skipped document went to the Composer, which gave them to `before`.
    const deep = `${'{a: '.repeat(201)}1${'}'.repeat(201)}`;
    const result = read(`${configMap('before')}---\nk: ${deep}}\n`);
    expect(result.objects).toEqual(['1 before']);
    expect(result.warnings).toEqual(['6 limit']);
  });

  it('gives the errors the Parser reports before a document to that document, not to the one before', () => {
    // `]]]` right after `--- # x`: the Parser emitted its errors before the document token.
    const result = read(`${configMap('before')}--- # x\n]]] t\nb\n---\n${configMap('after')}`);
    expect(result.objects).toEqual(['1 before', '9 after']);
    expect(result.warnings).toEqual(['6 yaml-error']);
  });

  it('leaves the end of a flow collection cut short by a marker line with the document it was in', () => {
    // The Lexer puts that end at the marker, where the next document starts; it is still the error of the first.
    const result = read(`*\n[\n---\n${configMap('after')}`);
    expect(result.objects).toEqual(['4 after']);
    expect(result.warnings).toEqual(['1 yaml-error']);
  });

  it('leaves an empty block scalar cut short by a marker line with the document it was in', () => {
    const result = read(`    x y\n  for: 2m\nb:\n  - expr: |\n--- # next\n${configMap('after')}`);
    expect(result.objects).toEqual(['5 after']);
    expect(result.warnings).toEqual(['1 yaml-error']);
  });

  it('turns away a tab-led line nested too deep before the Parser recurses on it', () => {
    // `\t- - - …` then a line that goes on: "Maximum call stack size exceeded" out of the yaml Parser.
    const text = `metadata:\n\t${'- '.repeat(5_000)}x\n\t      weight: 1\n---\n${configMap('after')}`;
    const result = read(text);
    expect(result.objects).toEqual(['5 after']);
    expect(result.warnings).toEqual(['2 limit']);
  });

  it('counts `: ` among the indicators that nest a line too deep', () => {
    // `- - … : - - … x` then a line that goes on: the check stopped at the `:`, and the Parser recursed on the rest.
    const text = `metadata:\n${'- '.repeat(300)}: ${'- '.repeat(20_000)}x\n  b: 1\n---\n${configMap('after')}`;
    const result = read(text);
    expect(result.objects).toEqual(['5 after']);
    expect(result.warnings).toEqual(['2 limit']);
  });

  it('puts a document that the Parser starts at a stray token before its marker at its own line', () => {
    // `}` after `...` was taken as the start of the next document, and its line as that document's.
    expect(read(`a: 1\n...\n}\n---\n\n${configMap('after')}`).objects).toEqual(['6 after']);
  });

  it('skips a document whose alias is inside the node it names, which would be an object containing itself', () => {
    const text = `${configMap('before')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: loop\n  labels: *m\n`;
    const parsed = parseManifestText(text, 'f.yaml');
    expect(parsed.objects.map((object) => object.object.metadata?.name)).toEqual(['before']);
    expect(parsed.warnings.map((warning) => `${warning.line} ${warning.problem}`)).toEqual(['6 bad-alias']);
    // Shared values are no loop: an alias used twice is read.
    const shared = parseManifestText(`${configMap('shared')}  labels: &l { a: b }\n  annotations: *l\n`, 'f.yaml');
    expect(shared.objects[0]?.object.metadata?.annotations).toEqual({ a: 'b' });
  });

  it('reads the documents an unclosed quote swallowed as error tokens after its document', () => {
    // After `...` the quote is no document: the Parser gave the rest of the file as error tokens after it.
    const text = `${configMap('before')}---\nk:\n  - a\n  "open\n...\nx\n---\n${configMap('after')}`;
    const result = read(text);
    expect(result.objects).toEqual(['1 before', '12 after']);
    expect(result.warnings).toEqual(['8 yaml-error', '10 not-an-object']);
  });

  it('reads the documents an unclosed quote swallowed into a document skipped for its depth', () => {
    const deep = `${'- '.repeat(201)}"x\n`;
    const result = read(`${configMap('before')}---\nk:\n${deep}---\n${configMap('after')}`);
    expect(result.objects).toEqual(['1 before', '9 after']);
    expect(result.warnings).toEqual(['7 limit']);
  });

  it('does not take the comments above one object with a duplicate key for an object run together with it', () => {
    const text = `${configMap('zero')}---\n# a comment\n\n${configMap('one')}  name: again\n`;
    const result = read(text);
    expect(result.objects).toEqual(['1 zero']);
    expect(result.warnings).toEqual(['12 yaml-error']);
  });

  it('puts objects run together below comments at their own lines', () => {
    const result = read(`${configMap('zero')}---\n# a comment\n\n${configMap('one')}${configMap('two')}`);
    expect(result.objects).toEqual(['1 zero', '8 one', '12 two']);
    expect(result.warnings).toEqual(['8 run-together']);
  });

  it('blanks lines nested too deep in one pass, however many there are', () => {
    const line = `${'- '.repeat(DEFAULT_INTAKE_LIMITS.depth + 1)}x\n`;
    const text = line.repeat(5_000); // 2 MB: re-slicing the text per line took about 10 s
    const offsets = compactNestingOffsets(text, DEFAULT_INTAKE_LIMITS);
    expect(offsets).toHaveLength(5_000);
    const blanked = blankCompactNesting(text, offsets);
    expect(blanked).toHaveLength(text.length);
    expect(blanked.split('\n').every((blankedLine) => blankedLine.trim() === 'x' || blankedLine === '')).toBe(true);
  });
});
