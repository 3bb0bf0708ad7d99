import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import { e2eAvailable, openSharedWindow, topologyFrame, waitForStats, type SharedWindow, useWorkspaceKubeconfig } from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

const available = e2eAvailable();

const pod = (name: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'team-a', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running' },
});

/** A core/v1 Event about Pod `about`, last seen `minutesAgo` minutes ago. */
function event(name: string, about: string, type: string, reason: string, count: number, minutesAgo: number): Record<string, unknown> {
  const last = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'team-a' },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: about, namespace: 'team-a' },
    type,
    reason,
    message: `${reason} of ${about}`,
    count,
    firstTimestamp: new Date(Date.now() - 30 * 60_000).toISOString(),
    lastTimestamp: last,
    source: { component: 'kubelet' },
  };
}

/** A row of the Events view whose label starts with `label`. */
function eventRow(page: Page, label: string): Locator {
  return page
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
}

describe.skipIf(!available)('the Events view in a real VS Code (code-server)', () => {
  let workbench: SharedWindow;
  let server: FakeApiServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as never);
    for (const name of ['web-0', 'web-1']) server.upsert(pod(name) as never);
    server.upsert(event('web-0.1', 'web-0', 'Warning', 'BackOff', 5, 1) as never);
    server.upsert(event('web-1.1', 'web-1', 'Normal', 'Scheduled', 1, 20) as never);
    workbench = await openSharedWindow({
      name: 'events-view',
      prepare: async ({ workspaceFolder, root }) => {
        await useWorkspaceKubeconfig(root, workspaceFolder, server.kubeconfigYaml({ token: ADMIN.token }));
      },
    });
    ({ page } = workbench);
  }, 300_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `failed-${context.task.name}`).catch(() => undefined);
  });

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('lists the cluster Events newest first with their counts, follows a new one, and reveals its object', async () => {
    await runCommand(page, 'Kubilitics: Focus on Events View');
    const group = page
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: /^team-a$/ }) })
      .first();
    await group.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await group.getAttribute('aria-expanded')) === 'false') await group.click();
    const backOff = eventRow(page, 'BackOff · Pod/web-0');
    await backOff.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await backOff.innerText()).toContain('×5');
    // Newest first: the Warning of a minute ago above the Normal of twenty minutes ago.
    const labels = await page.locator('.monaco-list-row .label-name').allInnerTexts();
    expect(labels.findIndex((l) => l.startsWith('BackOff'))).toBeLessThan(labels.findIndex((l) => l.startsWith('Scheduled')));
    server.upsert(event('web-1.2', 'web-1', 'Warning', 'Unhealthy', 2, 0) as never);
    await eventRow(page, 'Unhealthy · Pod/web-1').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'events-view');
    await backOff.click();
    const frame = await topologyFrame(page);
    const stats = await waitForStats(frame, (s) => s.nodes > 0, 60_000);
    expect(stats.nodes).toBeGreaterThan(0);
    await screenshot(page, 'events-view-revealed');
  }, 240_000);
});
