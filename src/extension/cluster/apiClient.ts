import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig } from '@kubernetes/client-node';
import * as l10n from '@vscode/l10n';
import fetch, { type RequestInit as FetchInit } from 'node-fetch';
import { describePluginFailure, pluginCommand, trackPluginRuns, type PluginRun } from './pluginFailure.js';

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'throttled'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'exec-missing'
  | 'exec-failed'
  | 'conflict'
  | 'invalid'
  | 'bad-response';

/** The Status an API server answers a failed write with: `details.causes` name the fields (an apply conflict, a 422). */
export interface ApiStatus {
  readonly message?: string;
  readonly reason?: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly message?: string; readonly field?: string }[] };
}

/** A failed API call, classified so callers decide by kind (retry, relist, fall back, tell the user) and never by text. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly apiStatus?: ApiStatus,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'unreachable' || this.kind === 'timeout';
  }
}

export interface RequestOptions {
  readonly accept?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  /** The body's type: a PATCH names its patch strategy here (merge, strategic merge, server-side apply). */
  readonly contentType?: string;
}

export interface LineOptions extends RequestOptions {
  /**
   * The longest line kept, in characters: the rest of a longer one is dropped (and counted in a marker at its end), so
   * a line that never ends cannot grow the buffer without bound. Default: no limit (a watch event is never cut).
   */
  readonly maxLineChars?: number;
  /**
   * Text after the last newline of a response that ended cleanly. Given here instead of being yielded, because only
   * the caller knows what it is: the last line of a log that ended without a newline, or half a line of a stream that
   * will be resumed (and must then be read again whole).
   */
  readonly onUnterminated?: (text: string) => void;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE']);

/**
 * HTTP to the API server. Authentication, TLS and exec credential plugins come from client-node
 * (`applyToFetchOptions`); the requests are ours because client-node's Watch cannot set the Accept header
 * that asks for metadata only (Secrets) and its lists do not page.
 */
export class ApiClient {
  private readonly lastPluginRun: () => PluginRun | undefined;

  constructor(
    private readonly config: KubeConfig,
    private readonly defaultTimeoutMs = 30_000,
  ) {
    this.lastPluginRun = trackPluginRuns(config);
  }

  get server(): string {
    return this.config.getCurrentCluster()?.server ?? '';
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new ApiError('bad-response', l10n.t('{0}: the response is not JSON ({1})', path, (error as Error).message), response.status);
    }
  }

  /**
   * Newline-split text: a watch's JSON events, or a log. Ends when the server closes the stream; a dropped connection
   * or `signal` aborting throws an ApiError from the iteration (never an unhandled stream error).
   */
  async lines(path: string, options: LineOptions = {}): Promise<AsyncIterable<string>> {
    const response = await this.request(path, { ...options, timeoutMs: 0 });
    return splitLines(response.body as AsyncIterable<Buffer>, options, this.server);
  }

  private async request(path: string, options: RequestOptions): Promise<import('node-fetch').Response> {
    const cluster = this.config.getCurrentCluster();
    if (!cluster) throw new ApiError('unreachable', l10n.t('the current context has no cluster'));
    let init: FetchInit;
    try {
      init = (await this.config.applyToFetchOptions({})) as unknown as FetchInit;
    } catch (error) {
      throw this.credentialsError(error, cluster.server);
    }
    const headers = init.headers as unknown as Headers;
    headers.set('Accept', options.accept ?? 'application/json');
    if (options.body !== undefined) headers.set('Content-Type', options.contentType ?? 'application/json');
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const timeoutSignal = timeout > 0 ? AbortSignal.timeout(timeout) : undefined;
    const signals = [options.signal, timeoutSignal].filter((signal): signal is AbortSignal => signal !== undefined);
    const requestInit: FetchInit = {
      ...init,
      method: options.method ?? 'GET',
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
      ...(signals.length ? { signal: AbortSignal.any(signals) as unknown as FetchInit['signal'] } : {}),
    };
    let response;
    try {
      response = await fetch(`${cluster.server.replace(/\/$/, '')}${path}`, requestInit);
    } catch (error) {
      if (timeoutSignal?.aborted && !options.signal?.aborted)
        throw new ApiError('timeout', l10n.t('{0} did not answer within {1} s', cluster.server, timeout / 1000));
      throw classify(error, cluster.server, 'request');
    }
    if (response.ok) return response;
    throw await httpError(response, path);
  }

  /**
   * The kubeconfig for the WebSocket streams client-node opens (pods/exec, pods/portforward), once its credentials
   * are known to work: they go through the same `applyTo…Options` (exec plugins, token files, client certificates),
   * and a failure is told as for any other request, never with the plugin's output.
   */
  async streamConfig(): Promise<KubeConfig> {
    try {
      await this.config.applyToHTTPSOptions({});
    } catch (error) {
      throw this.credentialsError(error, this.server);
    }
    return this.config;
  }

  /** A credential plugin's failure is told by its command and exit code: its output may hold secrets. */
  private credentialsError(error: unknown, server: string): ApiError {
    const user = this.config.getCurrentUser();
    const command = pluginCommand(user);
    const failure = error as NodeJS.ErrnoException | null;
    const fileError = typeof failure?.syscall === 'string' && !failure.syscall.startsWith('spawn');
    if (!command || fileError || isMissingPlugin(error)) return classify(error, server, 'credentials');
    return new ApiError('exec-failed', describePluginFailure(command, user?.name ?? '', this.lastPluginRun(), error));
  }
}

