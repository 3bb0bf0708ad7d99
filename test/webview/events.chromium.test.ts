/**
 * Warning Events on the canvas, in real Chromium: a badge with the count on each node a recent Warning is about (a
 * fold counts its members'), the details panel's list of an object's Events, and the "Warnings only" filter that
 * keeps warned objects and their neighbours.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { BATCH, DEPLOY, PODS_FOLD, SVC, shop } from '../engine/viewModel/shopEvents';

describe.skipIf(!chromiumAvailable())('warning events on the graph (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('badges warned nodes, lists an object’s Events in its details, and filters to warnings and neighbours', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'events', mode: 'manifests', graph: shop(), findings: [] }) as never);
    await page.settled();

    // Recent Warnings: one about Pod web-1-a (folded under the Deployment's pods), one about Pod batch; the
    // Deployment's own Warning is over an hour older than the newest Event, so it is not recent.
    expect((await page.nodeData(PODS_FOLD))?.['warnings']).toBe(1);
    expect((await page.nodeData(BATCH))?.['warnings']).toBe(1);
    expect((await page.nodeData(DEPLOY))?.['warnings']).toBeUndefined();
    expect((await page.nodeData(SVC))?.['warnings']).toBeUndefined();
    const image = await page.page.evaluate(
      (id) => (globalThis as unknown as PageGlobals).__kubilitics.cy.getElementById(id).style('background-image') as string,
      BATCH,
    );
    expect(image).toContain('data:image/svg+xml');
    await page.screenshot('events-badges');

    await page.clickNode(BATCH);
    const events = page.page.getByTestId('recent-events');
    await expect.poll(() => events.textContent()).toContain('BackOff');
    expect(await events.locator('h3').textContent()).toBe('Events (1, 1 recent warning)');
    await page.screenshot('events-details');

    await page.page.getByTestId('warnings-only').first().check();
    // The Service's only Event is Normal: its Events fold goes; the Deployment stays, as a neighbour (it selects batch).
    await expect.poll(async () => (await page.nodeData(`events:${SVC}`)) === null, { timeout: 30_000 }).toBe(true);
    await page.settled();
    const shown = await page.page.evaluate(() =>
      (globalThis as unknown as PageGlobals).__kubilitics.cy
        .nodes()
        .not('.group')
        .map((n) => n.id()),
    );
    expect(shown).toContain(BATCH);
    expect(shown).toContain(SVC);
    expect(shown).toContain(DEPLOY);
    expect(shown).not.toContain(`events:${DEPLOY}`);
    expect(await page.page.getByTestId('counts').textContent()).toContain('7 of 12 objects');
    await page.screenshot('events-warnings-only');
  });
});
