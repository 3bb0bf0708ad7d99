/**
 * The node context menu, in real Chromium: a right-click (or Shift+F10) asks the host for the node's actions and
 * lists them, a denied one disabled with its reason, then the view's own items; the keyboard walks and runs it, Escape
 * and outside clicks close it, it stays on screen at the canvas's edge, and manifests get only the view's items.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, NodeActionsMessage, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK, HIGH_CONTRAST, LIGHT } from './themes';
import { DEPLOY, NS, PODS_FOLD, POD_A, shop } from '../engine/viewModel/shopEvents';

const OFFERED = [
  { action: 'view-yaml', title: 'View YAML', allowed: true },
  { action: 'scale', title: 'Scale…', allowed: true },
  { action: 'restart', title: 'Rollout Restart', allowed: true },
  { action: 'delete', title: 'Delete…', allowed: false, reason: 'not permitted: delete deployments in namespace shop' },
] as const;

const VIEW_ITEMS = ['Go to YAML', 'Focus Neighbourhood', 'Logs', 'History'];

async function openCluster(page: WebviewPage): Promise<void> {
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.send(createMessage(GraphInit, { title: 'menu', mode: 'cluster', graph: shop(), findings: [] }) as never);
  await page.settled();
}

function labels(page: WebviewPage): Promise<string[]> {
  return page.page.getByTestId('node-menu').locator('.node-menu-label').allTextContents();
}

/** The page's focus, for evaluate callbacks (the tests compile without DOM types). */
interface Focus {
  readonly document: { readonly activeElement: { readonly textContent: string | null; readonly classList: DOMTokenListLike } | null };
}
interface DOMTokenListLike {
  contains(name: string): boolean;
}

/** What the outside-click test uses in the page (the tests compile without DOM types). */
interface OutsideClick {
  readonly document: { querySelector(selector: string): unknown; readonly body: { dispatchEvent(event: unknown): boolean } };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  readonly MouseEvent: new (type: string, init: { bubbles: boolean }) => unknown;
  setTimeout(callback: () => void, ms: number): number;
  __outsideClick?: Promise<string>;
}

function activeText(page: WebviewPage): Promise<string | null | undefined> {
  return page.page.evaluate(() => (globalThis as unknown as Focus).document.activeElement?.textContent);
}

async function actionsPosted(page: WebviewPage): Promise<unknown[]> {
  return (await page.posted()).filter((m) => m.type === 'view/action').map((m) => m.params);
}

