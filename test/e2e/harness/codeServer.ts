/**
 * End-to-end harness: a real VS Code (code-server, VS Code 1.139 in the browser) driven by playwright-core
 * through the system Chromium. Prepare the machine once with `scripts/setup-e2e.sh`.
 *
 * Environment:
 *   KUBILITICS_E2E_CACHE     cache dir populated by setup-e2e.sh (default ~/.cache/kubilitics-e2e)
 *   KUBILITICS_E2E_CHROMIUM  Chromium binary (default /usr/bin/chromium)
 *   KUBILITICS_E2E_RESULTS   screenshot dir (default <cwd>/test-results/e2e)
 *   KUBILITICS_E2E_DEBUG=1   echo code-server output to stderr
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

// ------------------------------------------------------------------ paths

export interface CodeServerPaths {
  readonly cacheDir: string;
  /** Node 24 binary that runs code-server (the project itself stays on the system Node). */
  readonly node: string;
  /** code-server's `out/node/entry.js`. */
  readonly entry: string;
}

export function e2eCacheDir(): string {
  return process.env['KUBILITICS_E2E_CACHE'] ?? join(homedir(), '.cache', 'kubilitics-e2e');
}

export function codeServerPaths(): CodeServerPaths {
  const cacheDir = e2eCacheDir();
  const node = join(cacheDir, 'bin', 'node');
  const entry = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(join(cacheDir, '.ready')) || !existsSync(node) || !existsSync(entry)) {
    throw new Error(`code-server is not installed in ${cacheDir}; run scripts/setup-e2e.sh first`);
  }
  return { cacheDir, node, entry };
}

export function chromiumPath(): string {
  return process.env['KUBILITICS_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
}

export function resultsDir(): string {
  return process.env['KUBILITICS_E2E_RESULTS'] ?? resolve(process.cwd(), 'test-results', 'e2e');
}

/** Fresh temp dirs for one code-server instance; `cleanup()` removes them all. */
export interface TempDirs {
  readonly root: string;
  readonly workspaceFolder: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  cleanup(): Promise<void>;
}

export async function makeTempDirs(prefix = 'kubilitics-e2e-'): Promise<TempDirs> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dirs = {
    workspaceFolder: join(root, 'workspace'),
    extensionsDir: join(root, 'extensions'),
    userDataDir: join(root, 'user-data'),
  };
  await Promise.all(Object.values(dirs).map((d) => mkdir(d, { recursive: true })));
  return {
    root,
    ...dirs,
    cleanup: async (): Promise<void> => {
      // KUBILITICS_E2E_KEEP=1 keeps the user data (logs, history database) of a failing run for a look afterwards.
      if (process.env['KUBILITICS_E2E_KEEP'] === '1') console.log(`kept ${root}`);
      else await rm(root, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ process helpers

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}\n${output}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Process groups of running code-servers; killed on process exit if a test forgot (or failed) to stop them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const g of liveGroups) {
      try {
        process.kill(-g, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolvePromise(port) : reject(new Error('no free port'))));
    });
  });
}

// ------------------------------------------------------------------ code-server

/** Installs a .vsix into `extensionsDir` with code-server's own CLI. Returns the CLI output. */
export async function installExtension(vsixPath: string, extensionsDir: string): Promise<string> {
  const { node, entry } = codeServerPaths();
  await mkdir(extensionsDir, { recursive: true });
  const res = await run(node, [entry, '--extensions-dir', extensionsDir, '--install-extension', resolve(vsixPath), '--force'], 120_000);
  if (res.code !== 0 || !/successfully installed/i.test(res.output)) {
    throw new Error(`installing ${vsixPath} failed (exit ${String(res.code)}):\n${res.output}`);
  }
  return res.output;
}

export interface StartCodeServerOptions {
  readonly workspaceFolder: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  /** Merged over the defaults (trust off, telemetry off, no startup editor, ...). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server and therefore the extension host (e.g. KUBECONFIG). */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for the HTTP server (default 90 s). */
  readonly timeoutMs?: number;
}

export interface CodeServerInstance {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything code-server printed so far (stdout + stderr). */
  logs(): string;
  /** Ends the whole process group (code-server, extension host, watchers, ...). Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.enabled': false,
};

/**
 * Writes the settings (DEFAULT_SETTINGS merged with `settings`) as the user's and as the machine's. code-server is a
 * remote: a machine-scoped setting (the walkthrough's `openOnInstall`, Kubilitics' tool paths) counts in the extension
 * host only from the remote's own `Machine/settings.json`, as in VS Code Remote; the other keys there are ignored.
 */
export async function writeUserSettings(userDataDir: string, settings: Readonly<Record<string, unknown>> = {}): Promise<string> {
  const text = JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2);
  await replaceFile(join(userDataDir, 'Machine', 'settings.json'), text);
  return replaceFile(join(userDataDir, 'User', 'settings.json'), text);
}

