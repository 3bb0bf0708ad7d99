/** Shared set-up of a Chromium test file: one browser for the file, a fresh page per test, no page errors allowed. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { TestTheme } from './themes';
import type { OpenOptions, WebviewPage } from './harness';
import { WebviewHarness } from './harness';

export interface ChromiumSuite {
  /** Opens a page for the current test; it is checked for errors and closed after the test. */
  open(theme: TestTheme, options?: OpenOptions): Promise<WebviewPage>;
}

/**
 * Call inside a `describe`: registers the hooks that start the browser, check and close each test's page.
 * `chromiumArgs` start a Chromium of the describe's own with them (WebviewHarness.start).
 */
export function chromiumSuite(chromiumArgs: readonly string[] = []): ChromiumSuite {
  let harness: WebviewHarness | undefined;
  let page: WebviewPage | undefined;
  beforeAll(async () => {
    harness = await WebviewHarness.start(chromiumArgs);
  }, 180_000);
  afterAll(async () => harness?.close());
  afterEach(async () => {
    expect(page?.errors ?? []).toEqual([]);
    await page?.page.context().close();
    page = undefined;
  });
  return {
    async open(theme, options) {
      if (!harness) throw new Error('the Chromium harness did not start');
      page = await harness.open(theme, options);
      return page;
    },
  };
}
