/**
 * LogFollower over real HTTP against the fake API server, with faults on the wire: a stream cut in the middle of a
 * line and resumed, lines of a megabyte, and cancellation that must leave no connection open on either side.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestPodDirectory } from './podDirectory.js';
import { LogMerger } from '../../../src/engine/logs/merger.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ApiClient, cutMarker } from '../../../src/extension/cluster/apiClient.js';
import { LogFollower, MAX_LOG_LINE_CHARS, type FollowOptions, type PodDirectory } from '../../../src/extension/logs/logFollower.js';
import { startFakeApiServer, type FakeApiServer } from '../../cluster/fake/fakeApiServer.js';
import { ADMIN, eventually } from '../../cluster/fake/fixtures.js';

const NS = 'shop';

function runningPod(name: string, containers = ['app']): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: { containers: containers.map((c) => ({ name: c, image: 'example.invalid/app' })) },
    status: { phase: 'Running', containerStatuses: containers.map((c) => ({ name: c, state: { running: {} } })) },
  };
}

let server: FakeApiServer;
let api: ApiClient;
const followers: LogFollower[] = [];

beforeEach(async () => {
  server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
  const config = new KubeConfig();
  config.loadFromString(server.kubeconfigYaml({ token: ADMIN.token }));
  api = new ApiClient(config);
});

afterEach(async () => {
  for (const follower of followers.splice(0)) follower.stop();
  await server.stop();
});

function follow(directory: PodDirectory, options: FollowOptions, merger = new LogMerger({ maxLines: 1000 })): LogFollower {
  const follower = new LogFollower(api, directory, merger, options, undefined, { retryMs: 20, maxRetryMs: 100 });
  followers.push(follower);
  follower.start();
  return follower;
}

/** The container lines of the merged stream (notes left out). */
const received = (follower: LogFollower): string[] =>
  follower.merger
    .plainText()
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('# '));

/** Polls until `check` holds; the failure shows the stream and its last problem. */
async function until(check: () => boolean, what: string, follower: LogFollower, timeoutMs = 10_000): Promise<void> {
  try {
    await eventually(check, timeoutMs, what);
  } catch (error) {
    const detail = `${follower.merger.plainText()}state ${follower.state}; last problem: ${follower.lastFailure?.message ?? 'none'}`;
    throw new Error(`${(error as Error).message}\n${detail}`, { cause: error });
  }
}

const logRequests = (): number => server.requests().filter((r) => r.resource === 'pods/log').length;

