/**
 * A shell in a container as a VS Code terminal: the pseudoterminal opens the exec stream once VS Code knows the
 * terminal's size, passes keystrokes and resizes through, and shows how the session ended. Closing the terminal closes
 * the stream (and its socket); a session that ended keeps its terminal open to read until a key is pressed.
 */
import * as vscode from 'vscode';
import { ApiError, type ApiClient } from '../cluster/apiClient.js';
import { log } from '../log.js';
import { ExecStream, type ExecEnd, type ExecTarget, type TerminalSize } from './execStream.js';

const DIM = (text: string): string => `\r\n\x1b[2m${text}\x1b[0m\r\n`;
/** Until VS Code reports the real size (it does, in `open`), kubectl's default. */
const DEFAULT_SIZE: TerminalSize = { columns: 80, rows: 24 };

export class ShellTerminal implements vscode.Pseudoterminal {
  private readonly writes = new vscode.EventEmitter<string>();
  private readonly closes = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writes.event;
  readonly onDidClose = this.closes.event;
  readonly terminal: vscode.Terminal;
  private stream: ExecStream | undefined;
  private ended = false;
  private closed = false;
  private released = false;

  constructor(
    name: string,
    private readonly client: ApiClient,
    private readonly target: ExecTarget,
    private readonly onGone: () => void,
  ) {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('terminal') });
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    const size = dimensions ? { columns: dimensions.columns, rows: dimensions.rows } : DEFAULT_SIZE;
    const { namespace, pod, container, command } = this.target;
    this.writes.fire(`\x1b[2m${vscode.l10n.t('{0} in {1} ({2})', command.join(' '), `${namespace}/${pod}`, container)}\x1b[0m\r\n`);
    ExecStream.open(this.client, this.target, size, {
      onOutput: (data) => this.writes.fire(data.toString('utf8')),
      onEnd: (end) => this.finish(end),
    }).then(
      (stream) => {
        // The terminal may have closed while the stream was opening.
        if (this.closed) stream.close();
        else this.stream = stream;
      },
      (error: unknown) => this.finish({ reason: describeOpenFailure(error) }),
    );
  }

  handleInput(data: string): void {
    if (this.ended) this.dispose();
    else this.stream?.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.stream?.resize({ columns: dimensions.columns, rows: dimensions.rows });
  }

  /** The user closed the terminal: the session ends with it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream?.close();
    this.release();
  }

  dispose(): void {
    if (!this.closed) {
      this.closed = true;
      this.stream?.close();
      this.terminal.dispose();
    }
    this.release();
  }

  private finish(end: ExecEnd): void {
    if (this.ended) return;
    this.ended = true;
    log().info(`shell ${this.target.namespace}/${this.target.pod} (${this.target.container}): ${end.reason}`);
    if (!this.closed) this.writes.fire(DIM(`[${vscode.l10n.t('{0}. Press any key to close the terminal.', end.reason)}]`));
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.writes.dispose();
    this.closes.dispose();
    this.onGone();
  }
}

function describeOpenFailure(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'forbidden') return vscode.l10n.t('the shell was refused: {0}', error.message);
  if (error instanceof ApiError && error.kind === 'not-found') return vscode.l10n.t('the Pod or container is gone: {0}', error.message);
  return vscode.l10n.t('the shell could not start: {0}', error instanceof Error ? error.message : String(error));
}
