/**
 * An interactive command in a container over `pods/exec` (client-node's Exec: WebSocket, v5/v4 channel protocols):
 * keystrokes in, terminal output out, resizes on channel 4, and one end, told once, with the exit status when the
 * API server sends one. No `vscode` here: the cluster tests drive it against a real API server.
 */
import { PassThrough, Writable } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import * as l10n from '@vscode/l10n';
import type { ApiClient } from '../cluster/apiClient.js';
import { streamSockets, type StreamSocket } from '../cluster/streamSockets.js';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface ExecTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly command: readonly string[];
}

/** How the stream ended: `exitCode` when the command ended and the API server said how. */
export interface ExecEnd {
  readonly exitCode?: number;
  readonly reason: string;
}

export interface ExecHandlers {
  onOutput(data: Buffer): void;
  onEnd(end: ExecEnd): void;
}

/**
 * stdout as client-node recognises a terminal: `rows`, `columns` and a `resize` event make it send each size on the
 * resize channel, the first one as soon as the stream opens.
 */
class TerminalOutput extends Writable {
  rows: number;
  columns: number;

  constructor(
    size: TerminalSize,
    private readonly onData: (data: Buffer) => void,
  ) {
    super();
    this.rows = size.rows;
    this.columns = size.columns;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.onData(chunk);
    done();
  }

  resize(size: TerminalSize): void {
    if (size.rows === this.rows && size.columns === this.columns) return;
    this.rows = size.rows;
    this.columns = size.columns;
    this.emit('resize');
  }
}

/** The exit status as the API server words it: Success, or a NonZeroExitCode whose cause holds the code. */
export function execEnd(status: V1Status): ExecEnd {
  if (status.status === 'Success') return { exitCode: 0, reason: l10n.t('exited with status {0}', 0) };
  const code = status.details?.causes?.find((cause) => cause.reason === 'ExitCode')?.message;
  if (code !== undefined && /^\d+$/.test(code)) return { exitCode: Number(code), reason: l10n.t('exited with status {0}', code) };
  return { reason: status.message ?? status.reason ?? l10n.t('failed') };
}

export class ExecStream {
  private ended = false;
  private readonly stdin = new PassThrough();
  private readonly stdout: TerminalOutput;
  /** Set once the stream opened; a Status that arrives before (a command that ends at once) still ends it. */
  private socket: StreamSocket | undefined;

  private constructor(
    size: TerminalSize,
    private readonly handlers: ExecHandlers,
  ) {
    this.stdout = new TerminalOutput(size, (data) => handlers.onOutput(data));
  }

  /** Opens a TTY session; rejects with an ApiError when the API server refuses it (403, 404) or cannot be reached. */
  static async open(client: ApiClient, target: ExecTarget, size: TerminalSize, handlers: ExecHandlers): Promise<ExecStream> {
    const stream = new ExecStream(size, handlers);
    await stream.connect(client, target);
    return stream;
  }

  private async connect(client: ApiClient, target: ExecTarget): Promise<void> {
    const config = await client.streamConfig();
    const { stdin, stdout } = this;
    const exec = new Exec(config, streamSockets(client, config, { stdin, stdout }));
    const { namespace, pod, container, command } = target;
    const onStatus = (status: V1Status): void => this.end(execEnd(status));
    // With a TTY there is no separate stderr: the pty merges it (and the API server refuses both at once).
    this.socket = await exec.exec(namespace, pod, container, [...command], stdout, null, stdin, true, onStatus);
    if (this.ended) this.socket.close();
    else this.socket.on('close', () => this.end({ reason: l10n.t('the connection closed') }));
  }

  get open(): boolean {
    return !this.ended;
  }

  write(data: string): void {
    if (!this.ended) this.stdin.write(data);
  }

  resize(size: TerminalSize): void {
    if (!this.ended) this.stdout.resize(size);
  }

  /** Ends the session from this side (the terminal closed): the socket closes, the command gets a hang-up. */
  close(): void {
    this.end({ reason: 'closed' });
  }

  private end(end: ExecEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.stdin.end();
    this.socket?.close();
    this.handlers.onEnd(end);
  }
}
