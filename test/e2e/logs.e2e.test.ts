import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import {
  e2eAvailable,
  openSharedWindow,
  topologyFrame,
  waitForLayout,
  selectNode,
  waitForStats,
  type SharedWindow,
  useWorkspaceKubeconfig,
  screenshotOnFailure,
} from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

const available = e2eAvailable();
const NS = 'team-a';

const running = (names: string[]): Record<string, unknown> => ({
  phase: 'Running',
  containerStatuses: names.map((name) => ({
    name,
    ready: true,
    restartCount: 0,
    state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
  })),
});

function pod(name: string, containers: string[], extra: { labels?: Record<string, string>; owner?: Record<string, unknown> } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: NS,
      labels: extra.labels ?? { app: name },
      ...(extra.owner ? { ownerReferences: [{ ...extra.owner, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { containers: containers.map((c) => ({ name: c, image: `${c}:1` })) },
    status: running(containers),
  };
}

/** A Deployment (`api` unless named) with its ReplicaSet `<name>-7c9`, whose Pods the tests add. */
function deployment(server: FakeApiServer, name = 'api'): Record<string, unknown> {
  const template = { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1` }] } };
  const selector = { matchLabels: { app: name } };
  const d = server.upsert({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: { replicas: 2, selector, template },
  } as never);
  const rs = server.upsert({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-7c9`,
      namespace: NS,
      labels: { app: name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata?.uid, controller: true }],
    },
    spec: { replicas: 2, selector, template },
  } as never);
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-7c9`, uid: rs.metadata?.uid };
}

/** The rows of the terminal on screen (xterm's DOM renderer: `terminal.integrated.gpuAcceleration` is off). */
async function terminalText(page: Page): Promise<string> {
  const rows = page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows:visible').first();
  return (await rows.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
}

async function waitForTerminal(page: Page, wanted: (string | RegExp)[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (wanted.every((w) => (typeof w === 'string' ? text.includes(w) : w.test(text)))) return text;
    await page.waitForTimeout(250);
  }
  throw new Error(`the terminal never showed ${wanted.map(String).join(', ')}; it shows:\n${text}`);
}

/** A row of a tree view whose label is exactly `label`. */
function row(page: Page, label: string): Locator {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
}

/**
 * Runs Show Logs from the Command Palette and picks `label` (`namespace/name`) of `kind`. The objects come from the
 * live connection, which may still be loading: until the object is offered the pick is closed and asked again.
 */
async function showLogsOf(page: Page, label: string, kind: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const item = widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .filter({ has: page.locator('.label-description', { hasText: kind }) })
    .first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await runCommand(page, 'Kubilitics: Show Logs');
    // Without a connection yet the command says so instead of asking: no pick, try again.
    const succeeds = (action: Promise<unknown>): Promise<boolean> =>
      action.then(
        () => true,
        () => false,
      );
    const asked = await succeeds(widget.locator('.quick-input-box input').fill(label, { timeout: 3_000 }));
    if (asked && (await succeeds(item.waitFor({ state: 'visible', timeout: 3_000 })))) break;
    if (Date.now() > deadline) throw new Error(`Show Logs never offered ${kind} ${label}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
  }
  await item.click();
}

