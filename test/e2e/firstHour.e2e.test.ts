import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  installExtension,
  makeTempDirs,
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  waitForNotification,
  type CodeServerInstance,
  type TempDirs,
} from './harness/codeServer.js';
import { e2eAvailable, packagedVsix, screenshotOnFailure } from './support.js';

const available = e2eAvailable();

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

/** Error toasts on screen (their icon carries the severity), with their text. */
async function errorToasts(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-toast')
    .filter({ has: page.locator('.notification-list-item-icon.codicon-error') })
    .allInnerTexts();
}

describe.skipIf(!available)('a new user without a kubeconfig (real VS Code, code-server)', () => {
  let dirs: TempDirs;
  let code: CodeServerInstance;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dirs = await makeTempDirs();
    await writeFile(join(dirs.workspaceFolder, 'web.yaml'), DEPLOYMENT);
    await installExtension(await packagedVsix(), dirs.extensionsDir);
    // KUBECONFIG names a file that does not exist: where kubectl looks, there is nothing.
    // Its own server still: on the shared one (openSharedWindow) the second test's Open Topology pick list never
    // showed (2 runs of 2, not yet understood); the first test passed there.
    code = await startCodeServer({ ...dirs, env: { KUBECONFIG: join(dirs.root, 'no-kubeconfig-here') } });
    ({ browser, page } = await openWorkbench(code.url, dirs.workspaceFolder));
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await code?.stop();
    await dirs?.cleanup();
  });

  it('says "no kubeconfig" in the Resources view, with no error toast', async () => {
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    await page.locator('.welcome-view-content', { hasText: 'No kubeconfig found' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Asking for the cluster goes through the same kubeconfig read; its answer is information, so by the time it
    // shows, an error toast from the view's own read would be on screen too.
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    await waitForNotification(page, /no kubeconfig found/, 30_000);
    expect(await errorToasts(page)).toEqual([]);
    await screenshot(page, 'no-kubeconfig');
  }, 120_000);

  it('Open Topology preselects the workspace folder, not the live cluster, and titles the view by the folder name', async () => {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'Kubilitics: Open Topology');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Kubilitics: Open Topology' }).waitFor({ state: 'visible', timeout: 30_000 });
    const focused = widget.locator('.monaco-list-row.focused');
    await expect.poll(async () => (await focused.allInnerTexts()).join('|'), { timeout: 10_000 }).toMatch(/workspace/);
    expect((await widget.locator('.monaco-list-row').allInnerTexts()).at(-1)).toMatch(/Live cluster[\s\S]*no kubeconfig found/);
    await page.keyboard.press('Enter');
    // The view's tab: the folder's name, never its absolute path.
    const tabs = page.locator('.tabs-container .tab .label-name');
    await expect
      .poll(async () => (await tabs.allInnerTexts()).filter((tab) => tab.startsWith('Manifests:')), { timeout: 60_000 })
      .toEqual(['Manifests: workspace']);
    await screenshot(page, 'open-topology-no-kubeconfig');
  }, 120_000);
});