describe('LogFollower against the fake API server: a stream cut in the middle of a line', () => {
  for (const how of ['destroy', 'end'] as const) {
    const cut = how === 'destroy' ? 'the connection drops' : 'the response ends cleanly';
    it(`(${cut}) resumes from the last timestamp, losing and repeating nothing`, async () => {
      server.upsert(runningPod('web-1') as never);
      server.setPodLog(NS, 'web-1', 'app', ['one', 'two']);
      const directory = new TestPodDirectory(NS);
      directory.set(runningPod('web-1'));
      const follower = follow(directory, { follow: true });
      await until(() => received(follower).length === 2 && server.followingLogs() === 1, 'the first lines', follower);
      server.appendPodLog(NS, 'web-1', 'app', ['three']);
      await until(() => received(follower).length === 3, 'a followed line', follower);
      expect(server.cutPodLogMidLine(NS, 'web-1', 'app', 'four is a longer line, cut in its middle', how)).toBe(1);
      // The resumed request is open again once the server counts a follower; then more lines come.
      await until(() => server.followingLogs() === 1 && logRequests() === 2, 'the resumed request', follower);
      server.appendPodLog(NS, 'web-1', 'app', ['five']);
      await until(() => received(follower).includes('web-1/app five'), 'a line after the resume', follower);
      expect(received(follower)).toEqual([
        'web-1/app one',
        'web-1/app two',
        'web-1/app three',
        'web-1/app four is a longer line, cut in its middle',
        'web-1/app five',
      ]);
      const resumed = server.requests().filter((r) => r.resource === 'pods/log')[1]!;
      expect(resumed.query['sinceTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(resumed.query['tailLines']).toBeUndefined();
      // The server resent what it had since that second: everything before "four" came twice and was dropped.
      expect(follower.merger.duplicates).toBeGreaterThanOrEqual(1);
      expect(follower.state).toBe('following');
    });
  }

  it('gives the last line of an ended container whole even without a newline (that is not a cut)', async () => {
    const ended: KubeObject = { ...runningPod('job-1'), status: { containerStatuses: [{ name: 'app', state: { terminated: {} } }] } };
    server.upsert(ended as never);
    server.setPodLog(NS, 'job-1', 'app', ['working', 'last words, no newline'], true);
    const directory = new TestPodDirectory(NS);
    directory.set(ended);
    const follower = follow(directory, { follow: false });
    await until(() => follower.state === 'ended', 'the end', follower);
    expect(received(follower)).toEqual(['job-1/app working', 'job-1/app last words, no newline']);
    expect(logRequests()).toBe(1);
  });
});

/** A line of `size` characters that says which it is at both ends, so a cut or a mix-up shows. */
const bigLine = (n: number, size: number): string => {
  const head = `line ${n} begins `;
  const tail = ` line ${n} ends`;
  return head + String.fromCharCode(97 + (n % 26)).repeat(size - head.length - tail.length) + tail;
};
const MB = 1024 * 1024;

describe('LogFollower against the fake API server: lines of a megabyte', () => {
  it('delivers each whole, in order, while a followed stream goes on', async () => {
    server.upsert(runningPod('big') as never);
    const lines = [1, 2, 3, 4].map((n) => bigLine(n, MB));
    server.setPodLog(NS, 'big', 'app', lines.slice(0, 2));
    const directory = new TestPodDirectory(NS);
    directory.set(runningPod('big'));
    const follower = follow(directory, { follow: true });
    await until(() => follower.merger.total === 2, 'the first two', follower);
    server.appendPodLog(NS, 'big', 'app', [...lines.slice(2), 'small after']);
    await until(() => follower.merger.total === 5, 'the followed ones', follower);
    expect(received(follower)).toEqual([...lines, 'small after'].map((line) => `big/app ${line}`));
    expect(follower.state).toBe('following');
  });

  it('keeps memory to the ring: the oldest lines go once the kept characters pass the budget', async () => {
    server.upsert(runningPod('big') as never);
    const lines = [1, 2, 3, 4, 5, 6].map((n) => bigLine(n, MB));
    server.setPodLog(NS, 'big', 'app', lines);
    const directory = new TestPodDirectory(NS);
    directory.set(runningPod('big'));
    const merger = new LogMerger({ maxLines: 10_000, maxChars: 2.5 * MB });
    const follower = follow(directory, { follow: true }, merger);
    await until(() => merger.total === 6, 'every line', follower);
    // Two lines of a megabyte fit in 2.5 MB, the third would not: the four oldest were dropped, the newest kept whole.
    expect(received(follower)).toEqual(lines.slice(4).map((line) => `big/app ${line}`));
    expect(merger.keptChars).toBeLessThanOrEqual(2.5 * MB);
    expect(merger.dropped).toBe(5); // the four lines and the "following" note
    // What waits for the terminal's next tick is bounded too (nothing drained it meanwhile): at most twice the budget.
    const drained = merger.drain();
    expect(drained.text.length).toBeLessThan(2 * 2.5 * MB + 1000); // plus prefixes and colours
    expect(drained.skipped).toBeGreaterThan(0);
  });

  it(`cuts a line longer than ${MAX_LOG_LINE_CHARS / MB} Mi characters, says how much was dropped, and reads on`, async () => {
    server.upsert(runningPod('huge') as never);
    const huge = bigLine(7, MAX_LOG_LINE_CHARS + MB);
    server.setPodLog(NS, 'huge', 'app', ['before', huge, 'after']);
    const directory = new TestPodDirectory(NS);
    directory.set(runningPod('huge'));
    const follower = follow(directory, { follow: true });
    await until(() => follower.merger.total === 3, 'every line', follower);
    const [before, cut, after] = received(follower);
    expect([before, after]).toEqual(['huge/app before', 'huge/app after']);
    // The kept part is the line's start (after the 31-character timestamp and its space).
    const kept = MAX_LOG_LINE_CHARS - 31;
    expect(cut).toBe(`huge/app ${huge.slice(0, kept)}${cutMarker(huge.length - kept)}`);
  });
});

/**
 * The client's open sockets to this test's server (the server runs in this process too: its own sockets have the port
 * as their local one). Node's handle list is the only place that sees every socket, the agent's pooled ones included.
 */
function clientSockets(): number {
  const port = Number(new URL(server.url).port);
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed && h.remotePort === port).length;
}

describe('LogFollower against the fake API server: cancellation leaves no connection open', () => {
  /** Three Pods of two containers each, all followed: six open log requests. */
  async function followSix(): Promise<{ follower: LogFollower; directory: TestPodDirectory }> {
    const pods = ['web-1', 'web-2', 'web-3'].map((name) => runningPod(name, ['app', 'proxy']));
    for (const p of pods) {
      server.upsert(p as never);
      for (const c of ['app', 'proxy']) server.setPodLog(NS, p.metadata!.name!, c, [`${c} up`]);
    }
    const directory = new TestPodDirectory(NS);
    directory.set(...pods);
    const follower = follow(directory, { follow: true });
    await until(() => server.followingLogs() === 6 && follower.merger.total === 6, 'six followed streams', follower);
    expect(server.openLogSockets()).toBe(6);
    expect(clientSockets()).toBe(6);
    return { follower, directory };
  }

  async function expectClosed(follower: LogFollower): Promise<void> {
    await until(() => server.openLogSockets() === 0 && server.followingLogs() === 0, 'no open log connection', follower);
    // A run waiting to retry ends when its sleep is aborted, a tick after stop().
    await until(() => follower.activeStreams === 0, 'no container stream pending', follower);
    await until(() => clientSockets() === 0, "the client's sockets closed too", follower);
  }

  it('on Stop', async () => {
    const { follower } = await followSix();
    follower.stop('stopped');
    expect(follower.state).toBe('ended');
    await expectClosed(follower);
  });

  it('when the Pods go away, and when what is followed is gone (the stream ends)', async () => {
    const { follower, directory } = await followSix();
    directory.set(runningPod('web-3', ['app', 'proxy']));
    await until(
      () => server.followingLogs() === 2 && server.openLogSockets() === 2 && clientSockets() === 2,
      "web-1's and web-2's closed",
      follower,
    );
    expect(follower.activeStreams).toBe(2);
    directory.gone = true;
    directory.set();
    expect(follower.state).toBe('ended');
    await expectClosed(follower);
  });

  it('when the context switches (the Logs list stops every stream of the old connection this way)', async () => {
    const { follower } = await followSix();
    follower.stop('the context switched or the connection was closed: the stream ends');
    await expectClosed(follower);
    // Nothing reconnects later: no new log request reaches the server after a retry interval has passed many times.
    const requests = logRequests();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logRequests()).toBe(requests);
  });

  it('while a stream waits to reconnect (the server refused it)', async () => {
    server.upsert(runningPod('web-1') as never);
    server.setPodLog(NS, 'web-1', 'app', ['up']);
    server.failNext(1000, { status: 503, verbs: ['get'], path: '/log' });
    const directory = new TestPodDirectory(NS);
    directory.set(runningPod('web-1'));
    const follower = follow(directory, { follow: true });
    await until(() => follower.state === 'reconnecting' && logRequests() >= 2, 'retrying', follower);
    follower.stop();
    await expectClosed(follower);
    const requests = logRequests();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logRequests()).toBe(requests);
  });
});
