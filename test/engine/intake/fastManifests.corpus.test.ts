import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';
import { bothPaths, canonical } from './bothPaths.js';
import { mutate, random } from './mutations.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const EXAMPLES = resolve(__dirname, '../../../examples');
const present = existsSync(CORPUS);
if (!present) console.log('skipped: no ../shared/corpus');

function manifestFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return manifestFiles(path);
    return /\.(ya?ml|json)$/.test(entry) ? [path] : [];
  });
}

describe('fast intake path on real manifests', () => {
  it('reads every corpus and example file exactly as the yaml path does, objects and every line', () => {
    const files = [...manifestFiles(CORPUS), ...manifestFiles(EXAMPLES)];
    expect(files.length).toBeGreaterThanOrEqual(present ? 200 : 6);
    const fallbacks: string[] = [];
    for (const file of files) {
      const shown = relative(resolve(__dirname, '../../../..'), file);
      const text = readFileSync(file, 'utf8');
      const paths = bothPaths(text, shown);
      if (paths.fast !== undefined) expect(paths.fast, shown).toBe(paths.yaml);
      else {
        // The file goes to the yaml path, which may hand pieces of it back to the fast path: still the same result.
        fallbacks.push(shown);
        expect(canonical(parseManifestText(text, shown)), shown).toBe(canonical(parseManifestTextWithYaml(text, shown)));
      }
    }
    // None needs the yaml path today (kalc-gke-dump/tesg1.yaml, Lists run together, is read piece by piece).
    expect(fallbacks.length, fallbacks.join(', ')).toBeLessThanOrEqual(files.length / 50);
  });

  (present ? it : it.skip)('agrees with the yaml path on 1,500 mutated corpus snippets wherever it takes them', () => {
    const sources = manifestFiles(CORPUS).map((file) => readFileSync(file, 'utf8').split('\n'));
    const next = random(15);
    let taken = 0;
    for (let round = 0; round < 1500; round++) {
      const text = mutate(sources[Math.floor(next() * sources.length)]!, next);
      const paths = bothPaths(text);
      if (paths.fast === undefined) continue;
      taken++;
      expect(paths.fast, `round ${round}: ${JSON.stringify(text)}`).toBe(paths.yaml);
    }
    // Broken snippets fall back; enough of them must not, or this test would compare nothing.
    expect(taken).toBeGreaterThan(200);
  });
});
