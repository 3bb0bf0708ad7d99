import * as vscode from 'vscode';
import type { LogMerger } from '../../engine/logs/merger.js';
import { LogBatcher } from './logBatcher.js';

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
/** Lines re-rendered when the filter changes: about what a terminal keeps in its scrollback by default, times ten. */
const REDRAW_LINES = 10_000;

export interface LogTerminalHandlers {
  /** The user closed the terminal: the stream ends. */
  onClosed(): void;
  /** `/` typed in the terminal: ask for a filter. */
  onFilterKey(): void;
  /** Ctrl+C typed in the terminal: stop the stream (the lines stay). */
  onInterrupt(): void;
}

/**
 * The surface of one log stream: a pseudoterminal. xterm.js renders fast streams well, ANSI gives each pod/container
 * its colour and marks filter matches, and its scrollback is bounded; the merger's ring (bounded too) keeps the lines
 * for Copy, Save and re-filtering. Writes are batched per tick (LogBatcher).
 */
export class LogTerminal implements vscode.Pseudoterminal {
  private readonly writes = new vscode.EventEmitter<string>();
  private readonly closes = new vscode.EventEmitter<void>();
  readonly onDidWrite = this.writes.event;
  readonly onDidClose = this.closes.event;
  private readonly batcher: LogBatcher;
  private opened = false;
  private closed = false;
  readonly terminal: vscode.Terminal;

  constructor(
    name: string,
    private readonly merger: LogMerger,
    private readonly header: string,
    private readonly handlers: LogTerminalHandlers,
    tickMs: number,
  ) {
    this.batcher = new LogBatcher(merger, (text) => this.writes.fire(text), tickMs);
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('output'), isTransient: true });
  }

  open(): void {
    this.opened = true;
    this.writes.fire(this.header);
    // Whatever arrived before the terminal opened is in the ring: show it, then stream.
    this.writes.fire(this.merger.renderAll(REDRAW_LINES));
    this.batcher.start();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batcher.stop();
    this.handlers.onClosed();
  }

  handleInput(data: string): void {
    if (data === '/') this.handlers.onFilterKey();
    else if (data === '\x03') this.handlers.onInterrupt();
  }

  /** Redraws the kept lines through the current filter. */
  redraw(): void {
    if (!this.opened || this.closed) return;
    this.writes.fire(CLEAR + this.header + this.merger.renderAll(REDRAW_LINES));
  }

  /** Writes what is pending now and stops ticking (the stream ended; the terminal stays open to read). */
  finish(): void {
    this.batcher.stop();
  }

  dispose(): void {
    this.batcher.stop();
    if (!this.closed) {
      this.closed = true;
      this.terminal.dispose();
    }
    this.writes.dispose();
    this.closes.dispose();
  }
}
