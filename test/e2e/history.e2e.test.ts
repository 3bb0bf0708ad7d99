import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  chromiumPath,
  clearNotifications,
  installExtension,
  makeTempDirs,
  runCommand,
  screenshot,
  startCodeServer,
  waitForNotification,
  type CodeServerInstance,
  type TempDirs,
} from './harness/codeServer.js';
import { e2eAvailable, packagedVsix } from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';

const available = e2eAvailable();

/** A window with no folder: its extension storage is the global storage every such window shares. */
async function emptyWindow(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`${url}/?ew=true`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  return page;
}

async function connect(page: Page): Promise<void> {
  await runCommand(page, 'Kubilitics: Focus on Resources View');
  // The fake server's kubeconfig has one context, "fake".
  await page.locator('.statusbar-item', { hasText: 'fake' }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

describe.skipIf(!available)('history shared by two windows without a folder (real VS Code, code-server)', () => {
  let dirs: TempDirs;
  let server: FakeApiServer;
  let code: CodeServerInstance;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    server.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as never);
    server.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' } } as never);
    // A code-server of its own, not the run's shared one: its two folderless windows share the server's global
    // storage (the history database under test), the closing window's extension host must go within seconds (a
    // start-up setting of the server), and the kubeconfig comes from the server's environment.
    dirs = await makeTempDirs();
    const kubeconfigPath = join(dirs.root, 'kubeconfig');
    await writeFile(kubeconfigPath, server.kubeconfigYaml({ token: ADMIN.token }));
    await installExtension(await packagedVsix(), dirs.extensionsDir);
    // A closed window's extension host goes after this grace time (3 hours by default), letting go of the history file.
    code = await startCodeServer({ ...dirs, env: { KUBECONFIG: kubeconfigPath, CODE_SERVER_RECONNECTION_GRACE_TIME: '3' } });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  }, 300_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      for (const [index, page] of pages.entries()) await screenshot(page, `failed-history-${index}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await code?.stop();
    await server?.stop();
    await dirs?.cleanup();
  });

  const takeoverTitle =
    'the first window records; the second is told so, refuses to write instead of overwriting, and takes over once the first closes';
  it(takeoverTitle, { timeout: 300_000 }, async () => {
    const first = await emptyWindow(browser, code.url);
    pages.push(first);
    await connect(first);
    await runCommand(first, 'Kubilitics: Take Snapshot Now');
    await waitForNotification(first, /snapshot taken|nothing changed/, 20_000);

    const second = await emptyWindow(browser, code.url);
    pages.push(second);
    await connect(second);
    await waitForNotification(second, /being recorded by another VS Code window/, 20_000);
    await runCommand(second, 'Kubilitics: Take Snapshot Now');
    await waitForNotification(second, /only reads it/, 20_000);
    await screenshot(second, 'history-read-only-window');

    // The first window still owns the file and keeps recording.
    server.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'team-a' } } as never);
    await runCommand(first, 'Kubilitics: Take Snapshot Now');
    await waitForNotification(first, /snapshot taken/, 20_000);

    // The recording window closes: the reading one takes the history over and records from then on.
    await first.context().close();
    pages.splice(pages.indexOf(first), 1);
    await waitForNotification(second, /let go of it: this window records it now/, 60_000);
    await clearNotifications(second);
    await runCommand(second, 'Kubilitics: Take Snapshot Now');
    const answer = await waitForNotification(second, /snapshot taken|nothing changed since the last snapshot|only reads it/, 20_000);
    expect(answer).not.toMatch(/only reads it/);
    await screenshot(second, 'history-taken-over');
  });
});
