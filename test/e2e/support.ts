import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { afterEach, inject } from 'vitest';
import { e2eCacheDir, openWorkbench, screenshot, writeUserSettings } from './harness/codeServer.js';
import { askSharedSetup, packageExtension, type SharedCodeServer } from './harness/sharedServer.js';

export const ROOT = resolve(__dirname, '..', '..');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

/**
 * Writes `kubeconfigYaml` beside the workspace and names it in the workspace setting `kubilitics.kubeconfig`: how a
 * window of the shared code-server gets a kubeconfig of its own (windows cannot each have their own KUBECONFIG).
 */
export async function useWorkspaceKubeconfig(root: string, workspaceFolder: string, kubeconfigYaml: string): Promise<string> {
  const kubeconfigPath = join(root, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigYaml);
  await mkdir(join(workspaceFolder, '.vscode'), { recursive: true });
  await writeFile(join(workspaceFolder, '.vscode', 'settings.json'), JSON.stringify({ 'kubilitics.kubeconfig': kubeconfigPath }));
  return kubeconfigPath;
}

/** Whether a real VS Code is installed here; in CI (KUBILITICS_REQUIRE_E2E=1) its absence is a failure, not a skip. */
export function e2eAvailable(): boolean {
  const ready = existsSync(resolve(e2eCacheDir(), '.ready')) && existsSync('/usr/bin/chromium');
  if (!ready && process.env['KUBILITICS_REQUIRE_E2E'] === '1') {
    throw new Error('end-to-end tests are required but code-server is not installed: run scripts/setup-e2e.sh');
  }
  if (!ready) console.log('skipped: no code-server for end-to-end tests (run scripts/setup-e2e.sh)');
  return ready;
}

/** The e2e project's shared set-up (harness/sharedServer.ts), or undefined where it did not start one. */
function sharedEndpoint(): string | undefined {
  const endpoint = inject('kubiliticsE2e');
  return endpoint === undefined || endpoint === '' ? undefined : endpoint;
}

let packaged: Promise<string> | undefined;

/** The .vsix as users get it: production build, packaged by vsce. Built once per test run (by the shared set-up). */
export function packagedVsix(): Promise<string> {
  const endpoint = sharedEndpoint();
  packaged ??=
    endpoint === undefined ? packageExtension(ROOT) : askSharedSetup<{ vsix: string }>(endpoint, '/vsix').then((answer) => answer.vsix);
  return packaged;
}

/** The code-server every e2e file shares, once it is up (it starts with the run, in the background). */
export function sharedCodeServer(): Promise<SharedCodeServer> {
  const endpoint = sharedEndpoint();
  if (endpoint === undefined) {
    throw new Error("no shared code-server: the e2e project's globalSetup did not start one (run through vitest.config.ts)");
  }
  return askSharedSetup<SharedCodeServer>(endpoint, '/server');
}

/** One test file's window on the shared code-server. */
export interface SharedWindow {
  /** The file's own workspace folder, opened in the window. */
  readonly workspaceFolder: string;
  /** The folder that holds it, for files a test keeps outside the workspace (kubeconfigs, markers). */
  readonly root: string;
  readonly url: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Closes the window and puts the shared user settings back to the defaults. */
  close(): Promise<void>;
}

export interface SharedWindowOptions {
  /** Names the file's folder (`<name>-XXXXXX/workspace`), for a reader of a kept run. */
  readonly name: string;
  /** Fills the workspace folder before the window opens (manifests, `.vscode/settings.json`). */
  readonly prepare?: (dirs: { readonly workspaceFolder: string; readonly root: string }) => Promise<void>;
  /**
   * User settings of this window over DEFAULT_SETTINGS, put back when it closes. They are the server's, so only
   * settings VS Code applies live belong here; one read at start-up (workspace trust) needs a server of its own.
   */
  readonly userSettings?: Readonly<Record<string, unknown>>;
}

/**
 * Opens a window of the shared code-server on a fresh workspace folder: its own extension host, workspace storage
 * and workspace settings, and the user settings reset to the defaults (plus `userSettings`), whatever the file before
 * it changed. The extension was installed once, from the packaged .vsix.
 */
export async function openSharedWindow(options: SharedWindowOptions): Promise<SharedWindow> {
  const server = await sharedCodeServer();
  const root = await mkdtemp(join(server.workspacesDir, `${options.name.replace(/[^\w.-]+/g, '_')}-`));
  const workspaceFolder = join(root, 'workspace');
  await mkdir(workspaceFolder, { recursive: true });
  await options.prepare?.({ workspaceFolder, root });
  await writeUserSettings(server.userDataDir, options.userSettings);
  const { browser, page } = await openWorkbench(server.url, workspaceFolder);
  return {
    workspaceFolder,
    root,
    url: server.url,
    browser,
    page,
    close: async (): Promise<void> => {
      await browser.close().catch(() => undefined);
      await writeUserSettings(server.userDataDir);
    },
  };
}