/**
 * Written beside it, then renamed over it, and only when it changes: a running server that read a settings file
 * between a truncate and a write would see no settings at all for that moment.
 */
async function replaceFile(file: string, text: string): Promise<string> {
  if ((await readFile(file, 'utf8').catch(() => '')) === text) return file;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
  return file;
}

/**
 * Starts code-server on a free 127.0.0.1 port in its own process group and resolves once `/healthz` answers.
 * Writes `<userDataDir>/User/settings.json` (DEFAULT_SETTINGS merged with `settings`). Always `stop()` it.
 */
export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServerInstance> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCodeServerOnce(opts);
    } catch (err) {
      // getFreePort() releases the port before code-server binds it; retry if someone else grabbed it.
      if (attempt >= 3 || !(err instanceof Error) || !err.message.includes('EADDRINUSE')) throw err;
    }
  }
}

async function startCodeServerOnce(opts: StartCodeServerOptions): Promise<CodeServerInstance> {
  const { node, entry } = codeServerPaths();
  const timeoutMs = opts.timeoutMs ?? 90_000;
  await Promise.all([mkdir(opts.workspaceFolder, { recursive: true }), mkdir(opts.extensionsDir, { recursive: true })]);
  await writeUserSettings(opts.userDataDir, opts.settings);
  const configFile = join(opts.userDataDir, 'code-server-config.yaml');
  await writeFile(configFile, 'auth: none\n');

  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    entry,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    opts.userDataDir,
    '--extensions-dir',
    opts.extensionsDir,
    resolve(opts.workspaceFolder),
  ];
  const child = spawn(node, args, {
    detached: true, // own process group, so stop() can end the extension host and watchers too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('failed to spawn code-server');
  trackGroup(pid);

  let output = '';
  const debug = process.env['KUBILITICS_E2E_DEBUG'] === '1';
  const onData = (b: Buffer): void => {
    const s = b.toString();
    output += s;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (debug) process.stderr.write(`[code-server] ${s}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const exitPromise = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pid)) {
      killGroup(child, 'SIGKILL');
      while (groupAlive(pid) && Date.now() < deadline + 5_000) await sleep(100);
    }
    if (!exited) await Promise.race([exitPromise, sleep(2_000)]);
    liveGroups.delete(pid);
    child.stdout?.destroy();
    child.stderr?.destroy();
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during startup:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(250);
  }
  return { url, port, pid, logs: () => output, stop };
}

// ------------------------------------------------------------------ browser

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
}

export interface OpenWorkbenchOptions {
  readonly timeoutMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** Launches Chromium, opens the workbench on `folder` and waits until the explorer is ready. */
export async function openWorkbench(url: string, folder: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const timeout = opts.timeoutMs ?? 60_000;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/?folder=${encodeURIComponent(resolve(folder))}`, { timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    // The workbench is usable once the explorer has rendered the folder (or at least the activity bar).
    await page
      .locator('.explorer-folders-view .monaco-list-row, .explorer-folders-view .monaco-list')
      .first()
      .waitFor({ state: 'visible', timeout })
      .catch(() => page.locator('.activitybar').waitFor({ state: 'visible', timeout }));
    return { browser, page };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}

// ------------------------------------------------------------------ workbench interactions

const QUICK_INPUT = '.quick-input-widget';

/**
 * Runs `command` and picks the row of the quick pick it opens that shows `rowText`. Under load, a view taking the focus
 * as it redraws can close the pick before it shows (CI: the row never showed in 30 s); then the command is run again,
 * until `timeoutMs`.
 */
export async function pickAfterCommand(page: Page, command: string, rowText: string, timeoutMs = 60_000): Promise<void> {
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: rowText }).filter({ visible: true }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, command);
    const clicked = await row.click({ timeout: 10_000 }).then(
      () => true,
      (err: unknown) => {
        if (Date.now() >= deadline) throw err;
        return false;
      },
    );
    if (clicked) return;
  }
}

/**
 * Opens the command palette (F1), types `title` and runs the entry whose label is exactly `title`
 * (e.g. "Category: Title"). Right after the workbench loads, extension contributions may not be registered
 * yet and an open palette does not refresh, so it closes and reopens the palette until the entry shows up.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const widget = page.locator(QUICK_INPUT);
  const input = widget.locator('.quick-input-box input');
  const row = widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    if (await widget.isVisible()) await page.keyboard.press('Escape');
    // A webview that is loading again (its tab just came back) can swallow F1: from the second try on, take the
    // focus out of any iframe first, then ask again.
    if (attempt > 1)
      await page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.(),
      );
    await page.keyboard.press('F1');
    const opened = await input.waitFor({ state: 'visible', timeout: Math.min(5_000, Math.max(1_000, deadline - Date.now())) }).then(
      () => true,
      (err: unknown) => {
        if (Date.now() >= deadline) throw err;
        return false;
      },
    );
    if (!opened) continue;
    // A webview taking the focus as it loads closes the palette again: then ask once more.
    const typed = await input.fill(`>${title}`, { timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) }).then(
      () => true,
      (err: unknown) => {
        if (Date.now() >= deadline) throw err;
        return false;
      },
    );
    if (!typed) continue;
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) });
      // A window taking the focus (an editor tab opening) closes the palette under the pointer: then ask again.
      const clicked = await row.click({ timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) }).then(
        () => true,
        () => false,
      );
      if (clicked) break;
      if (Date.now() >= deadline) throw new Error(`the palette closed before "${title}" could be clicked`);
    } catch (err) {
      if (Date.now() >= deadline) {
        const rows = await widget.locator('.monaco-list-row').allInnerTexts();
        throw new Error(`command "${title}" not in the palette after ${attempt} attempts; rows: ${JSON.stringify(rows)}`, {
          cause: err,
        });
      }
    }
  }
  await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Makes the explorer view visible (Ctrl+Shift+E is not reliable in the browser, so use the palette). */
export async function showExplorer(page: Page): Promise<void> {
  if (await page.locator('.explorer-folders-view').isVisible()) return;
  await runCommand(page, 'View: Show Explorer');
  await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 10_000 });
}

