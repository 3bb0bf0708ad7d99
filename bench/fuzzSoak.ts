/**
 * The intake fuzz soak (#16): `npx tsx bench/fuzzSoak.ts [cases] [seed]`, 50,000 cases of seed 1 by default. The same
 * cases and properties as test/engine/intake/fuzz.test.ts (which runs a few thousand in `npm test`), many more of
 * them: mutated bytes → parse → engine → graph, every 50th case laid out and exported. Cases run in a worker thread
 * under a 10 s watchdog, so a hang is reported (and the worker replaced) instead of freezing the soak. Each crash,
 * hang or broken property is saved to a temporary folder with its reproducer: the seed and the case index.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CaseMaker } from '../test/engine/intake/fuzz/cases.js';
import { loadSources } from '../test/engine/intake/fuzz/sources.js';
import type { SoakJob, SoakMessage } from './fuzzWorker.js';

const HANG_MS = 10_000;
const SCENE_EVERY = 50;

export interface SoakResult {
  readonly cases: number;
  readonly seconds: number;
  readonly slowest: { readonly index: number; readonly ms: number };
  readonly failures: readonly SoakFailure[];
}

interface SoakFailure {
  readonly index: number;
  readonly what: 'crash' | 'hang' | 'property';
  readonly detail: string;
}

/** Runs `cases` cases of `seed` in a worker, replacing it after a hang or a death; resolves when all have run. */
export function runSoak(cases: number, seed: number, onProgress: (done: number) => void = () => undefined): Promise<SoakResult> {
  const started = performance.now();
  const failures: SoakFailure[] = [];
  let slowest = { index: -1, ms: 0 };
  let done = 0;
  return new Promise((resolveSoak) => {
    const startWorker = (from: number): void => {
      if (from >= cases) {
        resolveSoak({ cases: done, seconds: (performance.now() - started) / 1000, slowest, failures });
        return;
      }
      const job: SoakJob = { seed, from, to: cases, sceneEvery: SCENE_EVERY };
      // The worker is TypeScript, loaded through tsx's require hook (from bench/ with tsx, or from the bundle in dist/).
      const script = JSON.stringify(resolve(__dirname, '..', 'bench', 'fuzzWorker.ts'));
      const worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${script});`, {
        eval: true,
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: 2048 },
      });
      let current = from;
      let running = false;
      let watchdog: NodeJS.Timeout | undefined;
      let finished = false;
      const replace = (what: 'crash' | 'hang', detail: string): void => {
        if (finished) return;
        finished = true;
        // A worker that dies before its first case cannot run any: stop rather than start one per case.
        if (!running) throw new Error(`the fuzz worker did not start: ${detail}`);
        clearTimeout(watchdog);
        failures.push({ index: current, what, detail });
        done++;
        void worker.terminate().then(() => startWorker(current + 1));
      };
      worker.on('message', (message: SoakMessage) => {
        if (message.type === 'start') {
          running = true;
          current = message.index;
          watchdog = setTimeout(() => replace('hang', `no result after ${HANG_MS / 1000} s`), HANG_MS);
        } else if (message.type === 'done') {
          clearTimeout(watchdog);
          done++;
          if (message.ms > slowest.ms) slowest = { index: message.index, ms: message.ms };
          if (message.crash !== undefined) failures.push({ index: message.index, what: 'crash', detail: message.crash });
          for (const problem of message.problems) failures.push({ index: message.index, what: 'property', detail: problem });
          if (done % 1000 === 0) onProgress(done);
        } else {
          finished = true;
          void worker.terminate().then(() => startWorker(cases));
        }
      });
      worker.on('error', (error) => replace('crash', `worker died: ${error.stack ?? error.message}`));
      worker.on('exit', (code) => replace('crash', `worker exited with code ${code}`));
    };
    startWorker(0);
  });
}

/** The soak's report; each failing case's bytes and details saved to a temporary folder. */
export function printSoak(result: SoakResult, seed: number, repository: string): void {
  const maker = new CaseMaker(loadSources(repository).sources, seed);
  const slow = maker.make(result.slowest.index);
  console.log(
    `${result.cases} cases of seed ${seed} in ${result.seconds.toFixed(1)} s: ${(result.cases / result.seconds).toFixed(0)} cases/s; ` +
      `slowest ${result.slowest.ms.toFixed(0)} ms (seed ${seed} case ${result.slowest.index}: ${slow.kind}, ${slow.ops.join(' ')}, ` +
      `${slow.bytes.length} bytes from ${slow.from.join(', ')})`,
  );
  const count = (what: SoakFailure['what']): number => new Set(result.failures.filter((f) => f.what === what).map((f) => f.index)).size;
  console.log(
    `crashes: ${count('crash')}, hangs over ${HANG_MS / 1000} s: ${count('hang')}, cases breaking a property: ${count('property')}`,
  );
  if (result.failures.length === 0) return;
  const folder = join(tmpdir(), `kubilitics-fuzz-${seed}`);
  mkdirSync(folder, { recursive: true });
  for (const index of new Set(result.failures.map((failure) => failure.index))) {
    const fuzzCase = maker.make(index);
    const details = result.failures.filter((failure) => failure.index === index);
    const base = join(folder, `case-${index}`);
    writeFileSync(`${base}.yaml`, fuzzCase.bytes);
    const header = `seed ${seed} case ${index} (${fuzzCase.kind}; ${fuzzCase.ops.join(' ')}; from ${fuzzCase.from.join(', ')})`;
    writeFileSync(`${base}.txt`, `${header}\n${details.map((d) => `${d.what}: ${d.detail}`).join('\n')}\n`);
    console.log(`  ${header}: ${details[0]!.what}: ${details[0]!.detail.split('\n')[0]} → ${base}.yaml`);
  }
}

if (process.argv[1]?.endsWith('fuzzSoak.ts')) {
  const cases = Number(process.argv[2] ?? 50_000);
  const seed = Number(process.argv[3] ?? 1);
  const repository = resolve(__dirname, '..');
  void runSoak(cases, seed, (done) => process.stdout.write(`\r${done} cases`)).then((result) => {
    process.stdout.write('\n');
    printSoak(result, seed, repository);
  });
}
