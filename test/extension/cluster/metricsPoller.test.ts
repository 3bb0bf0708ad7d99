/**
 * The poller's decisions, with a stub in place of the API client: no request while the group is not served, one log
 * line per state however often it repeats, a namespace fallback where the cluster-wide list is forbidden, polling
 * on the interval (0 = off) and nothing after dispose. The real metrics API is exercised in
 * test/cluster/real/metrics.test.ts (metrics-server scraping kwok).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient } from '../../../src/extension/cluster/apiClient.js';
import { MetricsPoller, type MetricsState } from '../../../src/extension/cluster/metricsPoller.js';

type Answer = unknown | ApiError;

function stub(answers: Record<string, Answer>): { client: ApiClient; paths: string[] } {
  const paths: string[] = [];
  const client = {
    json: (path: string): Promise<unknown> => {
      paths.push(path);
      const answer = answers[path] ?? new ApiError('not-found', `${path}: 404`, 404);
      return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
    },
  } as unknown as ApiClient;
  return { client, paths };
}

const BASE = '/apis/metrics.k8s.io/v1beta1';
const POD = { metadata: { name: 'web', namespace: 'shop' }, containers: [{ name: 'app', usage: { cpu: '12m', memory: '64Mi' } }] };
const NODE = { metadata: { name: 'n1' }, usage: { cpu: '1', memory: '1Gi' } };

function poller(client: ApiClient, served: string | undefined, intervalSeconds = 0, namespaces: string[] = []) {
  const lines: string[] = [];
  const states: MetricsState[] = [];
  const created = new MetricsPoller(client, {
    intervalSeconds,
    servedVersion: () => served,
    lookup: { record: () => undefined },
    namespaces,
    onState: (state) => states.push(state),
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
  });
  return { poller: created, lines, states };
}

afterEach(() => vi.useRealTimers());

describe('MetricsPoller', () => {
  it('asks nothing while discovery does not list metrics.k8s.io, and says so once', async () => {
    const { client, paths } = stub({});
    const { poller: p, lines } = poller(client, undefined);
    await p.poll();
    await p.poll();
    expect(paths).toEqual([]);
    expect(p.current).toMatchObject({
      state: 'unavailable',
      message: expect.stringMatching(/does not serve metrics\.k8s\.io: install metrics-server/),
    });
    expect(lines).toHaveLength(1);
  });

  it('reads Pods and Nodes into figures by id', async () => {
    const { client, paths } = stub({ [`${BASE}/pods`]: { items: [POD] }, [`${BASE}/nodes`]: { items: [NODE] } });
    const { poller: p, lines } = poller(client, 'v1beta1');
    await p.poll();
    expect(paths).toEqual([`${BASE}/pods`, `${BASE}/nodes`]);
    const state = p.current!;
    expect(state.state).toBe('live');
    if (state.state !== 'live') return;
    expect(state.figures['core/Pod/shop/web']).toEqual({ cpu: { used: 12 }, memory: { used: 64 * 2 ** 20 }, pods: 1 });
    expect(state.figures['core/Namespace//shop']?.pods).toBe(1);
    expect(state.figures['core/Node//n1']?.cpu.used).toBe(1000);
    await p.poll();
    expect(lines).toEqual(['metrics: live from /apis/metrics.k8s.io/v1beta1']);
  });

  it('keeps the live polls in its history (not the failed ones), for the sparklines', async () => {
    const answers: Record<string, Answer> = { [`${BASE}/pods`]: { items: [POD] }, [`${BASE}/nodes`]: { items: [NODE] } };
    const { client } = stub(answers);
    const { poller: p } = poller(client, 'v1beta1');
    await p.poll();
    answers[`${BASE}/pods`] = new ApiError('server', 'service unavailable', 503);
    await p.poll();
    answers[`${BASE}/pods`] = { items: [{ ...POD, containers: [{ name: 'app', usage: { cpu: '30m', memory: '64Mi' } }] }] };
    await p.poll();
    expect(p.history.series('core/Pod/shop/web')).toMatchObject({ cpu: [12, 30], memory: [64 * 2 ** 20, 64 * 2 ** 20] });
  });

  it.each([
    [new ApiError('server', 'service unavailable', 503), /registered but not answering \(503\): check that metrics-server is running/],
    [new ApiError('not-found', 'not found', 404), /not served \(404\): install metrics-server/],
    [new ApiError('forbidden', 'forbidden', 403), /forbidden for this identity: ask for "get, list"/],
  ])('turns %s into one line with the next step', async (error, message) => {
    const { client } = stub({ [`${BASE}/pods`]: error });
    const { poller: p, lines } = poller(client, 'v1beta1');
    for (let i = 0; i < 3; i++) await p.poll();
    expect(p.current).toMatchObject({ state: 'unavailable', message: expect.stringMatching(message) });
    expect(lines).toHaveLength(1);
  });

  it('falls back to the known namespaces where the cluster-wide Pod list is forbidden; Nodes forbidden is a note', async () => {
    const forbidden = new ApiError('forbidden', 'forbidden', 403);
    const { client, paths } = stub({
      [`${BASE}/pods`]: forbidden,
      [`${BASE}/nodes`]: forbidden,
      [`${BASE}/namespaces/shop/pods`]: { items: [POD] },
    });
    const { poller: p } = poller(client, 'v1beta1', 0, ['shop']);
    await p.poll();
    expect(paths).toContain(`${BASE}/namespaces/shop/pods`);
    expect(p.current).toMatchObject({
      state: 'live',
      note: 'Pods of shop only: listing them cluster-wide is forbidden; no Node metrics: forbidden',
    });
  });

  it('polls on the interval, is off at 0, and stops when disposed', async () => {
    vi.useFakeTimers();
    const { client, paths } = stub({ [`${BASE}/pods`]: { items: [] }, [`${BASE}/nodes`]: { items: [] } });
    const { poller: p, states } = poller(client, 'v1beta1', 30);
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(paths).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(paths).toHaveLength(4);
    p.setInterval(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(paths).toHaveLength(4);
    expect(states.at(-1)).toMatchObject({ state: 'off' });
    p.setInterval(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(paths).toHaveLength(6);
    p.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(paths).toHaveLength(6);
  });
});
