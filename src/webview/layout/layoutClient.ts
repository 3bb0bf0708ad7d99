/**
 * Starts the layout worker and matches answers to requests. Every request gets a sequence number; an
 * answer to anything but the latest request is stale (the graph or view changed meanwhile) and resolves
 * to `undefined`, so an old layout can never overwrite a newer one.
 */
import type { LayoutInput } from '../../engine/viewModel/layoutCore';
import type { LayoutAnswer, LayoutRequest, LayoutResponse } from './workerProtocol';

/** What the canvas says with a request: its context, whether to pack afresh, the last answer it applied there. */
export interface LayoutAsk {
  readonly context: string;
  readonly full: boolean;
  readonly applied: number;
}

export class LayoutClient {
  private seq = 0;
  /** Time the worker spent on the last layout it answered, for diagnostics. */
  lastWorkerMs = 0;
  private readonly waiting = new Map<number, (answer: LayoutAnswer | undefined) => void>();

  private constructor(
    private readonly worker: Worker,
    private readonly scriptUrl: string,
    private readonly onError: (message: string) => void,
  ) {
    worker.addEventListener('message', (event: MessageEvent<LayoutResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => onError(`Layout worker failed: ${event.message}`));
  }

  /**
   * VS Code serves webview resources from a different origin than the webview document, and browsers
   * refuse `new Worker(url)` across origins. Fetching the script and starting it from a same-origin blob:
   * URL works everywhere; the CSP allows it with `worker-src blob:` (and `connect-src` for the fetch).
   */
  static async start(workerUri: string, onError: (message: string) => void): Promise<LayoutClient> {
    const response = await fetch(workerUri);
    if (!response.ok) throw new Error(`Could not load the layout worker (${response.status})`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    // Revoked on dispose, not here: the worker loads its script asynchronously after construction.
    const url = URL.createObjectURL(blob);
    return new LayoutClient(new Worker(url), url, onError);
  }

  /** Resolves with the layout, or `undefined` if a newer request superseded this one. */
  request(input: LayoutInput, ask: LayoutAsk): Promise<LayoutAnswer | undefined> {
    const seq = ++this.seq;
    for (const [old, resolve] of this.waiting) {
      resolve(undefined);
      this.waiting.delete(old);
    }
    const message: LayoutRequest = { seq, input, ...ask };
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.worker.postMessage(message);
    });
  }

  dispose(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
    this.worker.terminate();
    URL.revokeObjectURL(this.scriptUrl);
  }

  private receive(response: LayoutResponse): void {
    const resolve = this.waiting.get(response.seq);
    if (resolve === undefined) return; // stale: superseded by a newer request
    this.waiting.delete(response.seq);
    if (response.ok) {
      this.lastWorkerMs = response.ms;
      resolve({ seq: response.seq, patch: response.output });
    } else {
      this.onError(`Layout failed: ${response.error}`);
      resolve(undefined);
    }
  }
}
