/**
 * The soak's worker thread (bench/fuzzSoak.ts): runs cases from..to of one seed and reports each one before it starts
 * and when it ends, so the main thread can tell a hang (no end within the watchdog's time) from a slow case.
 */
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { CaseMaker } from '../test/engine/intake/fuzz/cases.js';
import { checkCase } from '../test/engine/intake/fuzz/check.js';
import { loadSources } from '../test/engine/intake/fuzz/sources.js';

export interface SoakJob {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Every n-th case also lays out the graph and renders the text exports. */
  readonly sceneEvery: number;
}

export type SoakMessage =
  | { readonly type: 'start'; readonly index: number }
  | { readonly type: 'done'; readonly index: number; readonly ms: number; readonly problems: string[]; readonly crash?: string }
  | { readonly type: 'end' };

async function run(job: SoakJob): Promise<void> {
  const maker = new CaseMaker(loadSources(resolve(__dirname, '..')).sources, job.seed);
  for (let index = job.from; index < job.to; index++) {
    parentPort!.postMessage({ type: 'start', index } satisfies SoakMessage);
    const started = performance.now();
    let problems: string[] = [];
    let crash: string | undefined;
    try {
      problems = await checkCase(maker.make(index), { scene: index % job.sceneEvery === 0 });
    } catch (error) {
      crash = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    const ms = performance.now() - started;
    parentPort!.postMessage({ type: 'done', index, ms, problems, ...(crash === undefined ? {} : { crash }) } satisfies SoakMessage);
  }
  parentPort!.postMessage({ type: 'end' } satisfies SoakMessage);
}

if (parentPort) void run(workerData as SoakJob);
