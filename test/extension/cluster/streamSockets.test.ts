import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/extension/cluster/apiClient.js';
import { streamError } from '../../../src/extension/cluster/streamSockets.js';

const PATH = '/api/v1/namespaces/shop/pods/web-1/exec?command=sh&tty=true';

describe('a WebSocket stream that could not open, as an ApiError', () => {
  it('reads the refused handshake status that ws only puts in its message (wrapped in an ErrorEvent)', () => {
    const error = streamError({ error: new Error('Unexpected server response: 403') }, 'https://k', PATH);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toBe('/api/v1/namespaces/shop/pods/web-1/exec: not permitted (HTTP 403)');
    expect(streamError(new Error('Unexpected server response: 404'), 'https://k', PATH).kind).toBe('not-found');
    expect(streamError(new Error('Unexpected server response: 500'), 'https://k', PATH).kind).toBe('server');
  });

  it('classifies network failures by code, and keeps ApiErrors as they are', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    expect(streamError({ error: refused }, 'https://k', PATH).kind).toBe('unreachable');
    const own = new ApiError('exec-failed', 'getting credentials failed');
    expect(streamError(own, 'https://k', PATH)).toBe(own);
  });
});
