import { describe, expect, it } from 'vitest';
import { TestPodDirectory } from './podDirectory.js';
import { LogMerger } from '../../../src/engine/logs/merger.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ApiError, type RequestOptions } from '../../../src/extension/cluster/apiClient.js';
import { LogFollower, type LineSource, type StreamState } from '../../../src/extension/logs/logFollower.js';

const stamp = (s: number): string => `2024-05-01T10:00:${String(s).padStart(2, '0')}Z`;
const pod = (name: string, containers = ['app'], state: 'running' | 'waiting' = 'running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { containers: containers.map((c) => ({ name: c })) },
  status: { containerStatuses: containers.map((c) => ({ name: c, state: { [state]: {} } })) },
});

type Answer = string[] | Error | 'hang';
/** Answers each request for a path in turn; records the queries. */
class FakeApi implements LineSource {
  readonly requests: string[] = [];
  constructor(private readonly answers: Map<string, Answer[]>) {}
  async lines(path: string, options: RequestOptions): Promise<AsyncIterable<string>> {
    this.requests.push(decodeURIComponent(path));
    const podPath = path.split('?')[0]!;
    const container = new URLSearchParams(path.split('?')[1]).get('container');
    const answer = this.answers.get(`${podPath.split('/')[6]}/${container}`)?.shift() ?? 'hang';
    if (answer instanceof Error) throw answer;
    const signal = options.signal!;
    return (async function* (): AsyncGenerator<string> {
      if (answer === 'hang') {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      }
      for (const line of answer) yield line;
    })();
  }
}

const timing = { retryMs: 5, maxRetryMs: 20 };
const until = async (what: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(what()).toBe(true);
};
const plain = (merger: LogMerger): string[] => merger.plainText().split('\n').filter(Boolean);

describe('LogFollower', () => {
  it('resumes a dropped stream from the last timestamp without losing or repeating a line', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1'));
    const api = new FakeApi(
      new Map([
        [
          'web-1/app',
          [
            [`${stamp(1)} a`, `${stamp(2)} b`],
            // The server resends from the whole second of the last line.
            [`${stamp(2)} b`, `${stamp(3)} c`],
          ],
        ],
      ]),
    );
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: true, tailLines: 10 }, undefined, timing);
    follower.start();
    await until(() => merger.total === 3);
    expect(plain(merger)).toEqual(['# following pod web-1', 'web-1/app a', 'web-1/app b', 'web-1/app c']);
    expect(api.requests[0]).toContain('tailLines=10');
    expect(api.requests[1]).toContain(`sinceTime=${stamp(2)}`);
    expect(api.requests[1]).not.toContain('tailLines');
    expect(merger.duplicates).toBe(1);
    follower.stop();
    expect(follower.state).toBe('ended');
  });

  it('follows Pods as they join and leave, and says so in the stream', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1'));
    const api = new FakeApi(new Map([['web-2/app', [[`${stamp(5)} from two`], 'hang']]]));
    const merger = new LogMerger({ maxLines: 100 });
    const states: StreamState[] = [];
    const follower = new LogFollower(api, directory, merger, { follow: true }, (s) => states.push(s), timing);
    follower.start();
    await until(() => follower.state === 'following');
    directory.set(pod('web-1'), pod('web-2'));
    await until(() => merger.total === 1);
    directory.set(pod('web-2'));
    expect(plain(merger)).toEqual(['# following pod web-1', '# pod web-2 joined', 'web-2/app from two', '# pod web-1 left']);
    expect(follower.activeStreams).toBe(1);
    directory.gone = true;
    directory.set();
    expect(follower.state).toBe('ended');
    expect(plain(merger).at(-1)).toBe('# what this stream followed is gone: the stream ends');
    expect(states).toContain('following');
  });

  it('streams every container of a Pod, each with its own prefix', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1', ['app', 'sidecar']));
    const api = new FakeApi(
      new Map([
        ['web-1/app', [[`${stamp(1)} from app`], 'hang']],
        ['web-1/sidecar', [[`${stamp(1)} from sidecar`], 'hang']],
      ]),
    );
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: true }, undefined, timing);
    follower.start();
    await until(() => merger.total === 2);
    expect(plain(merger).slice(1).sort()).toEqual(['web-1/app from app', 'web-1/sidecar from sidecar']);
    follower.stop();
  });

  it('tells which permission is missing on 403 and stops that stream', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1'));
    const forbidden = new ApiError('forbidden', 'pods "web-1" is forbidden', 403);
    const api = new FakeApi(new Map([['web-1/app', [forbidden]]]));
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: true }, undefined, timing);
    follower.start();
    await until(() => follower.state === 'error');
    expect(plain(merger)[1]).toMatch(/needs "get" on "pods\/log" in namespace shop/);
    expect(follower.lastFailure?.kind).toBe('forbidden');
  });

  it('waits for a container that has not started (400), then streams it', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1', ['app'], 'waiting'));
    const notStarted = new ApiError('bad-response', 'container "app" in pod "web-1" is waiting to start: ContainerCreating', 400);
    const api = new FakeApi(new Map([['web-1/app', [notStarted, notStarted, [`${stamp(1)} up`], 'hang']]]));
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: true }, undefined, timing);
    follower.start();
    await until(() => merger.total === 1);
    expect(plain(merger).slice(0, 3)).toEqual([
      '# following pod web-1',
      '# web-1/app in namespace shop: the container has not started yet; the stream starts when it does',
      'web-1/app up',
    ]);
    follower.stop();
  });

  it('ends a stream whose pod is gone (404) with that reason', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1'));
    const api = new FakeApi(new Map([['web-1/app', [new ApiError('not-found', 'pods "web-1" not found', 404)]]]));
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: true }, undefined, timing);
    follower.start();
    await until(() => follower.activeStreams === 0);
    expect(plain(merger)[1]).toMatch(/the pod is gone/);
  });

  it('ends when not following and every container was read', async () => {
    const directory = new TestPodDirectory('shop');
    directory.set(pod('web-1'));
    const api = new FakeApi(new Map([['web-1/app', [[`${stamp(1)} only`]]]]));
    const merger = new LogMerger({ maxLines: 100 });
    const follower = new LogFollower(api, directory, merger, { follow: false }, undefined, timing);
    follower.start();
    await until(() => follower.state === 'ended');
    expect(api.requests[0]).not.toContain('follow=');
  });
});
