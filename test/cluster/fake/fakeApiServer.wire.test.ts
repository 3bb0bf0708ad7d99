import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApiServer } from './fakeApiServer.js';
import type { FakeApiServer, FakeApiServerOptions, KubeObject } from './fakeApiServer.js';
import { ADMIN, configMap, pod, secret, VIEWER } from './fixtures.js';
import { WatchReader } from './watchReader.js';

// What goes over the wire, checked with plain fetch: list/watch semantics, metadata-only, auth, faults.

let server: FakeApiServer;

async function start(options: FakeApiServerOptions = {}): Promise<void> {
  server = await startFakeApiServer({ identities: [ADMIN, VIEWER], ...options });
}

async function getJson(
  path: string,
  token = ADMIN.token,
  accept?: string,
): Promise<{ status: number; body: KubeObject; headers: Headers }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) };
  const response = await fetch(server.url + path, { headers });
  return { status: response.status, body: (await response.json()) as KubeObject, headers: response.headers };
}

const names = (list: KubeObject): string[] =>
  (list['items'] as KubeObject[]).map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);

beforeEach(async () => start());
afterEach(async () => server.stop());

describe('list', () => {
  it('returns a typed list sorted by namespace and name, items without kind, at the global resourceVersion', async () => {
    ['b', 'a'].forEach((ns) => ['y', 'x'].forEach((name) => server.create(pod(name, ns))));
    server.create(configMap('unrelated'));
    const { status, body } = await getJson('/api/v1/pods');
    expect(status).toBe(200);
    expect(body.kind).toBe('PodList');
    expect(names(body)).toEqual(['a/x', 'a/y', 'b/x', 'b/y']);
    expect((body['items'] as KubeObject[])[0]).not.toHaveProperty('kind');
    expect(body.metadata?.resourceVersion).toBe(server.resourceVersion());
    expect(names((await getJson('/api/v1/namespaces/b/pods')).body)).toEqual(['b/x', 'b/y']);
  });

  it('pages from one snapshot: later writes do not show up in later pages', async () => {
    ['p1', 'p2', 'p3', 'p4', 'p5'].forEach((name) => server.create(pod(name)));
    const first = (await getJson('/api/v1/namespaces/default/pods?limit=2')).body;
    expect(names(first)).toEqual(['default/p1', 'default/p2']);
    expect(first.metadata?.['remainingItemCount']).toBe(3);
    server.delete(pod('p4'));
    server.create(pod('p6'));
    const token = encodeURIComponent(first.metadata?.['continue'] as string);
    const second = (await getJson(`/api/v1/namespaces/default/pods?limit=2&continue=${token}`)).body;
    expect(names(second)).toEqual(['default/p3', 'default/p4']);
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const rest = (
      await getJson(`/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(second.metadata?.['continue'] as string)}`)
    ).body;
    expect(names(rest)).toEqual(['default/p5']);
    expect(rest.metadata).not.toHaveProperty('continue');
  });

  it('answers 410 Expired to an unknown or compacted continue token', async () => {
    ['p1', 'p2', 'p3'].forEach((name) => server.create(pod(name)));
    const garbage = await getJson('/api/v1/pods?limit=1&continue=not-a-token');
    expect(garbage.status).toBe(410);
    expect(garbage.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    const first = (await getJson('/api/v1/pods?limit=1')).body;
    server.expireHistory();
    const expired = await getJson(`/api/v1/pods?limit=1&continue=${encodeURIComponent(first.metadata?.['continue'] as string)}`);
    expect(expired.status).toBe(410);
  });
});

describe('watch', () => {
  const watchUrl = (query: string): string => `${server.url}/api/v1/namespaces/default/pods?watch=true&${query}`;

  it('streams ADDED, MODIFIED, DELETED after the given resourceVersion, in order', async () => {
    server.create(pod('before'));
    const rv = server.resourceVersion();
    const reader = await WatchReader.open(watchUrl(`resourceVersion=${rv}`), ADMIN.token);
    const created = server.create(pod('p'));
    server.update({ ...created, spec: { containers: [] } });
    server.delete(pod('p'));
    server.create(pod('elsewhere', 'other'));
    const events = await reader.waitFor(3);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED p', 'MODIFIED p', 'DELETED p']);
    const rvs = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(events[0]?.object.kind).toBe('Pod');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.events).toHaveLength(3);
    reader.abort();
  });

  it('replays history after an older resourceVersion, and the current state when none is given', async () => {
    const first = server.create(pod('a'));
    server.create(pod('b'));
    server.create(pod('c'));
    const resumed = await WatchReader.open(watchUrl(`resourceVersion=${first.metadata?.resourceVersion}`), ADMIN.token);
    expect((await resumed.waitFor(2)).map((e) => e.object.metadata?.name)).toEqual(['b', 'c']);
    const fresh = await WatchReader.open(watchUrl(''), ADMIN.token);
    expect((await fresh.waitFor(3)).map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
    resumed.abort();
    fresh.abort();
  });

  it('sends HTTP 200 then an ERROR 410 Expired event for a resourceVersion older than the history', async () => {
    await server.stop();
    await start({ historyLimit: 2 });
    const old = server.create(pod('a')).metadata?.resourceVersion;
    ['b', 'c', 'd'].forEach((name) => server.create(pod(name)));
    const reader = await WatchReader.open(watchUrl(`resourceVersion=${old}`), ADMIN.token);
    expect(reader.response.status).toBe(200);
    expect(await reader.closed).toBe('end');
    expect(reader.events).toHaveLength(1);
    expect(reader.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('after expireHistory a held resourceVersion gets 410, a fresh list resourceVersion does not', async () => {
    server.create(pod('a'));
    const held = server.resourceVersion();
    server.expireHistory();
    const stale = await WatchReader.open(watchUrl(`resourceVersion=${held}`), ADMIN.token);
    expect((await stale.waitFor(1))[0]?.type).toBe('ERROR');
    // Also for a resource that had no writes at all: compaction is global, as in etcd.
    const untouched = await WatchReader.open(`${server.url}/api/v1/configmaps?watch=true&resourceVersion=${held}`, ADMIN.token);
    expect((await untouched.waitFor(1))[0]?.object).toMatchObject({ code: 410 });
    const listed = (await getJson('/api/v1/namespaces/default/pods')).body.metadata?.resourceVersion;
    const good = await WatchReader.open(watchUrl(`resourceVersion=${listed}`), ADMIN.token);
    server.create(pod('b'));
    expect((await good.waitFor(1))[0]?.type).toBe('ADDED');
    good.abort();
  });

  it('rejects a resourceVersion that is not a number with 400', async () => {
    const response = await fetch(watchUrl('resourceVersion=abc'), { headers: { authorization: `Bearer ${ADMIN.token}` } });
    expect(response.status).toBe(400);
    expect(server.openWatches()).toBe(0);
  });

  it('sends bookmarks only when allowed, carrying just kind, apiVersion and resourceVersion', async () => {
    await server.stop();
    await start({ bookmarkIntervalMs: 40 });
    server.create(pod('a'));
    const rv = server.resourceVersion();
    const withMarks = await WatchReader.open(watchUrl(`resourceVersion=${rv}&allowWatchBookmarks=true`), ADMIN.token);
    const without = await WatchReader.open(watchUrl(`resourceVersion=${rv}`), ADMIN.token);
    const [bookmark] = await withMarks.waitFor(1);
    expect(bookmark).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: rv } } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(without.events).toEqual([]);
    withMarks.abort();
    without.abort();
  });

  it('ends the stream cleanly at timeoutSeconds and counts open watches', async () => {
    const reader = await WatchReader.open(watchUrl('timeoutSeconds=1'), ADMIN.token);
    expect(server.openWatches()).toBe(1);
    const started = Date.now();
    expect(await reader.closed).toBe('end');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.openWatches()).toBe(0);
  });

  it('dropWatches cuts every stream abruptly', async () => {
    const readers = await Promise.all([WatchReader.open(watchUrl(''), ADMIN.token), WatchReader.open(watchUrl(''), ADMIN.token)]);
    expect(server.openWatches()).toBe(2);
    expect(server.dropWatches()).toBe(2);
    expect(await Promise.all(readers.map((r) => r.closed))).toEqual(['error', 'error']);
    expect(server.openWatches()).toBe(0);
  });
});

describe('metadata-only requests', () => {
  const LIST_META = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
  const META = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

  it('reduces lists, gets and watch events to PartialObjectMetadata and logs them as such', async () => {
    server.create(secret('s1'));
    const list = (await getJson('/api/v1/namespaces/default/secrets', ADMIN.token, LIST_META)).body;
    expect(list).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' });
    const [item] = list['items'] as KubeObject[];
    expect(item).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: expect.objectContaining({ name: 's1', annotations: { note: 'meta' } }),
    });
    const single = (await getJson('/api/v1/namespaces/default/secrets/s1', ADMIN.token, META)).body;
    expect(single).not.toHaveProperty('data');
    const reader = await WatchReader.open(
      `${server.url}/api/v1/secrets?watch=1&resourceVersion=${list.metadata?.resourceVersion}`,
      ADMIN.token,
      META,
    );
    server.create(secret('s2'));
    const [event] = await reader.waitFor(1);
    expect(event?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: expect.objectContaining({ name: 's2' }),
    });
    reader.abort();
    const secretRequests = server.requests().filter((r) => r.resource === 'secrets');
    expect(secretRequests.map((r) => r.verb)).toEqual(['list', 'get', 'watch']);
    expect(secretRequests.every((r) => r.metadataOnly)).toBe(true);
  });

  it('sendBookmarks marks metadata-only watches with PartialObjectMetadata bookmarks at once', async () => {
    const reader = await WatchReader.open(
      `${server.url}/api/v1/secrets?watch=true&allowWatchBookmarks=true&resourceVersion=0`,
      ADMIN.token,
      META,
    );
    server.sendBookmarks();
    const [event] = await reader.waitFor(1);
    expect(event).toEqual({
      type: 'BOOKMARK',
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: server.resourceVersion() } },
    });
    reader.abort();
  });

  it('serves full objects to a plain Accept, and 406 when no offered type is acceptable', async () => {
    server.create(secret('s1'));
    const full = (await getJson('/api/v1/namespaces/default/secrets/s1')).body;
    expect(full['data']).toEqual({ password: 'c2VjcmV0' });
    expect(server.requests().at(-1)?.metadataOnly).toBe(false);
    const table = await getJson('/api/v1/secrets', ADMIN.token, 'application/json;as=Table;g=meta.k8s.io;v=v1');
    expect(table.status).toBe(406);
  });
});

