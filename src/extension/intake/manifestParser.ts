import { Worker } from 'node:worker_threads';
import type { IntakeLimits } from '../../engine/intake/limits.js';
import type { IntakeWarning, ParsedManifests } from '../../engine/intake/manifestTypes.js';
import type { ParseRequest, ParseResponse, ParseWorkerData } from './parseProtocol.js';

export interface ManifestParserOptions {
  /** The bundled parse worker (dist/parseWorker.js). */
  readonly workerScript: string;
  /** Heap of the worker: a file that needs more is stopped and reported, and the editor keeps its memory. */
  readonly memoryMb: number;
  /** One file's parse may take this long before the worker is stopped and the file reported. */
  readonly fileTimeoutMs: number;
  /**
   * The translations VS Code loaded (`vscode.l10n.bundle`): the worker writes the intake warnings, so it needs them
   * too. Undefined: English.
   */
  readonly l10nBundle?: ParseWorkerData['l10nBundle'];
}

export const DEFAULT_PARSER_OPTIONS: Omit<ManifestParserOptions, 'workerScript'> = { memoryMb: 1024, fileTimeoutMs: 30_000 };

/** Thrown to every caller waiting when the parser is cancelled or disposed. */
export class ParseCancelled extends Error {
  constructor() {
    super('Reading the manifests was cancelled.');
    this.name = 'ParseCancelled';
  }
}

interface Waiting {
  readonly file: string;
  readonly resolve: (parsed: ParsedManifests) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Parses manifest files in a worker thread, one at a time in the order asked. The host thread only sends bytes and
 * receives objects. A file that exhausts the worker's memory, or takes longer than the time allowed, ends the worker;
 * that file becomes an error finding saying so, and the next file starts a new worker. `cancel` ends the worker and
 * every waiting parse.
 */
export class ManifestParser {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts cancellations: a parse queued before one never starts. */
  private generation = 0;

  constructor(private readonly options: ManifestParserOptions) {}

  /** The file's objects and warnings; rejects with ParseCancelled only when cancelled. */
  parse(file: string, bytes: Uint8Array, limits: IntakeLimits): Promise<ParsedManifests> {
    const generation = this.generation;
    const result = this.queue.then(() => {
      if (generation !== this.generation) throw new ParseCancelled();
      return this.parseNow(file, bytes, limits);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the parse under way and every one asked for before this call. */
  cancel(): void {
    this.generation++;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    this.stopWorker();
    for (const entry of waiting) entry.reject(new ParseCancelled());
  }

  dispose(): void {
    this.cancel();
  }

  private parseNow(file: string, bytes: Uint8Array, limits: IntakeLimits): Promise<ParsedManifests> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<ParsedManifests>((resolve, reject) => {
      this.waiting.set(id, { file, resolve, reject });
      this.timer = setTimeout(() => this.stopFile(id, tookTooLong(file, this.options.fileTimeoutMs)), this.options.fileTimeoutMs);
      const copy = bytes.slice();
      const request: ParseRequest = { id, file, bytes: copy, limits };
      worker.postMessage(request, [copy.buffer]);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerData: ParseWorkerData = this.options.l10nBundle ? { l10nBundle: this.options.l10nBundle } : {};
    const worker = new Worker(this.options.workerScript, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (response: ParseResponse) => this.answer(response));
    worker.on('error', (error) => this.workerFailed(worker, error));
    worker.on('exit', () => this.workerFailed(worker, new Error('the parser stopped')));
    this.worker = worker;
    return worker;
  }

  private answer(response: ParseResponse): void {
    const entry = this.waiting.get(response.id);
    if (!entry) return;
    this.waiting.delete(response.id);
    clearTimeout(this.timer);
    if ('parsed' in response) entry.resolve(response.parsed);
    else entry.resolve({ objects: [], warnings: [stopped(entry.file, `the parser failed: ${response.failure}`)] });
  }

  /** The worker died (out of memory, or a crash) while a file was being parsed: that file is reported, not retried. */
  private workerFailed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    for (const [id, entry] of this.waiting) {
      const reason = outOfMemory
        ? `it needs more than ${this.options.memoryMb} MB of memory to parse; the parser was stopped`
        : `the parser stopped: ${error.message}`;
      this.settle(id, { objects: [], warnings: [stopped(entry.file, reason)] });
    }
  }

  private stopFile(id: number, warning: IntakeWarning): void {
    this.stopWorker();
    this.settle(id, { objects: [], warnings: [warning] });
  }

  private settle(id: number, parsed: ParsedManifests): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    clearTimeout(this.timer);
    entry.resolve(parsed);
  }

  private stopWorker(): void {
    clearTimeout(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }
}

function stopped(file: string, reason: string): IntakeWarning {
  return { file, line: 1, severity: 'error', problem: 'parser-stopped', message: `not read: ${reason}` };
}

function tookTooLong(file: string, timeoutMs: number): IntakeWarning {
  return stopped(file, `parsing it took longer than ${Math.round(timeoutMs / 1000)} s, so the parser was stopped`);
}
