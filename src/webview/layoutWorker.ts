/**
 * The layout worker: runs ELK off the UI thread so a 5,000-node layout never freezes the view.
 * Bundled separately (dist/webview/layoutWorker.js) and started from a blob URL; see layoutClient.ts.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { ComponentLayouter } from '../engine/viewModel/componentLayout';
import { computeLayout } from '../engine/viewModel/layoutCore';
import { LayoutSessions } from './layout/layoutSessions';
import type { LayoutRequest, LayoutResponse } from './layout/workerProtocol';

/** The slice of DedicatedWorkerGlobalScope we use; the webview tsconfig has DOM libs, not WebWorker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutResponse): void;
}

const scope = self as unknown as WorkerScope;
// elkjs notices it is loaded inside a worker and installs its own `onmessage` dispatcher, which would
// answer our requests with errors. This worker's messages are ours; ELK runs in-thread below.
scope.onmessage = null;

const sessions = new LayoutSessions(new ComponentLayouter(new ELK()));
let next: LayoutRequest | undefined;
let running = false;

/**
 * A throwaway layout while the host is still building the graph: ELK's first call pays for class
 * initialisation and cold JIT (about a second for a large graph), which the first real request then skips.
 * Its shapes go to a separate layouter so they do not crowd the real one's memory.
 */
async function warmUp(): Promise<void> {
  const nodes = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, width: 100, height: 40, group: `g${i % 4}` }));
  const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 3)}`, target: n.id, type: 'owns' as const }));
  await computeLayout(new ComponentLayouter(new ELK()), { nodes, edges });
}

async function drain(): Promise<void> {
  running = true;
  await warming;
  while (next !== undefined) {
    const request = next;
    next = undefined;
    scope.postMessage(await run(request));
  }
  running = false;
}

async function run(request: LayoutRequest): Promise<LayoutResponse> {
  const start = performance.now();
  try {
    const output = await sessions.run(request);
    return { seq: request.seq, ok: true, output, ms: performance.now() - start };
  } catch (error) {
    return { seq: request.seq, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const warming = warmUp().catch(() => undefined);

scope.addEventListener('message', (event) => {
  // Only the newest waiting request matters: an older one would be dropped by the webview anyway (and one never run
  // changed nothing, so the next answer still covers everything the canvas has not applied).
  const dropped = next;
  next = event.data;
  // A Relayout that never ran still has to happen.
  if (dropped?.full === true && dropped.context === next.context) next = { ...next, full: true };
  if (!running) void drain();
});
