import { ApisApi, CoreV1Api, CustomObjectsApi, KubeConfig, makeInformer, Watch } from '@kubernetes/client-node';
import type { ApiException, V1Pod } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer } from './fakeApiServer.js';
import type { FakeApiServer, KubeconfigOptions } from './fakeApiServer.js';
import { ADMIN, eventually, pod, VIEWER, widget, widgetCrd } from './fixtures.js';

// The fake server driven by the real @kubernetes/client-node over HTTPS, the way the extension will talk to clusters.

let server: FakeApiServer;

beforeAll(async () => {
  server = await startFakeApiServer({ tls: true, identities: [ADMIN, VIEWER] });
});
afterAll(async () => server.stop());
afterEach(() => {
  server.clearFaults();
  server.clearRequests();
});

function kubeConfig(options: KubeconfigOptions = { token: ADMIN.token }): KubeConfig {
  const config = new KubeConfig();
  config.loadFromString(server.kubeconfigYaml(options));
  return config;
}

async function failure(promise: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as ApiException<unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('CoreV1Api over HTTPS', () => {
  it('pages with limit/continue until the list is complete', async () => {
    for (let i = 0; i < 7; i++) server.upsert(pod(`page-${i}`, 'paging'));
    const api = kubeConfig().makeApiClient(CoreV1Api);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api.listNamespacedPod({ namespace: 'paging', limit: 3, ...(token ? { _continue: token } : {}) });
      seen.push(...page.items.map((p) => p.metadata?.name ?? ''));
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    expect(
      server
        .requests()
        .filter((r) => r.verb === 'list')
        .map((r) => r.query['limit']),
    ).toEqual(['3', '3', '3']);
  });

  it('trusts the server only with the right CA', async () => {
    const list = (options: KubeconfigOptions): Promise<unknown> => kubeConfig(options).makeApiClient(CoreV1Api).listNamespace();
    await expect(list({ token: ADMIN.token, trust: 'wrong-ca' })).rejects.toThrow(/certificate/);
    await expect(list({ token: ADMIN.token, trust: 'none' })).rejects.toThrow(/certificate/);
    await expect(list({ token: ADMIN.token, trust: 'insecure' })).resolves.toBeDefined();
    await expect(list({ token: ADMIN.token })).resolves.toBeDefined();
  });

  it('surfaces 401, 403 and 429 as ApiExceptions with the server Status', async () => {
    const unknown = await failure(kubeConfig({ token: 'stolen' }).makeApiClient(CoreV1Api).listPodForAllNamespaces());
    expect(unknown.code).toBe(401);
    const viewer = kubeConfig({ token: VIEWER.token }).makeApiClient(CoreV1Api);
    const forbidden = await failure(viewer.listNamespacedSecret({ namespace: 'default' }));
    expect(forbidden.code).toBe(403);
    // client-node hands over the raw body for status codes its spec does not describe.
    const status = (typeof forbidden.body === 'string' ? JSON.parse(forbidden.body) : forbidden.body) as {
      message: string;
      reason: string;
    };
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toBe(
      'secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    server.failNext(1, { status: 429, retryAfterSeconds: 2 });
    const throttled = await failure(viewer.listNamespacedPod({ namespace: 'default' }));
    expect(throttled.code).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
  });
});

describe('Watch and informers', () => {
  it('Watch delivers typed events and reports 410 through the callback', async () => {
    const watch = new Watch(kubeConfig());
    const seen: string[] = [];
    const start = server.resourceVersion();
    const controller = await watch.watch(
      '/api/v1/namespaces/watched/pods',
      { resourceVersion: start },
      (type, obj: V1Pod) => {
        seen.push(`${type} ${obj.metadata?.name}`);
      },
      () => undefined,
    );
    server.create(pod('w', 'watched'));
    server.delete(pod('w', 'watched'));
    await eventually(() => seen.length === 2, 3000, 'two events');
    expect(seen).toEqual(['ADDED w', 'DELETED w']);
    controller.abort();
    await eventually(() => server.openWatches() === 0, 3000, 'watch closed');

    server.expireHistory();
    let errorCode: number | undefined;
    let done = false;
    await watch.watch(
      '/api/v1/pods',
      { resourceVersion: start },
      (type, obj: { code?: number }) => {
        if (type === 'ERROR') errorCode = obj.code;
      },
      () => (done = true),
    );
    await eventually(() => done, 3000, 'watch done');
    expect(errorCode).toBe(410);
  });

  it('an informer resumes after dropped watches and relists after 410', async () => {
    const config = kubeConfig();
    const api = config.makeApiClient(CoreV1Api);
    server.create(pod('keep', 'inf'));
    server.create(pod('doomed', 'inf'));
    const informer = makeInformer(config, '/api/v1/namespaces/inf/pods', () => api.listNamespacedPod({ namespace: 'inf' }));
    const names = (): string[] =>
      informer
        .list('inf')
        .map((p) => p.metadata?.name ?? '')
        .sort();
    // client-node leaves restarting after an error to its user; do what our client will do, and (like it) never
    // restart once stopped: an error from the last dropped watch, late on a loaded machine, restarted the informer
    // after `stop()` and left a watch open.
    let stopped = false;
    informer.on('error', () =>
      setTimeout(() => {
        if (!stopped) void informer.start();
      }, 20),
    );
    await informer.start();
    await eventually(() => server.openWatches() === 1, 3000, 'informer watching');
    expect(names()).toEqual(['doomed', 'keep']);

    const lists = (): number => server.requests().filter((r) => r.verb === 'list').length;
    const listsBefore = lists();
    server.dropWatches();
    server.create(pod('while-away', 'inf'));
    await eventually(() => names().includes('while-away'), 10_000, 'event replayed after reconnect');
    expect(lists()).toBe(listsBefore); // resumed from history, not relisted

    server.delete(pod('doomed', 'inf'));
    server.expireHistory();
    server.dropWatches();
    await eventually(() => !names().includes('doomed'), 10_000, 'relist drops the deleted pod');
    expect(lists()).toBe(listsBefore + 1);
    // client-node's ListWatch cannot stop while a watch is still connecting (the request is kept only once it is
    // open, so `stop()` aborts nothing and the watch opens anyway): stop once it is watching again.
    await eventually(() => server.openWatches() === 1, 10_000, 'watching again after the relist');
    stopped = true;
    await informer.stop();
    await eventually(() => server.openWatches() === 0, 10_000, 'informer stopped');
  });

  it('an informer comes back after the server restarts on the same port', async () => {
    const config = kubeConfig();
    const api = config.makeApiClient(CoreV1Api);
    const informer = makeInformer(config, '/api/v1/namespaces/restart/pods', () => api.listNamespacedPod({ namespace: 'restart' }));
    informer.on('error', () => setTimeout(() => void informer.start(), 50));
    await informer.start();
    await server.restart(100);
    server.create(pod('after-restart', 'restart'));
    await eventually(() => informer.list('restart').length === 1, 5000, 'pod after restart');
    await informer.stop();
  });
});

describe('custom resources', () => {
  it('discovery and CustomObjectsApi follow CRD creation and deletion', async () => {
    const config = kubeConfig();
    const groupNames = async (): Promise<string[]> => (await config.makeApiClient(ApisApi).getAPIVersions()).groups.map((g) => g.name);
    expect(await groupNames()).not.toContain('example.com');
    server.create(widgetCrd());
    server.create(widget('w1'));
    expect(await groupNames()).toContain('example.com');
    const custom = config.makeApiClient(CustomObjectsApi);
    const list = (await custom.listNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
    })) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((i) => i.metadata.name)).toEqual(['w1']);
    server.delete(widgetCrd());
    expect(await groupNames()).not.toContain('example.com');
    const gone = await failure(
      custom.listNamespacedCustomObject({ group: 'example.com', version: 'v1', namespace: 'default', plural: 'widgets' }),
    );
    expect(gone.code).toBe(404);
  });
});
