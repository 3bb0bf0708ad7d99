import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { e2eCacheDir } from './harness/codeServer.js';

const run = promisify(execFile);
export const ROOT = resolve(__dirname, '..', '..');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

/** Whether a real VS Code is installed here; in CI (KUBILITICS_REQUIRE_E2E=1) its absence is a failure, not a skip. */
export function e2eAvailable(): boolean {
  const ready = existsSync(resolve(e2eCacheDir(), '.ready')) && existsSync('/usr/bin/chromium');
  if (!ready && process.env['KUBILITICS_REQUIRE_E2E'] === '1') {
    throw new Error('end-to-end tests are required but code-server is not installed: run scripts/setup-e2e.sh');
  }
  if (!ready) console.log('skipped: no code-server for end-to-end tests (run scripts/setup-e2e.sh)');
  return ready;
}

let packaged: Promise<string> | undefined;

/** The .vsix as users get it: production build, packaged by vsce. Built once per test run. */
export function packagedVsix(): Promise<string> {
  packaged ??= (async () => {
    const out = resolve(ROOT, 'kubilitics.vsix');
    await run(process.execPath, [resolve(ROOT, 'scripts/build.mjs'), '--production'], { cwd: ROOT });
    await run(process.execPath, [resolve(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT });
    return out;
  })();
  return packaged;
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
  const row = page.locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Error and warning counts of the Problems status bar item. */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number }> {
  // The item shows "⊗ 0 ⚠ 11": the first number is errors, the second warnings.
  const text = (await page.locator('[id="status.problems"]').first().innerText()) ?? '';
  const [errors = NaN, warnings = NaN] = (text.match(/\d+/g) ?? []).map(Number);
  return { errors, warnings };
}
