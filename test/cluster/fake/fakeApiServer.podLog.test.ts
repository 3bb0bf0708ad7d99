import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer } from './fakeApiServer.js';
import type { FakeApiServer } from './fakeApiServer.js';
import { ADMIN, eventually, pod, VIEWER } from './fixtures.js';

// The pods/{name}/log subresource, checked with plain fetch.

let server: FakeApiServer;

beforeEach(async () => {
  server = await startFakeApiServer({
    identities: [ADMIN, VIEWER, { token: 'no-logs', allow: (_verb, resource) => resource !== 'pods/log' }],
  });
  server.upsert(pod('solo', 'team'));
  server.upsert(
    pod('duo', 'team', {
      spec: {
        containers: [
          { name: 'app', image: 'a' },
          { name: 'proxy', image: 'p' },
        ],
      },
    }),
  );
});
afterEach(async () => server.stop());

const logPath = (pod: string, query = ''): string => `/api/v1/namespaces/team/pods/${pod}/log${query ? `?${query}` : ''}`;

async function get(path: string, token = ADMIN.token): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('pods/{name}/log', () => {
  it('serves the lines of the named container as text, with RFC3339Nano timestamps when asked', async () => {
    server.setPodLog('team', 'duo', 'app', ['app one', 'app two']);
    server.setPodLog('team', 'duo', 'proxy', ['proxy one']);
    const plain = await get(logPath('duo', 'container=app'));
    expect(plain).toMatchObject({ status: 200, text: 'app one\napp two\n', type: 'text/plain' });
    expect((await get(logPath('duo', 'container=proxy'))).text).toBe('proxy one\n');
    const stamped = (await get(logPath('duo', 'container=app&timestamps=true'))).text.trimEnd().split('\n');
    expect(stamped).toHaveLength(2);
    for (const line of stamped) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z app (one|two)$/);
    expect(stamped[0]! < stamped[1]!).toBe(true);
  });

  it('takes the only container by default, needs one named otherwise, and honours tailLines and sinceTime', async () => {
    server.setPodLog('team', 'solo', 'c', ['a', 'b', 'c']);
    expect((await get(logPath('solo'))).text).toBe('a\nb\nc\n');
    expect((await get(logPath('solo', 'tailLines=2'))).text).toBe('b\nc\n');
    expect((await get(logPath('solo', `sinceTime=${new Date(Date.now() + 5000).toISOString()}`))).text).toBe('');
    const ambiguous = await get(logPath('duo'));
    expect(ambiguous.status).toBe(400);
    expect(JSON.parse(ambiguous.text)).toMatchObject({ reason: 'BadRequest', message: expect.stringContaining('[app proxy]') });
    expect((await get(logPath('duo', 'container=sidecar'))).status).toBe(400);
  });

  it('is a 404 for a missing Pod and a 403 naming pods/log without that permission', async () => {
    const missing = await get(logPath('ghost', 'container=c'));
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ reason: 'NotFound', message: 'pods "ghost" not found' });
    const denied = await get(logPath('solo'), 'no-logs');
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text).message).toBe(
      'pods "solo" is forbidden: User "user-no-logs" cannot get resource "pods/log" in API group "" in the namespace "team"',
    );
    expect((await get(logPath('solo'), VIEWER.token)).status).toBe(200);
    expect(server.requests().at(-1)).toMatchObject({ verb: 'get', resource: 'pods/log', namespace: 'team', name: 'solo' });
  });

  it('with follow=true keeps the response open, sends appended lines, and ends when the server stops', async () => {
    server.setPodLog('team', 'duo', 'app', ['first']);
    const response = await fetch(server.url + logPath('duo', 'container=app&follow=true'), {
      headers: { authorization: `Bearer ${ADMIN.token}` },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (wanted: string): Promise<void> => {
      while (!text.includes(wanted)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${wanted}": ${text}`);
        text += value;
      }
    };
    await readUntil('first\n');
    expect(server.followingLogs()).toBe(1);
    server.appendPodLog('team', 'duo', 'proxy', ['not this container']);
    server.appendPodLog('team', 'duo', 'app', ['second', 'third']);
    await readUntil('third\n');
    expect(text).toBe('first\nsecond\nthird\n');
    await server.stop();
    expect((await reader.read()).done).toBe(true);
    await eventually(() => server.followingLogs() === 0);
  });

  it('forgets a follower whose client went away', async () => {
    const abort = new AbortController();
    const response = await fetch(server.url + logPath('solo', 'follow=true'), {
      headers: { authorization: `Bearer ${ADMIN.token}` },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    await eventually(() => server.followingLogs() === 1);
    abort.abort();
    await eventually(() => server.followingLogs() === 0);
  });
});
