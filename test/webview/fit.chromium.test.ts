/**
 * A view that fits its panel (issue 15): at 400, 700 and 1,400 px wide the diagram gets the space. The toolbar
 * stays one row, the details panel appears only for a selection (over the canvas when narrow), node labels are
 * at least 9 px on screen at Fit for a small diagram, and namespace titles stay inside their boxes.
 * Screenshots land in test-results/webview/fit-*.png for a look by eye.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, ViewFocus, createMessage } from '../../src/protocol/messages';
import { breakpoint } from '../../src/webview/components/toolbarBreakpoints';
import type { Locator } from 'playwright-core';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import type { FitMeasure } from './fitMeasure';
import { describeFit, measureFit } from './fitMeasure';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { DEPLOY as EVENTS_DEPLOY, shop as shopWithEvents } from '../engine/viewModel/shopEvents';

const ROOT = resolve(__dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) console.log('skipped: no ../shared/corpus');

const WIDTHS = [400, 700, 1400] as const;
const HEIGHT = 800;
/** Readable text on screen: the floor for a small diagram at Fit. */
const MIN_LABEL_PX = 9;
/** Sub-pixel rounding of rendered sizes. */
const SLACK = 0.5;

const SETS: readonly { readonly name: string; readonly folder: string; readonly needsCorpus: boolean }[] = [
  { name: 'shop', folder: join(ROOT, 'examples/shop'), needsCorpus: false },
  { name: 'online-boutique', folder: join(CORPUS, 'online-boutique'), needsCorpus: true },
];

describe.skipIf(!chromiumAvailable())('the view fits its panel (Chromium)', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();

  async function openSet(folder: string, title: string, width: number): Promise<WebviewPage> {
    const graph = (await topologyFromPaths([folder])).engine.graph();
    const page = await suite.open(DARK, { viewport: { width, height: HEIGHT } });
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title, mode: 'manifests', graph, findings: [] }) as never);
    await page.settled();
    return page;
  }

  for (const set of SETS) {
    for (const width of WIDTHS) {
      it.skipIf(set.needsCorpus && !corpusPresent)(
        `${set.name} at ${width} px: one toolbar row, the canvas gets the width, labels ≥ 9 px`,
        async () => {
          mkdirSync('test-results/webview', { recursive: true });
          const page = await openSet(set.folder, set.name, width);
          await page.page.getByRole('button', { name: 'Fit', exact: true }).click();
          await waitFrames(page);
          const m = await measureFit(page);
          console.log(describeFit(`${set.name} @${width}`, m));
          await page.screenshot(`fit-${set.name}-${width}`);
          expectOneToolbarRow(m);
          expect(m.detailsShown).toBe(false);
          expect(m.canvasWidth).toBeGreaterThanOrEqual(m.mainWidth - 1);
          expect(m.labelPx).toBeGreaterThanOrEqual(MIN_LABEL_PX - 0.01);
          expect(m.nodesOnScreen).toBeGreaterThan(0);
          expectTitlesInsideGroups(m);
          // Zoomed far out, where titles become map labels over their boxes: still no larger than the box they name.
          // A block body: `cy.zoom(z)` returns the cytoscape instance, which Playwright would serialise (14 s a test).
          await page.page.evaluate(() => {
            (globalThis as unknown as PageGlobals).__kubilitics.cy.zoom(0.08);
          });
          await waitFrames(page);
          const far = await measureFit(page);
          console.log(describeFit(`${set.name} @${width}, zoom 0.08`, far));
          expectTitlesInsideGroups(far);
        },
      );
    }
  }

  for (const width of WIDTHS) {
    it(`shop at ${width} px: selecting shows the details ${width < 1000 ? 'over' : 'beside'} the canvas, × closes them`, async () => {
      const page = await openSet(join(ROOT, 'examples/shop'), 'shop', width);
      const before = await measureFit(page);
      const target = await page.page.evaluate(() => {
        const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
        const w = cy.width();
        const h = cy.height();
        // A node whose centre is on screen and away from the right edge, where the panel opens.
        const node = cy
          .nodes()
          .filter((n) => {
            const p = n.renderedPosition();
            return !n.hasClass('group') && p.x > 10 && p.y > 10 && p.x < w * 0.5 && p.y < h - 10;
          })
          .first();
        return node.id();
      });
      expect(target).not.toBe('');
      await page.clickNode(target);
      const details = page.page.getByTestId('details');
      await expect.poll(() => details.isVisible()).toBe(true);
      await expect.poll(() => details.locator('.details-name').count()).toBe(1);
      const open = await measureFit(page);
      await page.screenshot(`fit-shop-${width}-selected`);
      if (width < 1000) {
        // An overlay: the canvas keeps its width; the panel covers at most 80% of it.
        expect(open.canvasWidth).toBeCloseTo(before.canvasWidth, 0);
        expect((await details.boundingBox())?.width ?? Infinity).toBeLessThanOrEqual(0.8 * open.mainWidth + 1);
      } else expect(open.canvasWidth).toBeGreaterThanOrEqual(open.mainWidth - 330);
      expectOneToolbarRow(open);
      await details.getByRole('button', { name: 'Close details' }).click();
      await expect.poll(() => details.count()).toBe(0);
      const closed = await measureFit(page);
      expect(closed.canvasWidth).toBeGreaterThanOrEqual(closed.mainWidth - 1);
    });
  }
});