const STATUS_KINDS: ReadonlyMap<number, ApiErrorKind> = new Map([
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not-found'],
  [409, 'conflict'],
  [410, 'gone'],
  [422, 'invalid'],
  [429, 'throttled'],
]);

/** The kind of a failed HTTP status. */
export function statusKind(status: number): ApiErrorKind {
  return STATUS_KINDS.get(status) ?? (status >= 500 ? 'server' : 'bad-response');
}

async function httpError(response: import('node-fetch').Response, path: string): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let status: ApiStatus | undefined;
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) status = body as ApiStatus;
    if (typeof status?.message === 'string' && status.message) message = status.message;
  } catch {
    // Not a Status object: keep the HTTP status line.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
  return new ApiError(statusKind(response.status), `${path}: ${message}`, response.status, retryAfterMs, status);
}

function isMissingPlugin(error: unknown): boolean {
  const failure = error as NodeJS.ErrnoException | null;
  return failure?.code === 'ENOENT' && failure.syscall?.startsWith('spawn') === true;
}

/** Network, TLS and credential-plugin failures, by their codes. */
export function classify(error: unknown, server: string, phase: 'credentials' | 'request'): ApiError {
  if (error instanceof ApiError) return error;
  const failure = error as NodeJS.ErrnoException & { type?: string; path?: string };
  if (isMissingPlugin(error)) {
    return new ApiError('exec-missing', l10n.t('the credential plugin "{0}" is not on PATH', failure.path ?? failure.syscall!.slice(6)));
  }
  // Getting credentials runs auth providers (exec plugins, gcp/azure cmd-path, OIDC refresh) whose error text
  // may quote what they printed, tokens included: only codes and file paths are told, never the text.
  if (phase === 'credentials') {
    const detail = failure.code ? ` (${failure.code}${failure.path ? ` ${failure.path}` : ''})` : '';
    return new ApiError(
      'exec-failed',
      [
        l10n.t('getting credentials for {0} failed{1}.', server, detail),
        l10n.t('The error text was withheld because it may hold secrets:'),
        l10n.t('run any kubectl command with this context in a terminal to see it, then reconnect'),
      ].join(' '),
    );
  }
  const code = failure.code ?? (failure as { cause?: { code?: string } }).cause?.code ?? '';
  if (failure.name === 'AbortError' || failure.type === 'aborted')
    return new ApiError('timeout', l10n.t('the request to {0} was aborted', server));
  // Codes before the message text: node-fetch's message holds the URL, and paths such as
  // /apis/certificates.k8s.io/… or …/tlsroutes would make a refused connection look like a (permanent) TLS failure.
  if (NETWORK_CODES.has(code)) return new ApiError('unreachable', l10n.t('cannot reach {0}: {1}', server, failure.message));
  if (code === 'ETIMEDOUT') return new ApiError('timeout', l10n.t('{0} did not answer: {1}', server, failure.message));
  if (TLS_CODES.test(code) || /certificate|TLS|SSL/i.test(failure.message ?? '')) {
    return new ApiError('tls', l10n.t('TLS to {0} failed: {1}', server, failure.message));
  }
  if (failure.type === 'system') return new ApiError('unreachable', l10n.t('cannot reach {0}: {1}', server, failure.message));
  return new ApiError('unreachable', l10n.t('request to {0} failed: {1}', server, failure.message ?? String(error)));
}

/** What ends a line cut at `maxLineChars`: how much of it was dropped. */
export function cutMarker(droppedChars: number): string {
  return ` … [${droppedChars} more characters of this line were not kept]`;
}

async function* splitLines(body: AsyncIterable<Buffer>, options: LineOptions, server: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const limit = options.maxLineChars ?? Infinity;
  const splitter = new LineSplitter(limit);
  try {
    for await (const chunk of body) yield* splitter.push(decoder.write(chunk));
  } catch (error) {
    // A cut stream: its unterminated tail is half a line and is never given out.
    throw classify(error, server, 'request');
  }
  yield* splitter.push(decoder.end());
  const tail = splitter.rest();
  if (tail !== '') options.onUnterminated?.(tail);
}

/** Splits text at newlines, keeping at most `limit` characters of a line (the rest counted, not kept). */
class LineSplitter {
  private parts: string[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly limit: number) {}

  *push(text: string): Generator<string> {
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.keep(text.slice(from, newline));
      yield this.take();
      from = newline + 1;
    }
    this.keep(text.slice(from));
  }

  /** The text after the last newline. */
  rest(): string {
    return this.kept === 0 && this.dropped === 0 ? '' : this.take();
  }

  private keep(piece: string): void {
    const room = this.limit - this.kept;
    if (piece.length <= room) {
      if (piece !== '') this.parts.push(piece);
      this.kept += piece.length;
      return;
    }
    if (room > 0) this.parts.push(piece.slice(0, room));
    this.kept = this.limit;
    this.dropped += piece.length - Math.max(0, room);
  }

  private take(): string {
    const line = this.parts.join('') + (this.dropped > 0 ? cutMarker(this.dropped) : '');
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    return line;
  }
}