describe.skipIf(!chromiumAvailable())('node context menu (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('opens on right-click once the host answers, lists its actions and the view’s, and runs one by keyboard or click', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await openCluster(page);
    await page.clickNodeWith(DEPLOY, { button: 'right' });
    await expect.poll(async () => (await page.posted()).some((m) => m.type === 'view/select' && m.params.id === DEPLOY)).toBe(true);
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    const menu = page.page.getByRole('menu', { name: 'Actions for web' });
    await expect.poll(() => labels(page), { timeout: 10_000 }).toEqual([...OFFERED.map((a) => a.title), ...VIEW_ITEMS]);
    const remove = menu.getByRole('menuitem', { name: /Delete…/ });
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    expect(await remove.textContent()).toContain('not permitted: delete deployments in namespace shop');
    expect(await menu.getByRole('separator').count()).toBe(1);
    // The first item has the focus: the keyboard is in the menu from the start.
    expect(await activeText(page)).toBe('View YAML');
    await page.screenshot('node-menu');

    // A denied item does nothing and the menu stays.
    await remove.click({ force: true });
    expect(await actionsPosted(page)).toEqual([]);
    await page.page.keyboard.press('Home');
    await page.page.keyboard.press('ArrowDown');
    await page.page.keyboard.press('Enter');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await actionsPosted(page)).toEqual([{ action: 'scale', id: DEPLOY }]);
    // Closing by keyboard puts focus back on the canvas.
    expect(await page.page.evaluate(() => (globalThis as unknown as Focus).document.activeElement?.classList.contains('canvas'))).toBe(
      true,
    );

    await page.clickNodeWith(DEPLOY, { button: 'right' });
    await menu.getByRole('menuitem', { name: 'Rollout Restart' }).click();
    expect(await actionsPosted(page)).toEqual([
      { action: 'scale', id: DEPLOY },
      { action: 'restart', id: DEPLOY },
    ]);
    expect(await page.cspViolations()).toEqual([]);
  });

  it('opens from the keyboard (Shift+F10, ContextMenu) and closes on Escape and on a click outside', async () => {
    const page = await suite.open(LIGHT);
    await openCluster(page);
    await page.clickNode(DEPLOY);
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    const menu = page.page.getByTestId('node-menu');
    await page.page.locator('.canvas').focus();
    await page.page.keyboard.press('Shift+F10');
    await expect.poll(() => labels(page), { timeout: 10_000 }).toEqual([...OFFERED.map((a) => a.title), ...VIEW_ITEMS]);
    await page.page.keyboard.press('ArrowUp');
    expect(await activeText(page)).toBe('History');
    await page.screenshot('node-menu-keyboard-light');
    await page.page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // Escape closed the menu only: the selection (and its details) stay.
    expect(await page.page.getByTestId('details').count()).toBe(1);

    await page.page.locator('.canvas').focus();
    await page.page.keyboard.press('ContextMenu');
    await expect.poll(() => menu.count()).toBe(1);
    await page.page.mouse.click(5, 200);
    await expect.poll(() => menu.count()).toBe(0);
    expect(await actionsPosted(page)).toEqual([]);
  });

  it('closes on a click outside that comes before the next paint (a busy page, a quick user)', async () => {
    const page = await suite.open(LIGHT);
    await openCluster(page);
    await page.clickNode(DEPLOY);
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    await page.page.locator('.canvas').focus();
    // The menu is watched for from inside the page (the watch is in place before the key is pressed); the moment it is
    // in the document, before any frame, a mousedown lands outside it. Its listener was added after the next paint:
    // this click found none and the menu stayed.
    await page.page.evaluate(() => {
      const w = globalThis as unknown as OutsideClick;
      w.__outsideClick = new Promise<string>((done) => {
        const observer = new w.MutationObserver(() => {
          if (w.document.querySelector('[data-testid=node-menu]') === null) return;
          observer.disconnect();
          w.document.body.dispatchEvent(new w.MouseEvent('mousedown', { bubbles: true }));
          w.setTimeout(() => done(w.document.querySelector('[data-testid=node-menu]') === null ? 'closed' : 'open'), 500);
        });
        observer.observe(w.document.body, { childList: true, subtree: true });
        w.setTimeout(() => done('the menu never opened'), 20_000);
      });
    });
    await page.page.keyboard.press('Shift+F10');
    expect(await page.page.evaluate(() => (globalThis as unknown as OutsideClick).__outsideClick)).toBe('closed');
  });

  it('stays on screen when opened at the canvas’s bottom-right corner (in a high-contrast theme)', async () => {
    const page = await suite.open(HIGH_CONTRAST, { viewport: { width: 900, height: 600 } });
    await openCluster(page);
    // Pan so the Deployment sits in the corner of the canvas.
    await page.page.evaluate((id) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const node = cy.getElementById(id);
      const p = node.renderedPosition();
      cy.panBy({ x: cy.width() - 12 - p.x, y: cy.height() - 12 - p.y });
    }, DEPLOY);
    await page.clickNodeWith(DEPLOY, { button: 'right' });
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    const menu = page.page.getByTestId('node-menu');
    await expect.poll(() => menu.count()).toBe(1);
    await expect.poll(async () => (await menu.boundingBox())?.width ?? 0).toBeGreaterThan(0);
    const box = await menu.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(900);
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    await page.screenshot('node-menu-corner');
  });

  it('shows only the view’s own items on manifests', async () => {
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'yaml', mode: 'manifests', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.clickNodeWith(DEPLOY, { button: 'right' });
    await expect.poll(() => labels(page), { timeout: 10_000 }).toEqual(['Go to YAML', 'Focus Neighbourhood']);
    // An answer the host should never send here is not shown either.
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    expect(await labels(page)).toEqual(['Go to YAML', 'Focus Neighbourhood']);
    await page.page.keyboard.press('ArrowDown');
    await page.page.keyboard.press('Enter');
    await expect.poll(() => page.page.getByTestId('node-menu').count()).toBe(0);
    await expect.poll(() => page.page.locator('.focus-chip').count()).toBe(1);
  });

  it('gives a fold of Pods a menu that opens it or selects its owner, and a namespace box one that folds it', async () => {
    const page = await suite.open(DARK);
    await openCluster(page);
    const onCanvas = (id: string): Promise<boolean> =>
      page.page.evaluate((nodeId) => (globalThis as unknown as PageGlobals).__kubilitics.cy.getElementById(nodeId).nonempty(), id);
    expect(await onCanvas(PODS_FOLD)).toBe(true);
    await page.clickNodeWith(PODS_FOLD, { button: 'right' });
    const menu = page.page.getByRole('menu', { name: 'Actions for this group' });
    await expect.poll(() => labels(page), { timeout: 10_000 }).toEqual(['Open', 'Select Deployment web']);
    await page.screenshot('fold-menu');
    await page.page.keyboard.press('Enter');
    await expect.poll(() => menu.count()).toBe(0);
    await page.settled();
    await expect.poll(() => onCanvas(POD_A)).toBe(true);
    expect(await onCanvas(PODS_FOLD)).toBe(false);
    // No cluster actions were asked for: a fold has none.
    expect((await page.posted()).filter((m) => m.type === 'view/action')).toEqual([]);

    // A namespace box is right-clicked on its own background: inside the box and the canvas, on no node within it.
    const corner = await page.page.evaluate((box) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const bounds = cy.getElementById(box).renderedBoundingBox({ includeLabels: false });
      const ownBoxes = cy.getElementById(box).ancestors().union(cy.getElementById(box));
      const inside = cy
        .nodes()
        .difference(ownBoxes)
        .map((n) => n.renderedBoundingBox({ includeLabels: false }));
      const free = (x: number, y: number): boolean => inside.every((b) => x < b.x1 || x > b.x2 || y < b.y1 || y > b.y2);
      const rect = cy.container()?.getBoundingClientRect();
      const y = bounds.y1 + 8;
      let x = Math.max(bounds.x1, 0) + 8;
      while (x < Math.min(bounds.x2, cy.width()) && !free(x, y)) x += 4;
      return { x: (rect?.left ?? 0) + x, y: (rect?.top ?? 0) + y };
    }, `ns:${NS}`);
    await page.page.mouse.click(corner.x, corner.y, { button: 'right' });
    await expect.poll(() => labels(page), { timeout: 10_000 }).toEqual(['Fold']);
    await page.page.getByRole('menuitem', { name: 'Fold' }).click();
    await page.settled();
    await expect.poll(() => onCanvas(DEPLOY)).toBe(false);
  });
});
