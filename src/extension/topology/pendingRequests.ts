/**
 * Requests to the webview that expect a reply: each carries a fresh id, and the reply with that id settles the
 * promise of that request, once. A request is rejected when the view does not answer in time, when the reply
 * does not fit what was asked (the view is less trusted than the host), or when the panel goes away.
 *
 * No vscode here: the panel sends and receives, this only matches replies to requests (tested in plain Node).
 */
import { randomBytes } from 'node:crypto';

export interface RequestOptions<TReply> {
  /** How long to wait for the reply. */
  readonly timeoutMs: number;
  /** Why a request that got no answer failed, in words for the user. */
  readonly timeoutMessage: string;
  /** Returns why a reply does not answer this request, or undefined when it does. */
  readonly check?: (reply: TReply) => string | undefined;
}

interface Waiter<TReply> {
  readonly settle: (reply: TReply) => void;
  readonly fail: (error: Error) => void;
}

export class PendingRequests<TReply> {
  private readonly waiters = new Map<string, Waiter<TReply>>();
  private closedReason: string | undefined;

  constructor(private readonly newId: () => string = () => randomBytes(8).toString('hex')) {}

  /** Requests waiting for a reply. */
  get size(): number {
    return this.waiters.size;
  }

  /** Sends a request with `send(requestId)` and waits for the reply that carries the same id. */
  request(send: (requestId: string) => void, options: RequestOptions<TReply>): Promise<TReply> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(this.closedReason));
    const requestId = this.newId();
    return new Promise<TReply>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(requestId, new Error(options.timeoutMessage)), options.timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(requestId);
      };
      this.waiters.set(requestId, {
        settle: (reply) => {
          done();
          const problem = options.check?.(reply);
          if (problem === undefined) resolve(reply);
          else reject(new Error(problem));
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
      try {
        send(requestId);
      } catch (error) {
        this.fail(requestId, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /**
   * Settles the request `requestId` with `reply`. Returns false when no request waits for that id (a late reply
   * after a timeout, a duplicate, or an id the host never sent): the caller logs it, nothing else happens.
   */
  resolve(requestId: string, reply: TReply): boolean {
    const waiter = this.waiters.get(requestId);
    if (waiter === undefined) return false;
    waiter.settle(reply);
    return true;
  }

  /** Rejects every waiting request and any later one: the view that would answer is gone. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const requestId of [...this.waiters.keys()]) this.fail(requestId, new Error(reason));
  }

  private fail(requestId: string, error: Error): void {
    this.waiters.get(requestId)?.fail(error);
  }
}
