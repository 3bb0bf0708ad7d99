import type { LogMerger } from '../../engine/logs/merger.js';

/**
 * Writes what a merger received to the surface once per tick rather than per line: at 20,000 lines/s one write per
 * line would flood the renderer with IPC messages; one write every `tickMs` (about an animation frame or two) keeps
 * each write small and the extension host free between them. No VS Code here, so the bench measures it as it runs.
 */
export class LogBatcher {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Writes so far and their characters (for the bench and the Logs view's tooltip). */
  writes = 0;
  written = 0;

  constructor(
    private readonly merger: LogMerger,
    private readonly write: (text: string) => void,
    readonly tickMs = 33,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.flush(), this.tickMs);
    this.timer.unref?.();
  }

  /** Writes what is pending now. */
  flush(): void {
    const { text } = this.merger.drain();
    if (text === '') return;
    this.writes++;
    this.written += text.length;
    this.write(text);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
