import type { WatchEvent } from './types.js';

/** Reads a watch response line by line with plain fetch, so tests see exactly what went over the wire. */
export class WatchReader {
  readonly events: WatchEvent[] = [];
  /** 'end' for a clean end of the chunked body, 'error' when the connection broke. */
  readonly closed: Promise<'end' | 'error'>;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.closed = this.pump();
  }

  static async open(url: string, token: string, accept?: string): Promise<WatchReader> {
    const controller = new AbortController();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) };
    const response = await fetch(url, { headers, signal: controller.signal });
    return new WatchReader(response, controller);
  }

  /** Resolves once at least `count` events arrived; fails after `timeoutMs` listing what did arrive. */
  async waitFor(count: number, timeoutMs = 3000): Promise<WatchEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} watch events, got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.events.slice(0, count);
  }

  abort(): void {
    this.controller.abort();
  }

  private async pump(): Promise<'end' | 'error'> {
    const body = this.response.body;
    if (!body) return 'end';
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        buffer += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          this.events.push(JSON.parse(buffer.slice(0, newline)) as WatchEvent);
          buffer = buffer.slice(newline + 1);
        }
        this.waiters.splice(0).forEach((wake) => wake());
      }
    } catch {
      return 'error';
    } finally {
      this.waiters.splice(0).forEach((wake) => wake());
    }
  }
}
