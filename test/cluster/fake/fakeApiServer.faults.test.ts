import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer } from './fakeApiServer.js';
import type { FakeApiServer, KubeObject } from './fakeApiServer.js';
import { ADMIN, pod, widget, widgetCrd } from './fixtures.js';
import { WatchReader } from './watchReader.js';

// Discovery, CRD registration and fault injection, checked with plain fetch.

let server: FakeApiServer;

async function get(path: string): Promise<{ status: number; body: KubeObject; headers: Headers }> {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${ADMIN.token}` } });
  return { status: response.status, body: (await response.json()) as KubeObject, headers: response.headers };
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
}
interface ApiGroup {
  name: string;
  preferredVersion: { groupVersion: string; version: string };
}

const resources = (list: KubeObject): ApiResource[] => list['resources'] as ApiResource[];
const groups = (list: KubeObject): ApiGroup[] => list['groups'] as ApiGroup[];

beforeEach(async () => {
  server = await startFakeApiServer({ identities: [ADMIN] });
});
afterEach(async () => server.stop());

describe('discovery', () => {
  it('serves /api, /api/v1, /apis and /apis/{group}/{version} in the real shapes', async () => {
    expect((await get('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const core = (await get('/api/v1')).body;
    expect(core).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    expect(resources(core).find((r) => r.name === 'pods')).toMatchObject({ namespaced: true, kind: 'Pod', singularName: 'pod' });
    expect(resources(core).find((r) => r.name === 'namespaces')).toMatchObject({ namespaced: false, kind: 'Namespace' });
    expect(resources(core).find((r) => r.name === 'pods/log')?.verbs).toEqual(['get']);
    const all = groups((await get('/apis')).body);
    expect(all.find((g) => g.name === 'autoscaling')?.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    const apps = (await get('/apis/apps/v1')).body;
    expect(apps).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1' });
    expect(resources(apps).map((r) => r.name)).toContain('statefulsets');
    expect((await get('/apis/example.com/v1')).status).toBe(404);
    expect((await get('/version')).body['gitVersion']).toMatch(/^v1\.\d+/);
  });

  it('starts serving a CRD group when the CRD is created and stops when it is deleted', async () => {
    server.create(widgetCrd());
    const group = groups((await get('/apis')).body).find((g) => g.name === 'example.com');
    expect(group?.preferredVersion.version).toBe('v1');
    expect(resources((await get('/apis/example.com/v1')).body).find((r) => r.name === 'widgets')).toMatchObject({
      kind: 'Widget',
      namespaced: true,
    });
    server.create(widget('w1'));
    const list = (await get('/apis/example.com/v1alpha1/namespaces/default/widgets')).body;
    expect(list.kind).toBe('WidgetList');
    expect((list['items'] as KubeObject[])[0]).toMatchObject({ kind: 'Widget', apiVersion: 'example.com/v1alpha1' });
    const reader = await WatchReader.open(
      `${server.url}/apis/example.com/v1/widgets?watch=true&resourceVersion=${server.resourceVersion()}`,
      ADMIN.token,
    );
    server.delete(widgetCrd());
    expect(await reader.closed).toBe('end');
    expect(reader.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['DELETED w1']);
    expect(groups((await get('/apis')).body).some((g) => g.name === 'example.com')).toBe(false);
    expect((await get('/apis/example.com/v1/widgets')).status).toBe(404);
  });
});

describe('fault injection', () => {
  it('failNext fails only matching requests, with Retry-After on 429', async () => {
    server.failNext(2, { status: 429, retryAfterSeconds: 3, path: '/pods' });
    const first = await get('/api/v1/pods');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
    expect((await get('/api/v1/configmaps')).status).toBe(200);
    expect((await get('/api/v1/pods')).status).toBe(429);
    expect((await get('/api/v1/pods')).status).toBe(200);
  });

  it('failNext can target watches only', async () => {
    server.failNext(1, { status: 503, verbs: ['watch'] });
    expect((await get('/api/v1/pods')).status).toBe(200);
    const failed = await fetch(`${server.url}/api/v1/pods?watch=true`, { headers: { authorization: `Bearer ${ADMIN.token}` } });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as KubeObject)['reason']).toBe('ServiceUnavailable');
  });

  it('a seeded failure rate fails the same requests on every run', async () => {
    const pattern = async (): Promise<number[]> => {
      await server.stop();
      server = await startFakeApiServer({ identities: [ADMIN], seed: 42 });
      server.setFailureRate(0.5, { status: 500 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await get('/api/v1/pods')).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('setLatency holds every response', async () => {
    server.setLatency(150);
    const started = Date.now();
    expect((await get('/api')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('restart keeps the port and the store; connections are refused while down', async () => {
    server.create(pod('survivor'));
    const url = server.url;
    const rvBefore = Number(server.resourceVersion());
    const reader = await WatchReader.open(`${url}/api/v1/pods?watch=true&resourceVersion=${rvBefore}`, ADMIN.token);
    await server.takeDown();
    expect(await reader.closed).toBe('error');
    await expect(fetch(`${url}/version`)).rejects.toThrow();
    await server.bringUp();
    expect(server.url).toBe(url);
    const list = (await get('/api/v1/pods')).body;
    expect((list['items'] as KubeObject[]).map((o) => o.metadata?.name)).toEqual(['survivor']);
    expect(Number(server.create(pod('after')).metadata?.resourceVersion)).toBeGreaterThan(rvBefore);
    expect(server.openWatches()).toBe(0);
  });

  it('stamps uid, resourceVersion, creationTimestamp and generation like the real server', () => {
    const created = server.create(pod('p'));
    expect(created.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const relabelled = server.update({ ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
    expect(relabelled.metadata?.generation).toBe(1);
    const respecced = server.update({ ...relabelled, spec: { containers: [] } });
    expect(respecced.metadata).toMatchObject({ uid: created.metadata?.uid, generation: 2 });
    expect(Number(respecced.metadata?.resourceVersion)).toBeGreaterThan(Number(relabelled.metadata?.resourceVersion));
    expect(() => server.create(pod('p'))).toThrow(/already exists/);
  });
});