describe.skipIf(!available)('Logs in a real VS Code (code-server)', () => {
  let workbench: SharedWindow;
  let server: FakeApiServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } } as never);
    server.upsert(pod('web-0', ['app', 'proxy']) as never);
    server.setPodLog(NS, 'web-0', 'app', ['app started', 'GET /healthz 200']);
    server.setPodLog(NS, 'web-0', 'proxy', ['proxy listening on :8080']);
    const owner = deployment(server);
    server.upsert(pod('api-7c9-x2', ['api'], { labels: { app: 'api' }, owner }) as never);
    server.setPodLog(NS, 'api-7c9-x2', 'api', ['api ready on x2']);
    workbench = await openSharedWindow({
      name: 'logs',
      prepare: async ({ workspaceFolder, root }) => {
        await useWorkspaceKubeconfig(root, workspaceFolder, server.kubeconfigYaml({ token: ADMIN.token }));
      },
      // The DOM renderer puts the terminal's rows in the page, where the test reads them.
      userSettings: { 'terminal.integrated.gpuAcceleration': 'off' },
    });
    ({ page } = workbench);
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('streams both containers of a Pod into a terminal, follows new lines, lists the stream, and stops it', async () => {
    await showLogsOf(page, `${NS}/web-0`, 'Pod');
    // Two containers: which one?
    await row(page, 'All containers').click();
    let text = await waitForTerminal(page, ['Logs of Pod team-a/web-0', 'web-0/app', 'app started', 'web-0/proxy', 'proxy listening']);
    expect(text).toMatch(/web-0\/app\s+GET \/healthz 200/);
    // Following: lines written now arrive.
    server.appendPodLog(NS, 'web-0', 'proxy', ['proxy: upstream app healthy']);
    server.appendPodLog(NS, 'web-0', 'app', ['GET /orders 200']);
    text = await waitForTerminal(page, ['upstream app healthy', 'GET /orders 200']);
    expect(text).toMatch(/web-0\/proxy\s+proxy: upstream app healthy/);
    await screenshot(page, 'logs-terminal');

    await runCommand(page, 'Kubilitics: Focus on Logs View');
    const stream = row(page, 'Pod team-a/web-0');
    await stream.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => stream.locator('.label-description').innerText(), { timeout: 15_000 }).toMatch(/^following/);
    expect(server.followingLogs()).toBe(2);
    await screenshot(page, 'logs-view');

    // Stop, from the row's inline action as a user would.
    await stream.hover();
    await stream.locator('.action-label[aria-label^="Stop Log Stream"]').click();
    await expect.poll(() => stream.locator('.label-description').innerText(), { timeout: 15_000 }).toMatch(/^ended/);
    await expect.poll(() => server.followingLogs(), { timeout: 15_000 }).toBe(0);
    // An ended stream offers Reopen instead of Stop.
    await stream.hover();
    await stream.locator('.action-label[aria-label^="Reopen Log Stream"]').waitFor({ state: 'visible', timeout: 5_000 });
    // Nothing more arrives in the terminal, which stays open to read and says why it ended.
    server.appendPodLog(NS, 'web-0', 'app', ['after the stop']);
    await waitForTerminal(page, ['stopped']);
    await page.waitForTimeout(1_000);
    expect(await terminalText(page)).not.toContain('after the stop');
    await screenshot(page, 'logs-view-ended');
  }, 240_000);

  it('streams a Deployment through its Pods, saying when one joins', async () => {
    await showLogsOf(page, `${NS}/api`, 'Deployment');
    await waitForTerminal(page, ['Logs of Deployment team-a/api', 'api-7c9-x2/api', 'api ready on x2']);
    // A rollout's new Pod joins the stream.
    const owner = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'api-7c9',
      uid: server.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'api-7c9', namespace: NS } })?.metadata?.uid,
    };
    server.setPodLog(NS, 'api-7c9-z4', 'api', ['api ready on z4']);
    server.upsert(pod('api-7c9-z4', ['api'], { labels: { app: 'api' }, owner }) as never);
    await waitForTerminal(page, ['pod api-7c9-z4 joined', 'api-7c9-z4/api', 'api ready on z4'], 60_000);
    server.appendPodLog(NS, 'api-7c9-x2', 'api', ['x2 still here']);
    await waitForTerminal(page, ['x2 still here']);
    await runCommand(page, 'Kubilitics: Focus on Logs View');
    const stream = row(page, 'Deployment team-a/api · api');
    await expect.poll(() => stream.locator('.label-description').innerText(), { timeout: 15_000 }).toMatch(/^following/);
    await screenshot(page, 'logs-deployment');
  }, 180_000);

  it("opens a workload's logs from its topology node: select it, then the details panel's Logs button", async () => {
    const owner = deployment(server, 'orders');
    server.setPodLog(NS, 'orders-7c9-q1', 'orders', ['orders ready', 'POST /orders 201']);
    server.upsert(pod('orders-7c9-q1', ['orders'], { labels: { app: 'orders' }, owner }) as never);
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    const frame = await topologyFrame(page);
    await waitForStats(frame, (s) => s.nodes >= 7, 60_000);
    await waitForLayout(frame);
    const details = await selectNode(frame, 'Deployment', 'orders');
    await screenshot(page, 'logs-topology-selected');
    await details.getByRole('button', { name: 'Logs', exact: true }).click();
    const text = await waitForTerminal(page, ['Logs of Deployment team-a/orders', 'orders-7c9-q1/orders', 'POST /orders 201']);
    // Each line is prefixed pod/container.
    expect(text).toMatch(/orders-7c9-q1\/orders\s+orders ready/);
    expect(text).toMatch(/orders-7c9-q1\/orders\s+POST \/orders 201/);
    await screenshot(page, 'logs-from-topology');
  }, 240_000);
});
