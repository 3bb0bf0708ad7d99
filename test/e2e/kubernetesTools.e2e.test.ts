import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import {
  installExtension,
  makeTempDirs,
  openWorkbench,
  readNotifications,
  runCommand,
  screenshot,
  startCodeServer,
  type CodeServerInstance,
  type TempDirs,
  type Workbench,
} from './harness/codeServer.js';
import {
  ROOT,
  detailsText,
  e2eAvailable,
  openSharedWindow,
  packagedVsix,
  topologyFrame,
  waitForStats,
  type SharedWindow,
} from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

/**
 * Microsoft's Kubernetes extension in a real VS Code. Its .vsix cannot be had here (not on npm; no Marketplace), so a
 * stand-in under test/fixtures takes its identity and implements the API contract Kubilitics uses (see its README).
 */
const available = e2eAvailable();
const STAND_IN = resolve(ROOT, 'test', 'fixtures', 'vscode-kubernetes-tools-standin');

async function packageStandIn(root: string): Promise<string> {
  const copy = join(root, 'stand-in');
  await cp(STAND_IN, copy, { recursive: true });
  const vsix = join(root, 'vscode-kubernetes-tools-standin.vsix');
  const vsce = resolve(ROOT, 'node_modules/@vscode/vsce/vsce');
  await promisify(execFile)(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: copy,
  });
  return vsix;
}

/** A kubeconfig as JSON (which is YAML too: the stand-in reads it without a parser), its contexts on the fake server. */
function kubeconfig(server: FakeApiServer, contexts: readonly string[], current: string): string {
  const base = parse(server.kubeconfigYaml({ token: ADMIN.token })) as { clusters: unknown[]; users: { name: string }[] };
  const user = base.users[0]!.name;
  const cluster = (base.clusters[0] as { name: string }).name;
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: base.clusters,
    users: base.users,
    contexts: contexts.map((name) => ({ name, context: { cluster, user } })),
    'current-context': current,
  });
}

/** What the stand-in's tree lists under the current context. */
const TREE_RESOURCES = [
  { kind: 'Namespace', abbreviation: 'namespace', name: 'team-a' },
  { kind: 'Namespace', abbreviation: 'namespace', name: 'team-b', active: true },
  { kind: 'Deployment', abbreviation: 'deployment', name: 'web', namespace: 'team-a' },
];

function clustersRow(page: Page, label: string): Locator {
  return page
    .locator('.pane')
    .filter({ has: page.locator('.pane-header', { hasText: /clusters/i }) })
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
}

const menuItem = (page: Page, label: string): Locator =>
  page
    .locator('.context-view .monaco-menu [role="menuitem"]')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .first();

/**
 * The labels of a row's context menu, as a user sees them on right-clicking it (then closed again). A row with no
 * menu items at all opens no menu: none within 5 s counts as an empty menu.
 */
async function contextMenuLabels(page: Page, row: Locator): Promise<string[]> {
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click({ button: 'right' });
  const items = page.locator('.context-view .monaco-menu [role="menuitem"]');
  const opened = await items
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!opened) return [];
  const labels = await items.locator('.action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((label) => label.trim());
}

/**
 * Right-clicks a row of the Clusters tree and clicks "Open in Topology". Menu contributions may register late, a
 * topology view that loads takes the focus and closes an open menu, and a menu ignores a click that comes too soon
 * after it opened: it asks again until the menu closes on the item (by click, or Enter on the hovered item).
 */
