import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import {
  e2eAvailable,
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

/** The Events view's pane in the Kubilitics side bar (the Resources tree beside it has rows of the same names). */
function eventsPane(page: Page): Locator {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: /^Events$/ }) });
}

/** A row of the Events view whose label starts with `label`. */
function eventRow(page: Page, label: string): Locator {
  return eventsPane(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
}

/** The Events view's rows as shown: label, and description when there is one. */
async function shownRows(page: Page): Promise<string[]> {
  const rows = eventsPane(page).locator('.monaco-list-row');
  const shown: string[] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const name = await row.locator('.label-name').innerText();
    const description = await row
      .locator('.label-description')
      .innerText()
      .catch(() => '');
    shown.push(description ? `${name} | ${description}` : name);
  }
  return shown;
}

/** Picks the entry labelled `label` of the open quick pick; with `many`, checks it and accepts the picks. */
async function pick(page: Page, label: string, many = false): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const row = widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  if (many) {
    await expect.poll(async () => row.getAttribute('aria-checked'), { timeout: 5_000 }).toBe('true');
    await page.keyboard.press('Enter');
  }
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
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

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('lists the cluster Events newest first with their counts, follows a new one, and reveals its object', async () => {
    await runCommand(page, 'Kubilitics: Focus on Events View');
    const backOff = eventRow(page, 'BackOff · Pod/web-0');
    await backOff.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await backOff.innerText()).toContain('×5');
    // Newest first: the Warning of a minute ago above the Normal of twenty minutes ago.
    const labels = await eventsPane(page).locator('.monaco-list-row .label-name').allInnerTexts();
    expect(labels.findIndex((l) => l.startsWith('BackOff'))).toBeLessThan(labels.findIndex((l) => l.startsWith('Scheduled')));
    server.upsert(event('web-1.2', 'web-1', 'Warning', 'Unhealthy', 2, 0) as never);
    await eventRow(page, 'Unhealthy · Pod/web-1').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'events-view');
    await backOff.click();
    const frame = await topologyFrame(page);
    await waitForStats(frame, (s) => s.nodes > 0, 60_000);
    // The Event's object, not the Event, is the one selected in the topology: its details are open.
    const details = frame.getByTestId('details');
    await expect.poll(async () => await details.locator('.details-name').textContent(), { timeout: 30_000 }).toBe('web-0');
    expect(await details.locator('.details-kind').textContent()).toBe('Pod');
    await waitForLayout(frame);
    await screenshot(page, 'events-view-revealed');
    // Another row reveals another object: the selection follows the click, it was not there by chance.
    await eventRow(page, 'Unhealthy · Pod/web-1').click();
    await expect.poll(async () => await details.locator('.details-name').textContent(), { timeout: 30_000 }).toBe('web-1');
  }, 240_000);

  it("groups by reason and filters to Warnings through the view's commands", async () => {
    await runCommand(page, 'Kubilitics: Focus on Events View');
    await runCommand(page, 'Kubilitics: Group Events By…');
    await pick(page, 'Reason');
    // One group per reason, newest first, each with its size and Warnings; collapsed, so no Event rows yet.
    await expect
      .poll(() => shownRows(page), { timeout: 30_000 })
      .toEqual([
        expect.stringMatching(/^Unhealthy \| 1 row · 1 warning · \d+[sm] ago$/),
        expect.stringMatching(/^BackOff \| 1 row · 1 warning · \d+m ago$/),
        expect.stringMatching(/^Scheduled \| 1 row · 2\dm ago$/),
      ]);
    await eventRow(page, 'BackOff').click();
    await eventRow(page, 'BackOff · Pod/web-0').waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'events-view-by-reason');

    await runCommand(page, 'Kubilitics: Filter Events…');
    await pick(page, 'Warning', true);
    await expect
      .poll(async () => (await shownRows(page)).map((row) => row.split(' | ')[0]), { timeout: 30_000 })
      .toEqual(['Unhealthy', 'BackOff', 'BackOff · Pod/web-0']);
    const header = eventsPane(page).locator('.pane-header');
    expect(await header.innerText()).toContain('2 of 3 rows');
    await screenshot(page, 'events-view-warnings');

    await runCommand(page, 'Kubilitics: Clear Event Filter');
    await expect.poll(async () => (await shownRows(page)).some((row) => row.startsWith('Scheduled')), { timeout: 30_000 }).toBe(true);
    expect(await header.innerText()).toContain('3 rows');
  }, 240_000);
});
