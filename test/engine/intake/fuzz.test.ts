/**
 * The intake fuzz in `npm test` (#16): mutated bytes of the corpus (../shared/corpus, when present), examples/shop and
 * our fixtures, through parse, engine and graph, with every 40th case laid out and exported. A fixed seed and a
 * fixed number of cases, never a time budget, so every run tries the same inputs. Properties (fuzz/check.ts): nothing
 * throws; every warning and object names its file and a line inside it; the graph is valid; and every valid document
 * beside a broken one loads, unchanged, at its own lines. The soak runs the same cases by the ten thousand:
 * `npx tsx bench/fuzzSoak.ts [cases] [seed]`. A failure names its seed and case; `FUZZ_SEED`/`FUZZ_CASES` rerun others.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseMaker } from './fuzz/cases.js';
import { checkCase } from './fuzz/check.js';
import { loadSources } from './fuzz/sources.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 16);
const CASES = Number(process.env['FUZZ_CASES'] ?? 1_500);
const SCENE_EVERY = 40;

const { sources, corpusPresent } = loadSources(resolve(__dirname, '../../..'));
if (!corpusPresent) console.log('skipped: no ../shared/corpus (fuzzing examples/shop and our fixtures only)');

describe('intake fuzz', () => {
  it(`keeps every property on ${CASES} mutated inputs of seed ${SEED}`, async () => {
    expect(sources.length).toBeGreaterThanOrEqual(corpusPresent ? 200 : 10);
    const maker = new CaseMaker(sources, SEED);
    const failures: string[] = [];
    const kinds = { file: 0, mixed: 0 };
    let slowest = { index: -1, ms: 0 };
    for (let index = 0; index < CASES; index++) {
      const fuzzCase = maker.make(index);
      kinds[fuzzCase.kind]++;
      const started = performance.now();
      const name = `seed ${SEED} case ${index} (${fuzzCase.kind}; ${fuzzCase.ops.join(' ')}; from ${fuzzCase.from.join(', ')})`;
      try {
        for (const problem of await checkCase(fuzzCase, { scene: index % SCENE_EVERY === 0 })) failures.push(`${name}: ${problem}`);
      } catch (error) {
        failures.push(`${name}: crash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { index, ms };
    }
    // Timing is reported, never asserted: a case over 10 s would blow the test's timeout anyway.
    const slow = `slowest: case ${slowest.index}, ${slowest.ms.toFixed(0)} ms`;
    console.log(`intake fuzz: ${CASES} cases (${kinds.file} files, ${kinds.mixed} mixed); ${slow}`);
    expect(failures.slice(0, 10)).toEqual([]);
    // Both kinds of case ran, in about equal numbers.
    expect(Math.min(kinds.file, kinds.mixed)).toBeGreaterThan(CASES / 3);
  });
});
