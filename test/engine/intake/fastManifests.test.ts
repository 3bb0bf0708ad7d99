import { describe, expect, it } from 'vitest';
import { parseManifestTextFast } from '../../../src/engine/intake/fastManifests.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';
import { bothPaths, canonical } from './bothPaths.js';

const object = (body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n${body}`;

describe('fast intake path (js-yaml) reads as the yaml path does', () => {
  it('resolves plain scalars by the YAML 1.2 core schema, as the yaml library does, not as YAML 1.1', () => {
    const text = object(
      [
        'on: on',
        'yes: yes',
        'off: Off',
        'y: y',
        'octal: 0755',
        'octal12: 0o755',
        'hex: 0x1F',
        'underscored: 1_000',
        'binary: 0b101',
        'sexagesimal: 1:20',
        'negativeZero: -0',
        'plus: +12',
        'half: .5',
        'plusHalf: +.5',
        'one: 1.',
        'exp: 1e3',
        'expSigned: -1.5E-2',
        'inf: .inf',
        'minusInf: -.Inf',
        'nan: .NaN',
        'date: 2001-01-01',
        'stamp: 2001-12-14t21:59:43.10-05:00',
        'tilde: ~',
        'nullWord: Null',
        'nullCaps: NULL',
        'empty:',
        'trueWord: True',
        'trueCaps: TRUE',
        'mixed: tRue',
        'big: 12345678901234567890',
        'badOctal: 0o8',
        'badHex: 0xG',
        'quotedNumber: "12"',
        "quotedBool: 'true'",
        '<<: { merged: no }',
      ]
        .map((line) => `  ${line}`)
        .join('\n') + '\n',
    );
    const paths = bothPaths(text);
    expect(paths.fast).toBe(paths.yaml);
    const data = parseManifestTextFast(text, 'scalars.yaml')!.objects[0]!.object['data'] as Record<string, unknown>;
    expect(data).toMatchObject({ on: 'on', yes: 'yes', off: 'Off', y: 'y', octal: 755, octal12: 493, hex: 31 });
    expect(data).toMatchObject({ underscored: '1_000', binary: '0b101', sexagesimal: '1:20', plus: 12, plusHalf: 0.5 });
    expect(data).toMatchObject({ date: '2001-01-01', stamp: '2001-12-14t21:59:43.10-05:00', tilde: null, empty: null });
    expect(data).toMatchObject({
      nullWord: null,
      nullCaps: null,
      trueWord: true,
      trueCaps: true,
      mixed: 'tRue',
      quotedNumber: '12',
      quotedBool: 'true',
    });
    expect(Object.is(data['negativeZero'], -0)).toBe(true);
    expect([data['inf'], data['minusInf'], data['nan']]).toEqual([Infinity, -Infinity, NaN]);
    // `<<` is an ordinary key in YAML 1.2: nothing is merged into `data`.
    expect(data['<<']).toEqual({ merged: 'no' });
    expect(data['merged']).toBeUndefined();
  });

  it.each([
    ['leading comments and empty documents', '# c\n\napiVersion: v1\nkind: A\n---\n---\n# x\n\napiVersion: v1\nkind: B\n'],
    ['a comment on the marker line', 'apiVersion: v1\nkind: A\n--- # second\napiVersion: v1\nkind: B\n'],
    ['a marker with trailing blanks and a document end', 'apiVersion: v1\nkind: A\n...\n---\t\n\napiVersion: v1\nkind: B\n'],
    ['a document after ... without a marker', 'apiVersion: v1\nkind: A\n...\napiVersion: v1\nkind: B\n'],
    ['values on the next line, after comments', object('  a:\n    # why\n    value-a\n  b: >-\n    folded\n    text\n  c: |\n    x\n')],
    ['repeated values: the first line wins', object('  a: same\n  b: other\n  c: same\n') + 'spec:\n  x: other\n  y: [same]\n'],
    ['flow mappings on one line and across lines', object('  a: x\n') + 'spec: {a: x, b: {c: y,\n  d: z}, e: [x, y]}\n'],
    ['quoted and multi-line scalars', object('  a: "x\\ty"\n  b: \'it\'\'s\'\n  c: "multi\n    line"\n  d: plain\n    continued\n')],
    ['CRLF line ends', 'apiVersion: v1\r\nkind: A\r\nmetadata:\r\n  name: n\r\n---\r\napiVersion: v1\r\nkind: B\r\n'],
    ['a byte order mark', '\ufeffapiVersion: v1\nkind: A\nmetadata:\n  name: n\n'],
    ['a List in block style', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n-\n  apiVersion: v1\n  kind: Pod\n- 3\n'],
    ['a List in flow style', 'apiVersion: v1\nkind: PodList\nitems: [{apiVersion: v1, kind: Pod},\n  {apiVersion: v1, kind: Pod}]\n'],
    ['a List whose items sit under a key', 'kind: List\napiVersion: v1\nitems:\n  [ {apiVersion: v1, kind: Pod} ]\n'],
    ['JSON', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "labels": {"app": "s"}}}'],
    ['flow style with trailing commas', '{ apiVersion: "v1", kind: "Service", metadata: { name: "f", }, }'],
    ['explicit keys with values', object('  ? a\n  : x\n  ? |\n    b\n  : y\n')],
    ['not objects: scalars, sequences, a Chart', 'just text\n---\n- a\n- b\n---\nname: chart\nversion: 1.0.0\n'],
    [
      'sequences of scalars, block scalars and nested sequences',
      object('  a: x\n') + 'args:\n- |\n  script\n- >\n  folded\n- - n\n  - m\n- "q"\n',
    ],
  ])('records the same lines and values: %s', (_name, text) => {
    const paths = bothPaths(text);
    expect(paths.fast).toBeDefined();
    expect(paths.fast).toBe(paths.yaml);
  });

  it('gives value lines and object lines a reader can check', () => {
    const parsed = parseManifestTextFast(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName:\n    # the account\n    robot\n',
      'pod.yaml',
    )!;
    expect(parsed.objects[0]!.source).toEqual({ file: 'pod.yaml', line: 1 });
    expect([...parsed.objects[0]!.valueLines!]).toEqual([
      ['v1', 1],
      ['Pod', 2],
      ['p', 4],
      ['robot', 8],
    ]);
  });
});

describe('fast intake path gives the yaml path what it cannot mirror', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const name of 'bcdefgh')
    bomb.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
        .join(',')}]`,
    );
  const deep = `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ${'['.repeat(250)}${']'.repeat(250)}\n`;

  it.each([
    ['a YAML error', 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nmetadata: { name: [unclosed\n---\napiVersion: v1\nkind: C\n'],
    ['objects run together after a comment', '# dump\napiVersion: v1\nkind: A\napiVersion: v1\nkind: B\n'],
    ['an anchor and an alias', object('  a: &x value\n  b: *x\n')],
    ['an alias bomb', bomb.join('\n') + '\n'],
    ['a custom tag', 'apiVersion: v1\nkind: A\nvalue: !Ref other\n'],
    ['a standard tag', object('  a: !!str 12\n')],
    ['nesting deeper than the depth limit', deep],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\napiVersion: v1\nkind: A\nflag: on\n'],
    ['a lone carriage return', 'apiVersion: v1\rkind: A\n'],
    ['a null key', object('  ~: a\n')],
    ['a number key', object('  1: a\n')],
    ['a pair inside a sequence', object('  a: [b: c]\n')],
    ['an explicit key without a value', object('  ? a\n  b: c\n')],
    ['a comment touching a quote', object('  a: "x"#c\n')],
    ['an implicit key longer than 1024 characters', object(`  ${'k'.repeat(1030)}: v\n`)],
    ['flow indentation the yaml path rejects', object('  a: [b,\nc]\n')],
  ])('%s', (_name, text) => {
    expect(parseManifestTextFast(text, 'f.yaml')).toBeUndefined();
    const outcome = (parse: typeof parseManifestText): string => {
      try {
        return canonical(parse(text, 'f.yaml'));
      } catch (error) {
        return `throws ${(error as Error).message}`;
      }
    };
    expect(outcome(parseManifestText)).toBe(outcome(parseManifestTextWithYaml));
  });

  it('keeps every document of a file that falls back because of one', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nx: &a 1\ny: *a\n---\napiVersion: v1\nkind: C\n';
    expect(parseManifestTextFast(text, 'f.yaml')).toBeUndefined();
    const parsed = parseManifestText(text, 'f.yaml');
    expect(parsed.objects.map((o) => [o.object.kind, o.source.line])).toEqual([
      ['A', 1],
      ['B', 4],
      ['C', 9],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps the yaml path error message and line', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nmetadata: { name: [unclosed\n';
    expect(parseManifestText(text, 'f.yaml')).toEqual(parseManifestTextWithYaml(text, 'f.yaml'));
    expect(parseManifestText(text, 'f.yaml').warnings[0]).toMatchObject({
      problem: 'yaml-error',
      message: expect.stringMatching(/^YAML error: /),
    });
  });
});
