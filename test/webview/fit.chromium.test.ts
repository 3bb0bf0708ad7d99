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
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import type { FitMeasure } from './fitMeasure';
import { describeFit, measureFit } from './fitMeasure';
import { chromiumSuite } from './suite';
import { DARK } from './themes';

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

function waitFrames(page: WebviewPage): Promise<void> {
  return page.page.evaluate(
    () =>
      new Promise<void>((done) => {
        const w = globalThis as unknown as PageGlobals;
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()));
      }),
  );
}
