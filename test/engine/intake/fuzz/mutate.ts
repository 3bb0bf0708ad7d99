import type { Random } from './random.js';

/**
 * Byte-level mutations of a manifest, as an attacker, a bad merge or a broken editor would make them (#16): bits
 * flipped, the file cut short, lines doubled or dropped, aliases and anchors where none belong, indentation moved,
 * document markers inserted, bytes that are not UTF-8, very long lines and deep nesting. Each operation works on
 * the bytes it is given and nothing else, so a caller can mutate one document's body and keep its neighbours.
 */
export interface Mutated {
  readonly bytes: Uint8Array;
  /** The operations applied, in order, for a failure's report. */
  readonly ops: readonly string[];
}

type Operation = (bytes: Uint8Array, random: Random) => Uint8Array;

const text = (value: string): Uint8Array => Buffer.from(value, 'utf8');
const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** Bytes YAML gives a meaning to, and bytes no text should hold. */
const SIGNIFICANT = [...':-?[]{},#&*!|>\'"%@`\t\r\n\\ ~.'].map((c) => c.charCodeAt(0)).concat([0x00, 0x0b, 0x0c, 0x1b, 0x7f, 0x85]);

/** Pieces of syntax dropped into a line. */
const PIECES = [
  ': ',
  '- ',
  ' #',
  '{',
  '}',
  '[',
  ']',
  ', ',
  "'",
  '"',
  '? ',
  '|',
  '>-',
  '|+2',
  '!!binary ',
  '!<tag:x> ',
  '!!set ',
  '<<: ',
  '"\\',
  '"\\u00',
  '"\\xZZ"',
  '0x',
  '.inf',
  '-.nan',
  '~',
  '&',
  '*',
  '!',
  '%',
  '@',
  '`',
  'on',
  'NO',
  '0o17',
  '1e400',
  '-0',
];

/** Alias edits: an anchor or alias where none belongs, an alias to nothing, chains and small bombs. */
const ALIASES = [
  ' &a',
  ' *a',
  ' *undefined',
  ' &a *a',
  ' &x [*x]',
  ' !!merge *a',
  '<<: *a\n',
  '<<: [*a, *b]\n',
  '*a: 1\n',
  ' &a {b: &b [*a]}',
  ' &a &b',
  ' &',
  ' *',
  ' &a\u0000',
  ' *a*b',
  ' & a',
  ' &\u00e9 *\u00e9',
];

