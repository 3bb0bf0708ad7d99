import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestTextFast } from '../../../src/engine/intake/fastManifests.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import { splitAtTopLevelApiVersion } from '../../../src/engine/intake/runTogether.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';
import { bothPaths, canonical } from './bothPaths.js';
import { edit, random } from './mutations.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;

describe('objects run together without ---, read by the fast path', () => {
  it.each([
    ['two objects', pod('a') + pod('b')],
    ['three Lists with items, comments and blank lines between', listOf('a') + '\n# next\n' + listOf('b') + listOf('c')],
    ['an empty List between', listOf('a') + 'apiVersion: v1\nitems: []\nkind: List\n' + listOf('b')],
    ['a piece that is not an object', pod('a') + 'apiVersion: v1\nnote: no kind\n' + pod('b')],
    [
      'a multi-line plain scalar and a block scalar before the next piece',
      pod('a') + 'x: one\n  two\n' + pod('b') + 'y: |\n  z\n' + pod('c'),
    ],
    ['apiVersion with a space before the colon', pod('a') + 'apiVersion : v1\nkind: Pod\n'],
  ])('%s: the same objects, lines and warning as the yaml path', (_name, text) => {
    expect(parseManifestTextFast(text, 'dump.yaml')).toBeDefined();
    const paths = bothPaths(text, 'dump.yaml');
    expect(paths.fast).toBe(paths.yaml);
    expect(parseManifestTextFast(text, 'dump.yaml')!.warnings[0]).toMatchObject({ problem: 'run-together', line: 1 });
  });

  it('says where the second object starts and gives each object its own line', () => {
    const parsed = parseManifestTextFast(pod('a') + '\n' + pod('b'), 'dump.yaml')!;
    expect(parsed.warnings.map((warning) => warning.message)).toEqual([
      "2 objects run together without '---' separators (duplicate key at line 6); " +
        "recovered them by splitting at each top-level 'apiVersion:'",
    ]);
    expect(parsed.objects.map((object) => [object.object.metadata?.name, object.source.line])).toEqual([
      ['a', 1],
      ['b', 6],
    ]);
  });

  it.each([
    ['a comment before the first object', '# dump\n' + pod('a') + pod('b')],
    ['a document marker later in the file', pod('a') + pod('b') + '---\n' + pod('c')],
    ['a first line that is not apiVersion', 'kind: Pod\n' + pod('a') + pod('b')],
    ['a duplicate key inside the first object', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n' + pod('c')],
    ['an anchor in one piece', pod('a') + 'x: &v 1\ny: *v\n' + pod('b')],
    ['a YAML error in one piece', pod('a') + 'x: [unclosed\n' + pod('b')],
    ['a duplicate key that is not apiVersion', pod('a') + 'kind: Service\n'],
    // The yaml path cuts at `apiVersion:x`, a different key, so its first duplicate is `kind` on line 4.
    ['keys that only start like apiVersion', 'apiVersion:x: 1\nkind: A\napiVersion:y: 2\nkind: B\n'],
    ['a piece cut at a key that only starts like apiVersion', pod('a') + 'apiVersion:x: 1\n' + pod('b')],
    // Cut at line feeds, each piece but the last ends in a lone carriage return, which the fast path never reads.
    ['CRLF line ends', (pod('a') + pod('b')).replace(/\n/g, '\r\n')],
  ])('%s: given to the yaml path, with the same result', (_name, text) => {
    expect(parseManifestTextFast(text, 'dump.yaml')).toBeUndefined();
    expect(canonical(parseManifestText(text, 'dump.yaml'))).toBe(canonical(parseManifestTextWithYaml(text, 'dump.yaml')));
  });

  (existsSync(CORPUS) ? it : it.skip)(
    'agrees with the yaml path on 300 runs of real corpus objects joined without ---, half of them edited',
    () => {
      const documents = readdirSync(CORPUS)
        .filter((set) => statSync(join(CORPUS, set)).isDirectory())
        .flatMap((set) => yamlFiles(join(CORPUS, set)))
        .flatMap((file) => readFileSync(file, 'utf8').split(/^---.*\n/m))
        .filter((document) => /^apiVersion\s*:/.test(document) && document.length < 8000);
      let taken = 0;
      const next = random(15);
      for (let round = 0; round < 300; round++) {
        const count = 2 + Math.floor(next() * 3);
        const joined = Array.from({ length: count }, () => documents[Math.floor(next() * documents.length)]!).join('');
        // Half of them edited: broken pieces, markers and comments dropped in must send the file to the yaml path.
        const text = next() < 0.5 ? joined : edit(joined, next);
        const paths = bothPaths(text, 'joined.yaml');
        if (paths.fast === undefined) continue;
        taken++;
        expect(paths.fast, `round ${round}`).toBe(paths.yaml);
      }
      expect(taken).toBeGreaterThan(150);
    },
  );
});

describe('splitting a document at top-level apiVersion lines', () => {
  /** The plain reading: every line tested on its own. */
  function splitLineByLine(chunk: string): { text: string; lineOffset: number }[] {
    const lines = chunk.split('\n');
    const pieces: { text: string; lineOffset: number }[] = [];
    let start = 0;
    for (let index = 1; index <= lines.length; index++) {
      if (index === lines.length || /^apiVersion\s*:/.test(lines[index]!)) {
        pieces.push({ text: lines.slice(start, index).join('\n'), lineOffset: start });
        start = index;
      }
    }
    return pieces.filter((piece) => piece.text.trim().length > 0);
  }

  it('cuts where testing each line alone cuts, on 2,000 random texts', () => {
    const parts = ['apiVersion', 'apiVersion:', 'apiVersion :', 'apiVersion\t:', 'apiVersions:', ' apiVersion:', ':', ' ', '\t'];
    const more = ['\n', '\n', '\r\n', '\r', 'kind: A', '# c', 'x', '\u00a0'];
    const next = random(7);
    for (let round = 0; round < 2000; round++) {
      const all = [...parts, ...more];
      const text = Array.from({ length: 1 + Math.floor(next() * 14) }, () => all[Math.floor(next() * all.length)]).join('');
      expect(splitAtTopLevelApiVersion(text), JSON.stringify(text)).toEqual(splitLineByLine(text));
    }
  });
});

function listOf(name: string): string {
  const item = (itemName: string): string => pod(itemName).trimEnd().replace(/\n/g, '\n  ');
  return `apiVersion: v1\nitems:\n- ${item(name)}\n- ${item(`${name}2`)}\nkind: List\n`;
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}
