/**
 * The picture stays in place when the panel changes size (the Problems panel opens under the view, the editor is
 * split): a view still as fitted is fitted again, one the reader moved keeps the point at its centre in the centre.
 * Cytoscape keeps its top-left anchored pan, and the diagram drifted off centre (seen in the kustomize-folder e2e
 * screenshot: the diagram at the bottom of the view, the top half empty).
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';

const ROOT = resolve(__dirname, '../..');
/** 49 objects: at the readable zoom Fit keeps, taller than the smaller panel (Fit then shows its top). */
const SHOP = join(ROOT, 'examples/shop');
/** Two objects: Fit centres them at any size. */
const SMALL = join(ROOT, 'test/fixtures/kustomize/patched/base');

interface Look {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
  readonly height: number;
  /** The model point at the centre of the canvas. */
  readonly centre: { readonly x: number; readonly y: number };
}

function look(page: WebviewPage): Promise<Look> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const zoom = cy.zoom();
    const pan = { ...cy.pan() };
    const centre = { x: (cy.width() / 2 - pan.x) / zoom, y: (cy.height() / 2 - pan.y) / zoom };
    return { zoom, pan, height: cy.height(), centre };
  });
}

describe.skipIf(!chromiumAvailable())(
  'the view keeps its picture in place as the panel is resized (Chromium)',
  { timeout: 120_000 },
  () => {
    const suite = chromiumSuite();

    async function open(folder: string, width = 1100): Promise<WebviewPage> {
      const graph = (await topologyFromPaths([folder])).engine.graph();
      const page = await suite.open(DARK, { viewport: { width, height: 800 } });
      await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
      await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph, findings: [] }) as never);
      await page.settled();
      await page.page.getByRole('button', { name: 'Fit', exact: true }).click();
      return page;
    }

    it('fits a fitted view again to its new size', async () => {
      const page = await open(SMALL);
      const fitted = await look(page);
      await page.page.setViewportSize({ width: 1100, height: 500 });
      await expect.poll(async () => (await look(page)).height).toBeLessThan(fitted.height - 200);
      const followed = await look(page);
      await page.page.getByRole('button', { name: 'Fit', exact: true }).click();
      const refitted = await look(page);
      expect(followed.zoom).toBeCloseTo(refitted.zoom, 6);
      expect(followed.pan.x).toBeCloseTo(refitted.pan.x, 3);
      expect(followed.pan.y).toBeCloseTo(refitted.pan.y, 3);
    });

    it('keeps the centre of a view the reader moved, at the same zoom', async () => {
      const page = await open(SHOP);
      await page.page.evaluate(() => {
        (globalThis as unknown as PageGlobals).__kubilitics.cy.panBy({ x: 37, y: -21 });
      });
      const moved = await look(page);
      await page.page.setViewportSize({ width: 800, height: 450 });
      await expect.poll(async () => (await look(page)).height).toBeLessThan(moved.height - 200);
      const after = await look(page);
      expect(after.zoom).toBe(moved.zoom);
      expect(after.centre.x).toBeCloseTo(moved.centre.x, 3);
      expect(after.centre.y).toBeCloseTo(moved.centre.y, 3);
    });

    it('does not move or zoom the diagram when a click opens the details beside the canvas', async () => {
      const page = await open(SMALL, 1400);
      const id = 'apps/Deployment/default/web';
      const at = (): Promise<{ x: number; y: number; zoom: number }> =>
        page.page.evaluate((node) => {
          const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
          return { ...cy.getElementById(node).renderedPosition(), zoom: cy.zoom() };
        }, id);
      const before = await at();
      await page.clickNode(id);
      await page.page.locator('.details').waitFor({ state: 'visible' });
      // Beside the canvas at this width: the canvas is narrower now, and cytoscape learns it within 100 ms.
      await expect.poll(() => page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.cy.width())).toBeLessThan(1100);
      await page.page.waitForTimeout(300);
      expect(await at()).toEqual(before);
    });
  },
);