/** Right-clicks `fileName` (a top-level or already-expanded entry) in the explorer and clicks `menuItemLabel`. */
export async function explorerContextMenu(page: Page, fileName: string, menuItemLabel: string, timeoutMs = 15_000): Promise<void> {
  await showExplorer(page);
  const item = page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(fileName)}$`) }) })
    .first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  // code-server 1.139 renders the menu in the light DOM: .context-view .monaco-menu [role=menuitem] >
  // .action-label (text = label) + .keybinding. The accessible name of an item includes its keybinding
  // ("Copy Path Ctrl+Alt+C"), so match the .action-label text exactly instead of getByRole(name).
  const menuItem = page
    .locator('.context-view .monaco-menu [role="menuitem"]')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(menuItemLabel)}\\s*$`) }) })
    .first();
  // Right after start-up an extension's menu contributions may not be registered yet, and an open menu does
  // not refresh: close it and open it again until the item shows up.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await item.click({ button: 'right' });
    try {
      await menuItem.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) });
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() >= deadline) throw err;
    }
  }
  // Under load a click on an item sometimes does not take and the menu stays open (seen in CI with the pointer
  // resting on the highlighted item): click again while the menu is still there.
  for (let attempt = 0; ; attempt++) {
    await menuItem.hover();
    await menuItem.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await menuItem.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

export type FrameMatcher = string | ((frame: Frame) => Promise<boolean>);

/**
 * Finds the frame that contains `matcher` (a CSS selector, or an async predicate). VS Code hosts a webview
 * in `iframe.webview` whose document nests the extension's page in another iframe (`#active-frame`), so the
 * search covers all of `page.frames()`, not only the direct children.
 */
export async function findWebviewFrame(page: Page, matcher: FrameMatcher, timeoutMs = 20_000): Promise<Frame> {
  const test = typeof matcher === 'string' ? async (f: Frame): Promise<boolean> => (await f.$(matcher)) !== null : matcher;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) continue;
      try {
        if (await test(frame)) return frame;
      } catch {
        // frame navigated or detached while probing
      }
    }
    if (Date.now() > deadline) {
      const urls = page.frames().map((f) => f.url());
      throw new Error(`no frame matched ${String(matcher)} within ${timeoutMs} ms; frames:\n${urls.join('\n')}`);
    }
    await sleep(250);
  }
}

/** Texts of the currently visible notification toasts (newest last as VS Code renders them). */
export async function readNotifications(page: Page): Promise<string[]> {
  const texts = await page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t.length > 0);
}

/** Waits until a notification toast matching `expected` is shown and returns its text. */
export async function waitForNotification(page: Page, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const matches = (t: string): boolean => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readNotifications(page)).find(matches);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      const seen = await readNotifications(page);
      throw new Error(`no notification matching ${String(expected)} within ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`);
    }
    await sleep(200);
  }
}

/** Closes every visible notification toast. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

/** Saves a full-page PNG to test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = resultsDir();
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
