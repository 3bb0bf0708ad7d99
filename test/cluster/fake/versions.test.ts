import { afterEach, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from './fakeApiServer.js';
import { ADMIN } from './fixtures.js';

/** The fake answers discovery as older releases do, and a kind served by two groups is one stored object. */
describe('fake API server discovery profiles', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => server?.stop());

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${server!.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN.token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const names = (body: Record<string, unknown>): string[] => ((body['resources'] ?? []) as { name: string }[]).map((entry) => entry.name);

  it('1.18: batch prefers v1, which has no CronJobs; Ingress only in beta groups, one object seen through both', async () => {
    server = await startFakeApiServer({ discovery: '1.18', identities: [ADMIN] });
    expect((await get('/apis/batch')).body['preferredVersion']).toEqual({ groupVersion: 'batch/v1', version: 'v1' });
    expect(names((await get('/apis/batch/v1')).body)).not.toContain('cronjobs');
    expect(names((await get('/apis/batch/v1beta1')).body)).toContain('cronjobs');
    expect((await get('/apis/networking.k8s.io/v1')).body['resources']).not.toContainEqual(expect.objectContaining({ name: 'ingresses' }));
    const groups = ((await get('/apis')).body['groups'] as { name: string }[]).map((group) => group.name);
    expect(groups.indexOf('extensions')).toBeLessThan(groups.indexOf('networking.k8s.io'));
    server.create({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: {} });
    for (const groupVersion of ['extensions/v1beta1', 'networking.k8s.io/v1beta1']) {
      const list = (await get(`/apis/${groupVersion}/namespaces/shop/ingresses`)).body;
      expect(list['apiVersion']).toBe(groupVersion);
      expect((list['items'] as { metadata: { name: string } }[]).map((item) => item.metadata.name)).toEqual(['web']);
    }
    expect((await get('/apis/networking.k8s.io/v1/ingresses')).status).toBe(404);
  });

  it('1.16 serves PodSecurityPolicy in policy and extensions; current serves no extensions group', async () => {
    server = await startFakeApiServer({ discovery: '1.16', identities: [ADMIN] });
    expect(names((await get('/apis/policy/v1beta1')).body)).toContain('podsecuritypolicies');
    const extensions = names((await get('/apis/extensions/v1beta1')).body);
    expect(extensions).toEqual(expect.arrayContaining(['podsecuritypolicies', 'deployments', 'ingresses']));
    await server.stop();
    server = await startFakeApiServer({ discovery: 'current', identities: [ADMIN] });
    expect((await get('/apis/extensions')).status).toBe(404);
    expect(names((await get('/apis/events.k8s.io/v1')).body)).toEqual(['events']);
  });
});