const LATER_ALIAS_BOMB = (width: number, levels: number): string => {
  const lines = ['l0: &l0 [x]'];
  for (let level = 1; level <= levels; level++)
    lines.push(
      `l${level}: &l${level} [${Array(width)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
};

/** Code points that parsers treat apart: BOM, NEL, line and paragraph separators, zero-width, astral, private use. */
const CODE_POINTS = [0xfeff, 0x85, 0x2028, 0x2029, 0x200b, 0xa0, 0x3000, 0x1f600, 0x10ffff, 0xe000, 0xfffd, 0xfffe, 0x0, 0x7f, 0x9c];

/** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, surrogates, cut-off sequences. */
const INVALID_UTF8 = [
  [0x80],
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
];

function at(bytes: Uint8Array, random: Random): number {
  return random.below(bytes.length + 1);
}

function insert(bytes: Uint8Array, offset: number, piece: Uint8Array): Uint8Array {
  return concat(bytes.subarray(0, offset), piece, bytes.subarray(offset));
}

/** The file's lines, each with its line break (the last may have none). */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Some lines changed by `change`: a run of 1 to 5 from a random line. */
function onLines(bytes: Uint8Array, random: Random, change: (run: Uint8Array[], rest: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const lines = splitLines(bytes);
  if (lines.length === 0) return bytes;
  const first = random.below(lines.length);
  const run = lines.slice(first, first + random.between(1, 5));
  return concat(...lines.slice(0, first), ...change(run, lines), ...lines.slice(first + run.length));
}

/** A random line start (or the end), to insert whole lines at. */
function lineStart(bytes: Uint8Array, random: Random): number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return random.pick(starts);
}

const withBreak = (line: Uint8Array): Uint8Array => (line[line.length - 1] === 0x0a ? line : concat(line, text('\n')));

const OPERATIONS: Readonly<Record<string, Operation>> = {
  flip: (bytes, random) => {
    const out = Uint8Array.from(bytes);
    for (let n = random.between(1, 4); n > 0 && out.length > 0; n--) out[random.below(out.length)]! ^= 1 << random.below(8);
    return out;
  },
  byte: (bytes, random) => {
    if (bytes.length === 0) return bytes;
    const out = Uint8Array.from(bytes);
    out[random.below(out.length)] = random.chance(0.7) ? random.pick(SIGNIFICANT) : random.below(256);
    return out;
  },
  truncate: (bytes, random) => bytes.subarray(0, random.below(bytes.length + 1)),
  duplicateLines: (bytes, random) => onLines(bytes, random, (run) => [...run.map(withBreak), ...run]),
  deleteLines: (bytes, random) => onLines(bytes, random, () => []),
  moveLines: (bytes, random) => {
    const lines = splitLines(bytes);
    const from = random.below(lines.length + 1);
    const moved = lines.splice(from, random.between(1, 8)).map(withBreak);
    lines.splice(random.below(lines.length + 1), 0, ...moved);
    return concat(...lines);
  },
  indent: (bytes, random) =>
    onLines(bytes, random, (run) => {
      const shift = random.pick([-4, -2, -1, 1, 2, 3, 8]);
      const tab = random.chance(0.15);
      return run.map((line) => {
        if (tab) return concat(text('\t'), line);
        if (shift > 0) return concat(text(' '.repeat(shift)), line);
        let drop = 0;
        while (drop < -shift && line[drop] === 0x20) drop++;
        return line.subarray(drop);
      });
    }),
  alias: (bytes, random) => insert(bytes, at(bytes, random), text(random.pick(ALIASES))),
  aliasLine: (bytes, random) => {
    const anchor = random.pick(['a', 'b', 'x', 'undefined']);
    const piece = random.pick([`k: &${anchor} v\n`, `k: *${anchor}\n`, `- *${anchor}\n`, `<<: *${anchor}\n`, `? *${anchor}\n: v\n`]);
    return insert(bytes, lineStart(bytes, random), text(piece));
  },
  aliasBomb: (bytes, random) =>
    insert(bytes, lineStart(bytes, random), text(LATER_ALIAS_BOMB(random.between(2, 10), random.between(2, 9)))),
  marker: (bytes, random) =>
    insert(
      bytes,
      lineStart(bytes, random),
      text(random.pick(['---\n', '...\n', '--- |\n', '--- !!map\n', '---\t#\n', '%YAML 1.1\n', '%TAG ! x\n', '---x\n'])),
    ),
  syntax: (bytes, random) => insert(bytes, at(bytes, random), text(random.pick(PIECES))),
  unicode: (bytes, random) => {
    const piece = random.chance(0.5) ? Uint8Array.from(random.pick(INVALID_UTF8)) : text(String.fromCodePoint(random.pick(CODE_POINTS)));
    return insert(bytes, at(bytes, random), piece);
  },
  longLine: (bytes, random) => {
    const length = random.pick([1_000, 10_000, 100_000, 300_000]);
    const piece = random.pick([
      `k: ${'x'.repeat(length)}\n`,
      `${' '.repeat(length)}a: b\n`,
      `k: "${'\\n'.repeat(length / 2)}"\n`,
      `${'- '.repeat(length / 2)}x\n`,
    ]);
    return insert(bytes, lineStart(bytes, random), text(piece));
  },
  nesting: (bytes, random) => {
    const depth = random.pick([20, 150, 201, 500, 5_000]);
    const piece = random.pick([
      '['.repeat(depth),
      `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
      `${'- '.repeat(depth)}x`,
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
    ]);
    return insert(bytes, at(bytes, random), text(piece));
  },
  splice: (bytes, random) => {
    const from = random.below(bytes.length + 1);
    return insert(bytes, at(bytes, random), bytes.slice(from, from + random.between(1, 200)));
  },
};

export const OPERATION_NAMES = Object.keys(OPERATIONS);

/** One to `most` operations, chosen by `random`, applied in turn. */
export function mutate(bytes: Uint8Array, random: Random, most = 4): Mutated {
  const ops: string[] = [];
  let out = bytes;
  for (let n = random.between(1, most); n > 0; n--) {
    const name = random.pick(OPERATION_NAMES);
    ops.push(name);
    out = OPERATIONS[name]!(out, random);
  }
  return { bytes: out, ops };
}
