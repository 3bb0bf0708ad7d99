import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingRequests } from '../../../src/extension/topology/pendingRequests.js';

interface Reply {
  readonly format: 'png' | 'positions';
  readonly data: string;
}

/** Ids in order, so a test knows which id each request went out with. */
function counter(): () => string {
  let next = 0;
  return () => `r${++next}`;
}

const options = { timeoutMs: 1000, timeoutMessage: 'no answer' };

describe('PendingRequests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends each request with its own id and resolves each with the reply of that id, in any order', async () => {
    const pending = new PendingRequests<Reply>(counter());
    const sent: string[] = [];
    const first = pending.request((id) => sent.push(id), options);
    const second = pending.request((id) => sent.push(id), options);
    expect(sent).toEqual(['r1', 'r2']);
    expect(pending.resolve('r2', { format: 'png', data: 'two' })).toBe(true);
    expect(pending.resolve('r1', { format: 'positions', data: 'one' })).toBe(true);
    await expect(first).resolves.toEqual({ format: 'positions', data: 'one' });
    await expect(second).resolves.toEqual({ format: 'png', data: 'two' });
    expect(pending.size).toBe(0);
  });

  it('ignores a reply nobody waits for: an unknown id, a duplicate, or one after the timeout', async () => {
    const pending = new PendingRequests<Reply>(counter());
    expect(pending.resolve('never-sent', { format: 'png', data: '' })).toBe(false);
    const answered = pending.request(() => {}, options);
    pending.resolve('r1', { format: 'png', data: 'first' });
    expect(pending.resolve('r1', { format: 'png', data: 'again' })).toBe(false);
    await expect(answered).resolves.toEqual({ format: 'png', data: 'first' });

    const late = pending.request(() => {}, options);
    vi.advanceTimersByTime(1000);
    await expect(late).rejects.toThrow('no answer');
    expect(pending.resolve('r2', { format: 'png', data: 'late' })).toBe(false);
    expect(pending.size).toBe(0);
  });

  it('does not time out a request answered in time', async () => {
    const pending = new PendingRequests<Reply>(counter());
    const request = pending.request(() => {}, options);
    vi.advanceTimersByTime(999);
    pending.resolve('r1', { format: 'png', data: 'ok' });
    vi.advanceTimersByTime(5000);
    await expect(request).resolves.toEqual({ format: 'png', data: 'ok' });
  });

  it('rejects a reply that does not answer what was asked', async () => {
    const pending = new PendingRequests<Reply>(counter());
    const request = pending.request(() => {}, { ...options, check: (reply) => (reply.format === 'png' ? undefined : 'asked for png') });
    expect(pending.resolve('r1', { format: 'positions', data: '{}' })).toBe(true);
    await expect(request).rejects.toThrow('asked for png');
    expect(pending.size).toBe(0);
  });

  it('rejects waiting and later requests once closed, and a request whose sending failed', async () => {
    const pending = new PendingRequests<Reply>(counter());
    const waiting = pending.request(() => {}, options);
    pending.close('panel closed');
    await expect(waiting).rejects.toThrow('panel closed');
    await expect(pending.request(() => {}, options)).rejects.toThrow('panel closed');
    expect(pending.size).toBe(0);

    const other = new PendingRequests<Reply>(counter());
    const unsent = other.request(() => {
      throw new Error('webview disposed');
    }, options);
    await expect(unsent).rejects.toThrow('webview disposed');
    expect(other.size).toBe(0);
  });
});