export interface GraphStats {
  readonly nodes: number;
  readonly edges: number;
  readonly broken: number;
}

/** The topology view's frame: the webview page that renders the graph statistics element. */
export function topologyFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  return findFrame(page, '[data-graph-stats]', timeoutMs);
}

async function findFrame(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const { findWebviewFrame } = await import('./harness/codeServer.js');
  return findWebviewFrame(page, selector, timeoutMs);
}

/** Node and edge counts the view holds (every object, collapsed or not), read without waiting. */
export async function graphStats(frame: Frame): Promise<GraphStats> {
  const element = await frame.$('[data-graph-stats]');
  if (!element) throw new Error('no topology statistics in this frame');
  const read = async (name: string): Promise<number> => Number(await element.getAttribute(name));
  return { nodes: await read('data-nodes'), edges: await read('data-edges'), broken: await read('data-broken') };
}

/** Waits until the drawn counts satisfy `accept`. */
export async function waitForStats(frame: Frame, accept: (stats: GraphStats) => boolean, timeoutMs = 30_000): Promise<GraphStats> {
  const deadline = Date.now() + timeoutMs;
  let last: GraphStats = { nodes: NaN, edges: NaN, broken: NaN };
  while (Date.now() < deadline) {
    last = await graphStats(frame).catch(() => last);
    if (accept(last)) return last;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`graph stats never matched; last seen ${JSON.stringify(last)}`);
}

/** Waits until the view has drawn its layout (for screenshots worth looking at). */
export async function waitForLayout(frame: Frame, timeoutMs = 60_000): Promise<void> {
  await frame.locator('[data-graph-stats][data-layout-busy="false"]').waitFor({ state: 'attached', timeout: timeoutMs });
  await new Promise((done) => setTimeout(done, 500));
}

/** Expands a folder in the explorer, as a user clicks it. */
export async function expandInExplorer(page: Page, folder: string): Promise<void> {
  const row = page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Error and warning counts of the Problems status bar item. */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number; infos: number }> {
  // The item shows "⊗ 0 ⚠ 11 ⓘ 4": errors, warnings, then infos (shown only when there are some).
  const text = (await page.locator('[id="status.problems"]').first().innerText()) ?? '';
  const [errors = NaN, warnings = NaN, infos = 0] = (text.match(/\d+/g) ?? []).map(Number);
  return { errors, warnings, infos };
}

/** A text of the details panel, or '' while it is not there (the panel re-renders as a selection changes). */
export function detailsText(details: Locator, selector: string): Promise<string> {
  return details
    .locator(selector)
    .textContent({ timeout: 1_000 })
    .then((text) => text ?? '')
    .catch(() => '');
}

/**
 * Selects a node as a keyboard user does: Tab walks the graph's nodes in reading order, Enter selects the one with
 * the focus ring; the details panel then names it. Returns the details panel.
 */
export async function selectNode(frame: Frame, kind: string, name: string): Promise<Locator> {
  const canvas = frame.getByRole('application', { name: /^Topology graph/ });
  const details = frame.getByTestId('details');
  const seen: string[] = [];
  for (let step = 0; step < 60; step++) {
    await canvas.focus();
    await canvas.press('Tab');
    await canvas.press('Enter');
    const shown = `${await detailsText(details, '.details-kind')} ${await detailsText(details, '.details-name')}`;
    if (shown === `${kind} ${name}`) return details;
    seen.push(shown);
  }
  throw new Error(`never selected ${kind} ${name}; selected in turn: ${seen.join(', ')}`);
}

/** A row of the Resources view by its label (exact), e.g. a namespace, a kind or an object name. */
export function treeRow(page: Page, label: string): Locator {
  return page
    .locator('[id="workbench.view.extension.kubilitics"] .monaco-list-row, .pane-body .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
}

/** Expands a tree row unless it is expanded already. */
export async function expand(row: Locator, timeoutMs = 30_000): Promise<void> {
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** After a failed test, a screenshot of the window it ran in (named after the test), for the CI artifacts. */
export function screenshotOnFailure(page: () => Page | undefined): void {
  afterEach(async (context) => {
    const current = page();
    if (context.task.result?.state === 'fail' && current) await screenshot(current, `failed-${context.task.name}`).catch(() => undefined);
  });
}
