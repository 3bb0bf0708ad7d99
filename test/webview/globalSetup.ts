/**
 * Global set-up of the webview project (vitest.config.ts): one build of the webview bundles, one server for them and
 * one Chromium (a Playwright browser server), shared by the test files that run in parallel; each file connects to
 * it and opens its pages in browser contexts of its own (see WebviewHarness.start). Where Chromium is not installed
 * it does nothing, and the files skip with a message (or fail, under KUBILITICS_REQUIRE_E2E=1).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumLaunchOptions, serveWebview } from './server';

export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!existsSync(chromiumLaunchOptions().executablePath)) {
    project.provide('kubiliticsWebview', null);
    return undefined;
  }
  const [served, browser] = await Promise.all([serveWebview(), chromium.launchServer(chromiumLaunchOptions())]);
  project.provide('kubiliticsWebview', { origin: served.origin, wsEndpoint: browser.wsEndpoint() });
  return async (): Promise<void> => {
    await browser.close();
    await served.close();
  };
}