const LONG_TITLE = 'online-boutique and shop manifests, opened beside the YAML';

describe.skipIf(!chromiumAvailable())('the toolbar at its breakpoints (Chromium)', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();

  const cases = [
    {
      name: 'examples/shop',
      graph: async () => (await topologyFromPaths([join(ROOT, 'examples/shop')])).engine.graph(),
      focus: 'apps/Deployment/shop/frontend',
      warned: false,
    },
    { name: 'recent Warning Events', graph: async () => shopWithEvents(), focus: EVENTS_DEPLOY, warned: true },
  ];
  for (const c of cases) {
    it(`stays one row on either side of each breakpoint, with a long title and focus mode on (${c.name})`, async () => {
      const graph = await c.graph();
      const page = await suite.open(DARK, { viewport: { width: 1000, height: HEIGHT } });
      await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
      await page.send(createMessage(GraphInit, { title: LONG_TITLE, mode: 'manifests', graph, findings: [] }) as never);
      await page.settled();
      await page.send(createMessage(ViewFocus, { id: c.focus, neighbourhood: true }) as never);
      await expect.poll(() => page.page.locator('.focus-chip').count()).toBe(1);
      const widths = [1400, 1351, 1350, 1349, 1200, 1199, 1150, 1149, 1000, 999, 960, 959, 760, 759, 680, 679, 480, 479, 360];
      for (const width of widths) {
        await page.page.setViewportSize({ width, height: HEIGHT });
        await waitFrames(page);
        const m = await measureFit(page);
        console.log(describeFit(`${c.name}, focus, long title @${width}`, m));
        expectOneToolbarRow(m);
        // The controls that never move away stay reachable.
        for (const name of ['Fit', 'Fewer hops', 'More hops', 'Leave focus mode']) {
          expect(await uncovered(page.page.getByRole('button', { name, exact: true })), `${name} @${width}`).toBe(true);
        }
        const menuOrActions =
          width < breakpoint('actions', true, c.warned)
            ? page.page.locator('summary[aria-label="More tools"]')
            : page.page.getByRole('button', { name: 'Legend', exact: true });
        expect(await uncovered(menuOrActions), `More tools or Legend @${width}`).toBe(true);
        expect(await uncovered(page.page.getByRole('searchbox', { name: 'Search by name or label' }))).toBe(true);
        // "Warnings only" is offered only when there are recent Warnings: in the toolbar when there is room, else in the menu.
        const toggle = page.page.getByTestId('warnings-only');
        if (!c.warned) expect(await toggle.count(), `no Warnings, no toggle @${width}`).toBe(0);
        else if (width >= breakpoint('actions', true, true)) expect(await uncovered(toggle), `Warnings only @${width}`).toBe(true);
        else {
          expect(await toggle.count(), `Warnings only folded @${width}`).toBe(1);
          expect(await uncovered(page.page.locator('summary[aria-label="More tools"]')), `More tools @${width}`).toBe(true);
        }
        // The badge says where the picture comes from; the title gives way, the badge is never cut.
        const badge = await page.page
          .locator('.toolbar .mode')
          .evaluate((el) => ({ text: el.textContent, clipped: el.scrollWidth > el.clientWidth + 1 }));
        expect(badge, `mode badge @${width}`).toEqual({ text: 'yaml', clipped: false });
      }
      await page.screenshot(`fit-toolbar-focus-360${c.warned ? '-warned' : ''}`);
    });
  }

  it('opens More tools from the keyboard, runs an action from it, and closes on Escape', async () => {
    const graph = (await topologyFromPaths([join(ROOT, 'examples/shop')])).engine.graph();
    const page = await suite.open(DARK, { viewport: { width: 700, height: HEIGHT } });
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph, findings: [] }) as never);
    await page.settled();
    // At 700 px the actions and the relation filter live in the menu, not in the toolbar.
    expect(await page.page.getByRole('button', { name: 'Legend', exact: true }).count()).toBe(0);
    const more = page.page.locator('summary[aria-label="More tools"]');
    await more.focus();
    await page.page.keyboard.press('Enter');
    const menu = page.page.locator('details[data-menu="More tools"]');
    await expect.poll(() => menu.getAttribute('open')).toBe('');
    expect(await menu.locator('summary', { hasText: 'Relations' }).isVisible()).toBe(true);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('open')).toBe(null);
    expect(await more.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    // An action closes the menu once used.
    await page.page.keyboard.press('Enter');
    const legend = page.page.getByRole('button', { name: 'Legend', exact: true });
    await legend.focus();
    await page.page.keyboard.press('Enter');
    await expect.poll(() => page.page.locator('.legend').count()).toBe(1);
    await expect.poll(() => menu.getAttribute('open')).toBe(null);
    await page.screenshot('fit-shop-700-legend');
  });
});