async function openInTopology(page: Page, label: string): Promise<void> {
  const row = clustersRow(page, label);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const item = menuItem(page, 'Open in Topology');
  const menu = page.locator('.context-view .monaco-menu');
  const within = (wait: Promise<unknown>): Promise<boolean> =>
    wait.then(
      () => true,
      () => false,
    );
  for (let attempt = 0; attempt <= 10; attempt++) {
    await row.click({ button: 'right' });
    if (await within(item.waitFor({ state: 'visible', timeout: 3_000 }))) {
      // A menu closed under the pointer (a view taking the focus) leaves nothing to hover: ask again.
      if (!(await within(item.hover({ timeout: 3_000 })))) {
        await page.keyboard.press('Escape');
        continue;
      }
      await item.click({ timeout: 3_000 }).catch(() => undefined);
      if (await within(menu.waitFor({ state: 'hidden', timeout: 3_000 }))) return;
      await page.keyboard.press('Enter');
      if (await within(menu.waitFor({ state: 'hidden', timeout: 3_000 }))) return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`no "Open in Topology" on ${label}: ${(await contextMenuLabels(page, row)).join(', ')}`);
}

async function expandRow(row: Locator, expanded = true): Promise<void> {
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  if (((await row.getAttribute('aria-expanded')) === 'true') !== expanded) await row.click();
}

/**
 * Runs `command` and answers the input box it opens with `text`. Under load, the topology view taking the focus as it
 * redraws can close the box before it shows (CI: hidden for 10 s); then the command is run again, until `timeoutMs`.
 */
async function answerCommand(page: Page, command: string, text: string, timeoutMs = 60_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, command);
    const shown = await input.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      (err: unknown) => {
        if (Date.now() >= deadline) throw err;
        return false;
      },
    );
    if (shown) break;
  }
  await input.fill(text);
  await input.press('Enter');
}

const statusShows = (page: Page, context: string): Promise<void> =>
  page
    .locator('.statusbar-item', { hasText: `${context}:` })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });

async function selected(frame: Frame): Promise<string> {
  const details = frame.getByTestId('details');
  return `${await detailsText(details, '.details-kind')} ${await detailsText(details, '.details-name')}`;
}

