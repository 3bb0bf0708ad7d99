import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pickAfterCommand, runCommand, screenshot, waitForNotification } from './harness/codeServer.js';
import {
  e2eAvailable,
  graphStats,
  openSharedWindow,
  topologyFrame,
  waitForLayout,
  waitForStats,
  type SharedWindow,
  useWorkspaceKubeconfig,
  screenshotOnFailure,
} from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

const available = e2eAvailable();
const LIMITED = {
  token: 'dev-token',
  user: 'dev',
  allow: (verb: string, resource: string, namespace: string | undefined): boolean =>
    ['get', 'list', 'watch'].includes(verb) && resource !== 'secrets' && (namespace === 'team-a' || resource === 'namespaces'),
};

/** Two contexts on one fake cluster: an admin, and a developer limited to team-a (as kubectl would merge them). */
function kubeconfig(server: FakeApiServer): string {
  const base = parse(server.kubeconfigYaml({ token: ADMIN.token })) as { clusters: unknown[] };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: base.clusters,
    users: [
      { name: 'admin', user: { token: ADMIN.token } },
      { name: 'dev', user: { token: LIMITED.token } },
    ],
    contexts: [
      { name: 'fake-admin', context: { cluster: 'fake', user: 'admin' } },
      { name: 'fake-dev', context: { cluster: 'fake', user: 'dev', namespace: 'team-a' } },
    ],
    'current-context': 'fake-admin',
  });
}

const pod = (name: string, namespace: string, app: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app } },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running' },
});

describe.skipIf(!available)('the live cluster in a real VS Code (code-server) against an API server', () => {
  let workbench: SharedWindow;
  let server: FakeApiServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN, LIMITED] });
    for (const name of ['team-a', 'team-b']) server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as never);
    server.upsert({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    } as never);
    for (const namespace of ['team-a', 'team-b']) {
      server.upsert({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace },
        spec: { selector: { app: 'web' } },
      } as never);
      server.upsert({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace }, data: { key: 'c2VjcmV0' } } as never);
      for (let i = 0; i < 3; i++) server.upsert(pod(`web-${i}`, namespace, 'web') as never);
    }
    // A window of the run's shared code-server. Its extension host inherits the server's environment, so the
    // kubeconfig comes from the workspace settings (the trusted workspace may name one) instead of KUBECONFIG.
    workbench = await openSharedWindow({
      name: 'cluster',
      prepare: async ({ workspaceFolder, root }) => {
        await useWorkspaceKubeconfig(root, workspaceFolder, kubeconfig(server));
      },
    });
    page = workbench.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('shows the context in the status bar and the resources in the Kubilitics tree', async () => {
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    await page.locator('.statusbar-item', { hasText: 'fake-admin' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const rows = page.locator('.pane-body .monaco-list-row');
    await expect.poll(async () => (await rows.allInnerTexts()).join('|'), { timeout: 30_000 }).toMatch(/team-a.*team-b/s);
    await screenshot(page, 'cluster-tree');
  }, 120_000);

  it('draws the live cluster and follows changes made on the server', async () => {
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    const frame = await topologyFrame(page);
    // 2 namespaces, a node, 2 services, 2 secrets, 6 pods (one more added below: 14).
    const stats = await waitForStats(frame, (s) => s.nodes === 13, 30_000);
    expect(stats.edges).toBe(6 + 6); // each pod → its node, each service → its 3 pods
    server.upsert(pod('web-new', 'team-a', 'web') as never);
    await waitForStats(frame, (s) => s.nodes === 14 && s.edges === 14, 15_000);
    await waitForLayout(frame);
    await screenshot(page, 'cluster-topology');
    const secretRequests = server.requests().filter((request) => request.resource === 'secrets');
    expect(secretRequests.length).toBeGreaterThan(0);
    expect(secretRequests.every((request) => /as=PartialObjectMetadata/.test(request.accept ?? ''))).toBe(true);
  }, 120_000);

  it('takes a snapshot, travels back to it and compares it with now', async () => {
    await runCommand(page, 'Kubilitics: Take Snapshot Now');
    await waitForNotification(page, /snapshot taken|nothing changed/, 15_000);
    server.delete({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'team-b' } } as never);
    server.upsert(pod('web-later', 'team-b', 'web') as never);
    const frame = await topologyFrame(page);
    await waitForStats(frame, (s) => s.nodes === 14, 15_000);
    // The timeline bar: go back to the snapshot (it still has web-0), then compare it with now.
    await frame.getByRole('button', { name: 'Older snapshot' }).click();
    await expect
      .poll(
        async () =>
          await frame
            .locator('.mode-history')
            .textContent()
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('history');
    await waitForStats(frame, (s) => s.nodes === 14, 15_000);
    await frame.getByRole('button', { name: 'Compare with now' }).click();
    // The comparison draws both moments: 13 pods/services/... of now plus the removed web-0.
    await waitForStats(frame, (s) => s.nodes === 15, 15_000);
    await frame.getByRole('button', { name: /changes:/ }).click();
    const changes = await frame.locator('.timeline .changes li').allTextContents();
    expect(changes).toContain('+ Pod team-b/web-later');
    expect(changes).toContain('− Pod team-b/web-0');
    await waitForLayout(frame);
    await screenshot(page, 'cluster-compare');
    await frame.getByRole('button', { name: 'Back to live' }).click();
    await waitForStats(frame, (s) => s.nodes === 14, 15_000);
  }, 120_000);

  it('switches to a namespace-limited context, tears the old watches down and says what is hidden', async () => {
    await pickAfterCommand(page, 'Kubilitics: Select Context…', 'fake-dev');
    await waitForNotification(page, /hidden by RBAC/, 30_000);
    const frame = await topologyFrame(page);
    // team-a only: its 4 pods, its service (2 namespaces stay visible: namespaces may be listed).
    const stats = await waitForStats(frame, (s) => s.nodes === 7, 30_000);
    expect(stats.nodes).toBe(7);
    expect((await graphStats(frame)).edges).toBe(4);
    await expect.poll(() => server.openWatches(), { timeout: 10_000 }).toBeLessThan(40);
    await screenshot(page, 'cluster-limited');
  }, 120_000);
});