function expectOneToolbarRow(m: FitMeasure): void {
  expect(m.toolbarRows).toBe(1);
  // …and every control on screen, none pushed past the right edge.
  expect(m.toolbarOverflow).toBeLessThanOrEqual(0);
  // One row of controls plus the toolbar's own padding and border, never two.
  expect(m.toolbarHeight).toBeLessThan(2 * m.controlHeight);
}

function expectTitlesInsideGroups(m: FitMeasure): void {
  for (const g of m.groups) {
    // A title never takes more than about a third of its box's height, nor more than its width.
    expect(g.titlePx, g.id).toBeLessThanOrEqual(g.boxHeight / 3 + SLACK);
    expect(g.titleWidth, g.id).toBeLessThanOrEqual(g.boxWidth + SLACK);
  }
}

/** Whether the element is on screen and what a click at its centre would reach (not covered by a neighbour). */
async function uncovered(locator: Locator): Promise<boolean> {
  if ((await locator.count()) === 0) return false;
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const doc = el.ownerDocument as unknown as { elementFromPoint(x: number, y: number): unknown };
    const view = (globalThis as unknown as { innerWidth: number }).innerWidth;
    const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 0 && r.right <= view && (hit === el || (el as unknown as { contains(o: unknown): boolean }).contains(hit));
  });
}

function waitFrames(page: WebviewPage): Promise<void> {
  return page.page.evaluate(
    () =>
      new Promise<void>((done) => {
        const w = globalThis as unknown as PageGlobals;
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()));
      }),
  );
}