describe.skipIf(!available)("with Microsoft's Kubernetes extension (a stand-in of its API contract) in a real VS Code", () => {
  let dirs: TempDirs;
  let code: CodeServerInstance;
  let server: FakeApiServer;
  let workbench: Workbench;
  let page: Page;
  let otherKubeconfig: string;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    for (const name of ['team-a', 'team-b']) server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as never);
    const labels = { app: 'web' };
    server.upsert({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'team-a', labels },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    } as never);
    server.upsert({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'team-a' },
      spec: { selector: labels },
    } as never);
    server.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-b' } } as never);
    // A server of its own: the stand-in is installed beside Kubilitics here only, so every other file runs without it.
    dirs = await makeTempDirs('kubilitics-e2e-k8s-tools-');
    const mainKubeconfig = join(dirs.root, 'kubeconfig.json');
    otherKubeconfig = join(dirs.root, 'other-kubeconfig.json');
    await writeFile(mainKubeconfig, kubeconfig(server, ['fake-a', 'fake-b'], 'fake-a'));
    await writeFile(otherKubeconfig, kubeconfig(server, ['other'], 'other'));
    await installExtension(await packagedVsix(), dirs.extensionsDir);
    await installExtension(await packageStandIn(dirs.root), dirs.extensionsDir);
    // Both extensions start from the Kubernetes extension's own setting; only its API says when it moves on.
    const settings = { 'vs-kubernetes': { 'vs-kubernetes.kubeconfig': mainKubeconfig }, 'kubernetesStandIn.resources': TREE_RESOURCES };
    code = await startCodeServer({ ...dirs, settings, env: { KUBECONFIG: join(dirs.root, 'no-kubeconfig-here') } });
    workbench = await openWorkbench(code.url, dirs.workspaceFolder);
    ({ page } = workbench);
    await runCommand(page, 'Explorer: Focus on Clusters View');
  }, 300_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page)
      await screenshot(page, `k8s-tools-failed-${context.task.name}`).catch(() => undefined);
  });

  afterAll(async () => {
    await workbench?.browser.close().catch(() => undefined);
    await code?.stop();
    await server?.stop();
    await dirs?.cleanup();
  });

  it('offers Open in Topology on clusters, namespaces and resources, and not on folders', async () => {
    expect(await contextMenuLabels(page, clustersRow(page, 'fake-a'))).toContain('Open in Topology');
    expect(await contextMenuLabels(page, clustersRow(page, 'fake-b'))).toContain('Open in Topology');
    await expandRow(clustersRow(page, 'fake-a'));
    expect(await contextMenuLabels(page, clustersRow(page, 'Namespaces'))).not.toContain('Open in Topology');
    await expandRow(clustersRow(page, 'Namespaces'));
    await expandRow(clustersRow(page, 'Deployments'));
    for (const label of ['team-a', 'team-b', 'web'])
      expect(await contextMenuLabels(page, clustersRow(page, label))).toContain('Open in Topology');
  }, 120_000);

  it('opens the topology of the cluster right-clicked', async () => {
    await openInTopology(page, 'fake-a');
    await statusShows(page, 'fake-a');
    // 2 namespaces, the deployment, its service, the config map.
    await waitForStats(await topologyFrame(page), (stats) => stats.nodes === 5, 60_000);
    await screenshot(page, 'k8s-tools-cluster');
  }, 180_000);

  it('opens it on a namespace, and focused on a workload', async () => {
    await openInTopology(page, 'team-a');
    const frame = await topologyFrame(page);
    await expect.poll(() => selected(frame), { timeout: 30_000 }).toBe('Namespace team-a');
    await openInTopology(page, 'web');
    await expect.poll(() => selected(frame), { timeout: 30_000 }).toBe('Deployment web');
    await frame.getByRole('button', { name: 'Leave focus mode' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'k8s-tools-focused');
  }, 180_000);

  it('opens another context of the tree, and follows the extension again from its current one', async () => {
    // The short pane lists only so many rows: fold the current context's so the other one shows.
    await expandRow(clustersRow(page, 'fake-a'), false);
    await openInTopology(page, 'fake-b');
    await statusShows(page, 'fake-b');
    await openInTopology(page, 'fake-a');
    await statusShows(page, 'fake-a');
  }, 180_000);

  it("follows the extension's context and kubeconfig when they change", async () => {
    await answerCommand(page, 'Kubernetes Stand-in: Use Context…', 'fake-b');
    await statusShows(page, 'fake-b');
    await answerCommand(page, 'Kubernetes Stand-in: Use Kubeconfig…', otherKubeconfig);
    await statusShows(page, 'other');
    await screenshot(page, 'k8s-tools-followed');
    expect((await readNotifications(page)).join('\n')).not.toMatch(/Kubilitics: .*(failed|error)/i);
  }, 180_000);
});

describe.skipIf(!available)("without Microsoft's Kubernetes extension nothing changes", () => {
  let shared: SharedWindow | undefined;
  let server: FakeApiServer | undefined;
  afterAll(async () => {
    await shared?.close();
    await server?.stop();
  });

  it('has no Clusters tree, reads vs-kubernetes.kubeconfig as before and reports nothing', async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as never);
    const yaml = server.kubeconfigYaml({ token: ADMIN.token });
    shared = await openSharedWindow({
      name: 'no-k8s-tools',
      prepare: async ({ workspaceFolder, root }) => {
        await writeFile(join(root, 'kubeconfig'), yaml);
        await mkdir(join(workspaceFolder, '.vscode'), { recursive: true });
        const settings = { 'vs-kubernetes': { 'vs-kubernetes.kubeconfig': join(root, 'kubeconfig') } };
        await writeFile(join(workspaceFolder, '.vscode', 'settings.json'), JSON.stringify(settings));
      },
    });
    const { page } = shared;
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    await waitForStats(await topologyFrame(page), (stats) => stats.nodes === 1, 60_000);
    const context = (parse(yaml) as { 'current-context': string })['current-context'];
    await statusShows(page, context);
    expect(await page.locator('.pane-header', { hasText: /^clusters$/i }).count()).toBe(0);
    expect((await readNotifications(page)).join('\n')).not.toMatch(/Kubilitics: .*(failed|error)/i);
  }, 180_000);
});