describe('authentication and authorization', () => {
  it('answers 401 without a token, with an unknown token and with an expired one', async () => {
    const anonymous = await fetch(`${server.url}/api/v1/pods`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await getJson('/api/v1/pods', 'nobody')).status).toBe(401);
    expect((await getJson('/api/v1/pods', VIEWER.token)).status).toBe(200);
    server.expireToken(VIEWER.token);
    expect((await getJson('/api/v1/pods', VIEWER.token)).status).toBe(401);
  });

  it('answers 403 with the RBAC wording, and forbid/allow override the identity', async () => {
    const cluster = await getJson('/api/v1/secrets', VIEWER.token);
    expect(cluster.status).toBe(403);
    expect(cluster.body['message']).toBe(
      'secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" at the cluster scope',
    );
    const namespaced = await getJson('/apis/apps/v1/namespaces/team/deployments', VIEWER.token);
    expect(namespaced.status).toBe(200);
    server.forbid('deployments.apps');
    const denied = await getJson('/apis/apps/v1/namespaces/team/deployments', VIEWER.token);
    expect(denied.body['message']).toBe(
      'deployments.apps is forbidden: User "viewer" cannot list resource "deployments" in API group "apps" in the namespace "team"',
    );
    server.allow('deployments.apps');
    expect((await getJson('/apis/apps/v1/namespaces/team/deployments', VIEWER.token)).status).toBe(200);
  });

  it('answers SelfSubjectAccessReview and SelfSubjectRulesReview from the allow callback', async () => {
    const post = async (resource: string, spec: unknown): Promise<{ status: number; body: KubeObject }> => {
      const response = await fetch(`${server.url}/apis/authorization.k8s.io/v1/${resource}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${VIEWER.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec }),
      });
      return { status: response.status, body: (await response.json()) as KubeObject };
    };
    const denied = await post('selfsubjectaccessreviews', { resourceAttributes: { verb: 'list', resource: 'secrets', namespace: 'x' } });
    expect(denied.status).toBe(201);
    expect(denied.body['status']).toEqual({ allowed: false });
    const allowed = await post('selfsubjectaccessreviews', { resourceAttributes: { verb: 'watch', resource: 'pods' } });
    expect(allowed.body['status']).toMatchObject({ allowed: true });
    const rules = (await post('selfsubjectrulesreviews', { namespace: 'x' })).body['status'] as {
      resourceRules: { resources: string[]; verbs: string[] }[];
    };
    const podRule = rules.resourceRules.find((r) => r.resources.includes('pods'));
    expect(podRule?.verbs).toEqual(['get', 'list', 'watch']);
    expect(rules.resourceRules.some((r) => r.resources.includes('secrets'))).toBe(false);
  });
});
