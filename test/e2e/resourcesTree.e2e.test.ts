import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import {
  e2eAvailable,
  graphStats,
  openSharedWindow,
  topologyFrame,
  waitForStats,
  type SharedWindow,
  useWorkspaceKubeconfig,
  expand,
  treeRow,
  screenshotOnFailure,
} from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

const available = e2eAvailable();

const pod = (name: string, phase = 'Running'): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'team-a', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase },
});

describe.skipIf(!available)('the Resources tree follows the cluster as the diagram does (real VS Code, code-server)', () => {
  let workbench: SharedWindow;
  let server: FakeApiServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as never);
    for (const name of ['web-0', 'web-1']) server.upsert(pod(name) as never);
    // A window of the run's shared code-server: the kubeconfig comes from the workspace settings, not KUBECONFIG
    // (the server's environment is every window's), as in cluster.e2e.
    workbench = await openSharedWindow({
      name: 'resources-tree',
      prepare: async ({ workspaceFolder, root }) => {
        await useWorkspaceKubeconfig(root, workspaceFolder, server.kubeconfigYaml({ token: ADMIN.token }));
      },
    });
    ({ page } = workbench);
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('shows an added object and a changed status in the tree, measured against the diagram', async () => {
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    await expect
      .poll(
        async () =>
          treeRow(page, 'fake')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/connected/);
    await expand(treeRow(page, 'team-a'));
    await expand(treeRow(page, 'Pod'));
    await treeRow(page, 'web-1').waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    const frame = await topologyFrame(page);
    const before = await waitForStats(frame, (stats) => stats.nodes === 3, 30_000);
    await runCommand(page, 'Kubilitics: Focus on Resources View');

    const start = Date.now();
    server.upsert(pod('web-new') as never);
    server.upsert(pod('web-0', 'Failed') as never);
    let treeMs: number | undefined;
    let diagramMs: number | undefined;
    // Each side is timed when its check returns (the page is read over CDP: a read takes a few ms).
    await expect
      .poll(
        async () => {
          if (treeMs === undefined) {
            const row = await treeRow(page, 'web-0')
              .innerText()
              .catch(() => '');
            if (/Failed/.test(row) && (await treeRow(page, 'web-new').isVisible())) treeMs = Date.now() - start;
          }
          if (diagramMs === undefined && (await graphStats(frame).catch(() => before)).nodes === before.nodes + 1)
            diagramMs = Date.now() - start;
          return treeMs !== undefined && diagramMs !== undefined;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    console.log(`change seen: tree after ${treeMs} ms, diagram after ${diagramMs} ms`);
    await screenshot(page, 'tree-follows-change');
  }, 120_000);

  it('says the connection dropped as soon as the session knows it', async () => {
    const start = Date.now();
    await server.stop();
    await expect
      .poll(
        async () =>
          treeRow(page, 'fake')
            .innerText()
            .catch(() => ''),
        { timeout: 60_000, interval: 50 },
      )
      .toMatch(/reconnecting|offline/);
    console.log(`connection loss shown after ${Date.now() - start} ms`);
    await screenshot(page, 'tree-offline');
  }, 120_000);
});
