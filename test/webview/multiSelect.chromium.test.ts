/**
 * Multi-selection in the topology, in real Chromium: Ctrl+click and Shift+click add and remove nodes, the panel then
 * counts them and offers the bulk actions, which the host is asked to run on every selected id.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { GraphMode } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { BATCH, DEPLOY, SVC, shop } from '../engine/viewModel/shopEvents';

async function openGraph(page: WebviewPage, mode: GraphMode): Promise<void> {
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.send(createMessage(GraphInit, { title: 'multi', mode, graph: shop(), findings: [] }) as never);
  await page.settled();
}

function selectedOnCanvas(page: WebviewPage): Promise<string[]> {
  return page.page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__kubilitics.cy
      .nodes(':selected')
      .map((n) => n.id())
      .sort(),
  );
}

describe.skipIf(!chromiumAvailable())('multi-selection (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('adds and removes nodes with Ctrl+click and Shift+click, and runs a bulk action on all of them', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await openGraph(page, 'cluster');
    await page.clickNode(DEPLOY);
    await page.clickNodeWith(SVC, { modifier: 'Control' });
    const count = page.page.getByTestId('selection-count');
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    expect(await selectedOnCanvas(page)).toEqual([DEPLOY, SVC].sort());

    await page.clickNodeWith(BATCH, { modifier: 'Shift' });
    await expect.poll(() => count.textContent()).toBe('3 objects selected');
    await page.clickNodeWith(BATCH, { modifier: 'Control' });
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    expect(await selectedOnCanvas(page)).toEqual([DEPLOY, SVC].sort());
    const bulk = page.page.getByTestId('bulk-actions');
    expect(await bulk.locator('button').allTextContents()).toEqual(['Copy Name', 'Delete…']);
    expect(await page.page.getByTestId('details').locator('.link').allTextContents()).toEqual(['Deployment web', 'Service web']);
    await page.screenshot('multi-select');

    await bulk.getByRole('button', { name: 'Delete…' }).click();
    const actions = (await page.posted()).filter((m) => m.type === 'view/action');
    expect(actions).toEqual([{ type: 'view/action', params: { action: 'delete', id: DEPLOY, ids: [DEPLOY, SVC] } }]);

    // Taking one out leaves an ordinary selection: its details, and the host is asked for its actions again.
    const selects = (await page.posted()).filter((m) => m.type === 'view/select').length;
    await page.clickNodeWith(SVC, { modifier: 'Control' });
    await expect.poll(() => page.page.locator('.details-name').textContent()).toBe('web');
    expect(await count.count()).toBe(0);
    await expect.poll(() => selectedOnCanvas(page)).toEqual([DEPLOY]);
    const after = (await page.posted()).filter((m) => m.type === 'view/select');
    expect(after.length).toBe(selects + 1);
    expect(after.at(-1)?.params).toEqual({ id: DEPLOY });

    // A plain click ends a multi-selection.
    await page.clickNodeWith(SVC, { modifier: 'Control' });
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    await page.clickNode(BATCH);
    await expect.poll(() => count.count()).toBe(0);
    await expect.poll(() => selectedOnCanvas(page)).toEqual([BATCH]);
    expect(await page.cspViolations()).toEqual([]);
  });

  it('adds the keyboard-focused node with Ctrl+Enter; a right-click on the selection offers its bulk actions', async () => {
    const page = await suite.open(DARK);
    await openGraph(page, 'cluster');
    await page.clickNode(DEPLOY);
    await page.page.locator('.canvas').focus();
    // The first arrow press puts the focus ring on the selection, the second moves it on (to the Service).
    await page.page.keyboard.press('ArrowLeft');
    await page.page.keyboard.press('ArrowLeft');
    await page.page.keyboard.press('Control+Enter');
    const count = page.page.getByTestId('selection-count');
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    // The canvas takes the selection after the count is drawn (CI once read it in between).
    await expect.poll(() => selectedOnCanvas(page)).toEqual([DEPLOY, SVC].sort());

    await page.clickNodeWith(DEPLOY, { button: 'right' });
    const menu = page.page.getByRole('menu', { name: 'Actions for 2 selected objects' });
    await expect.poll(() => menu.getByRole('menuitem').allTextContents()).toEqual(['Copy Name', 'Delete…']);
    await page.screenshot('multi-select-menu');
    await page.page.keyboard.press('Enter');
    await expect.poll(() => menu.count()).toBe(0);
    const actions = (await page.posted()).filter((m) => m.type === 'view/action').map((m) => m.params);
    expect(actions).toEqual([{ action: 'copy-name', id: DEPLOY, ids: [DEPLOY, SVC] }]);
    // The multi-selection stays for the next action.
    expect(await count.textContent()).toBe('2 objects selected');
  });

  it('keeps a multi-selection when the panel is hidden and shown again (its state restored after a reload)', async () => {
    const page = await suite.open(DARK);
    await openGraph(page, 'cluster');
    await page.clickNode(DEPLOY);
    await page.clickNodeWith(SVC, { modifier: 'Control' });
    const count = page.page.getByTestId('selection-count');
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    await page.page.reload();
    await page.setTheme(DARK);
    await openGraph(page, 'cluster');
    await expect.poll(() => count.textContent()).toBe('2 objects selected');
    await expect.poll(() => selectedOnCanvas(page)).toEqual([DEPLOY, SVC].sort());
    expect(await page.page.getByTestId('bulk-actions').locator('button').allTextContents()).toEqual(['Copy Name', 'Delete…']);
  });

  it('offers no bulk actions on manifests, and Escape clears the selection', async () => {
    const page = await suite.open(DARK);
    await openGraph(page, 'manifests');
    await page.clickNode(DEPLOY);
    await page.clickNodeWith(SVC, { modifier: 'Control' });
    await expect.poll(() => page.page.getByTestId('selection-count').textContent()).toBe('2 objects selected');
    expect(await page.page.getByTestId('bulk-actions').count()).toBe(0);
    await page.page.locator('.canvas').focus();
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.page.getByTestId('details').count()).toBe(0);
    await expect.poll(() => selectedOnCanvas(page)).toEqual([]);
  });
});
