import { describe, expect, it } from 'vitest';
import { intakeLimits } from '../../../src/engine/intake/limits.js';
import { parseManifestTextFast } from '../../../src/engine/intake/fastManifests.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';

const good = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** The file: one ConfigMap whose labels are one map of `keys` entries, 2.4 MB at 100K. */
function manyLabels(keys: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many-labels', '  labels:'];
  for (let i = 0; i < keys; i++) lines.push(`    label-${String(i).padStart(6, '0')}: v${i}`);
  return `${lines.join('\n')}\n`;
}

describe('keys per map', () => {
  // The time is in the bench (npm run bench); here only what is read. Before the fix this file took minutes.
  const text = manyLabels(100_000);

  it('reads a 100K-key map when the keysPerMap limit allows it, on both paths', () => {
    const raised = intakeLimits({ keysPerMap: 100_000 });
    for (const parsed of [parseManifestTextWithYaml(text, 'labels.yaml', raised), parseManifestText(text, 'labels.yaml', raised)]) {
      expect(parsed.warnings).toEqual([]);
      expect(Object.keys(parsed.objects[0]!.object.metadata!.labels!)).toHaveLength(100_000);
    }
  });

  it('skips a map over the limit with a warning that names the limit, its line and the setting', () => {
    const parsed = parseManifestText(`${good('kept')}---\n${manyLabels(11)}`, 'labels.yaml', intakeLimits({ keysPerMap: 10 }));
    expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['kept']);
    expect(parsed.warnings).toEqual([
      {
        file: 'labels.yaml',
        line: 11,
        severity: 'error',
        problem: 'limit',
        message:
          'document skipped: a map with 11 keys, more than 10 (the keysPerMap limit); ' +
          'raise it with the kubilitics.limits.keysPerMap setting',
      },
    ]);
  });

  it('still reports duplicate keys at the duplicate, as the yaml library did', () => {
    const text = `${good('a')}data:\n  x: "1"\n  y: "2"\n  x: "3"\n`;
    for (const parsed of [parseManifestText(text, 'dup.yaml'), parseManifestTextWithYaml(text, 'dup.yaml')]) {
      expect(parsed.objects).toEqual([]);
      expect(parsed.warnings).toEqual([
        { file: 'dup.yaml', line: 8, severity: 'error', problem: 'yaml-error', message: 'YAML error: Map keys must be unique' },
      ]);
    }
  });

  it('tells a number key from the same text quoted, as the yaml library does', () => {
    const parsed = parseManifestTextWithYaml(`${good('a')}data:\n  1: one\n  "1": also one\n`, 'keys.yaml');
    expect(parsed.warnings).toEqual([]);
  });
});

describe('aliases', () => {
  const names = (text: string): unknown[] => parseManifestText(text, 'a.yaml').objects.map((o) => o.object.metadata?.name);
  const around = (bad: string): string => `${good('first')}---\n${bad}---\n${good('last')}`;

  it('an alias with no anchor (a typo) costs its document a warning at the alias, not the file', () => {
    const text = around('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  labels: *lables\n');
    const parsed = parseManifestText(text, 'a.yaml');
    expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['first', 'last']);
    expect(parsed.warnings).toEqual([
      {
        file: 'a.yaml',
        line: 10,
        severity: 'error',
        problem: 'bad-alias',
        message: 'document skipped: alias *lables has no anchor &lables before it',
      },
    ]);
  });

  it('an alias bomb costs its document a warning that names the aliases limit', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, previous] of [...'bcdefghi'].map((letter, i) => [letter, 'abcdefgh'[i]!])) {
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    const parsed = parseManifestText(around(`${levels.join('\n')}\n`), 'a.yaml');
    expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['first', 'last']);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ line: 6, problem: 'bad-alias' });
    expect(parsed.warnings[0]!.message).toContain('aliases expand too far (more than 1000, the aliases limit)');
  });

  it('more aliases in one document than the limit: skipped before they are resolved', () => {
    const aliases = Array.from({ length: 6 }, () => '*n').join(', ');
    const bad = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: &n many }\ndata: [${aliases}]\n`;
    const parsed = parseManifestText(around(bad), 'a.yaml', intakeLimits({ aliases: 5 }));
    expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['first', 'last']);
    expect(parsed.warnings).toEqual([
      {
        file: 'a.yaml',
        line: 9,
        severity: 'error',
        problem: 'limit',
        message:
          'document skipped: more than 5 aliases in one document (the aliases limit); raise it with the kubilitics.limits.aliases setting',
      },
    ]);
    expect(names(around(bad))).toEqual(['first', 'many', 'last']);
  });
});

describe('nesting depth', () => {
  const deep = 10_000;
  const cases: Record<string, string> = {
    'flow [[[…]]]': `${'['.repeat(deep)}${']'.repeat(deep)}\n`,
    'flow {a: {a: …}}': `${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`,
    'block - - - …': `${'- '.repeat(deep)}x\n`,
  };

  for (const [shape, bad] of Object.entries(cases)) {
    it(`a 10,000-deep ${shape} is one clear warning at its line, and the other documents load (both paths)`, () => {
      const text = `${good('first')}---\n${bad}---\n${good('last')}`;
      for (const parsed of [parseManifestText(text, 'deep.yaml'), parseManifestTextWithYaml(text, 'deep.yaml')]) {
        expect(parsed.objects.map((o) => o.object.metadata?.name)).toEqual(['first', 'last']);
        expect(parsed.warnings).toEqual([
          {
            file: 'deep.yaml',
            line: 6,
            severity: 'error',
            problem: 'limit',
            message: 'document skipped: nested deeper than 200 levels (the depth limit); raise it with the kubilitics.limits.depth setting',
          },
        ]);
      }
    });
  }

  it('reads a document exactly as deep as the limit, on the fast path too', () => {
    const limits = intakeLimits({ depth: 6 });
    const text = `${good('deep')}data:\n  a:\n    b:\n      c: [[x]]\n`;
    expect(parseManifestText(text, 'deep.yaml', limits).warnings).toEqual([]);
    expect(parseManifestTextFast(text, 'deep.yaml', limits)).toBeDefined();
    const deeper = parseManifestText(text.replace('[[x]]', '[[[x]]]'), 'deep.yaml', limits);
    expect(deeper.warnings).toMatchObject([{ line: 8, problem: 'limit' }]);
    expect(parseManifestTextFast(text.replace('[[x]]', '[[[x]]]'), 'deep.yaml', limits)).toBeUndefined();
  });
});
