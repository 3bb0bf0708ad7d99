/**
 * Selecting an object labels its relations with what they read ("mounts (volume)"). A reading longer than its edge
 * would run over the boxes the edge joins: that edge stays unlabelled, and every reading drawn keeps off its ends.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { LIGHT } from './themes';

const ROOT = resolve(__dirname, '../..');

interface Reading {
  readonly id: string;
  readonly label: string;
  readonly overEnds: boolean;
}

/**
 * The selection's edges: the label each draws, and whether that label overlaps the box of either end, by where the
 * renderer drew it (its label position, size and angle after the last frame; cytoscape's label bounds are stale).
 */
function readings(page: WebviewPage): Promise<Reading[]> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const box = { includeLabels: false, includeOverlays: false, includeUnderlays: false };
    type Box = { x1: number; x2: number; y1: number; y2: number };
    type Drawn = { labelX: number; labelY: number; labelWidth: number; labelHeight: number; labelAngle?: number };
    const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    return cy.edges('.related').map((edge) => {
      const label = String(edge.style('label'));
      const drawn = (edge as unknown as { _private: { rscratch: Drawn } })._private.rscratch;
      const angle = drawn.labelAngle ?? 0;
      const [w, h] = [drawn.labelWidth / 2 + 2, drawn.labelHeight / 2 + 2];
      const dx = Math.abs(Math.cos(angle)) * w + Math.abs(Math.sin(angle)) * h;
      const dy = Math.abs(Math.sin(angle)) * w + Math.abs(Math.cos(angle)) * h;
      const text = { x1: drawn.labelX - dx, x2: drawn.labelX + dx, y1: drawn.labelY - dy, y2: drawn.labelY + dy };
      const overEnds = label !== '' && [edge.source(), edge.target()].some((end) => overlaps(end.boundingBox(box), text));
      return { id: edge.id(), label, overEnds };
    });
  });
}

async function openFolder(page: WebviewPage, folder: string): Promise<void> {
  const topology = await topologyFromPaths([folder], { root: folder });
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  const graph = topology.engine.graph();
  await page.send(createMessage(GraphInit, { title: 'readings', mode: 'manifests', graph, findings: topology.findings }) as never);
  await page.settled();
}

describe.skipIf(!chromiumAvailable())('relation readings on a selection (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('leaves off a reading longer than its edge', async () => {
    const page = await suite.open(LIGHT);
    await openFolder(page, join(ROOT, 'test/fixtures/kustomize/patched'));
    await page.clickNode('apps/Deployment/default/web');
    await expect.poll(() => readings(page)).toEqual([expect.objectContaining({ label: '', overEnds: false })]);
    await page.screenshot('readings-short-edge');
    // Dragged apart, the edge has room for its reading again.
    const from = await page.nodePoint('core/ConfigMap/default/web-settings');
    await page.page.mouse.move(from.x, from.y);
    await page.page.mouse.down();
    await page.page.mouse.move(from.x + 40, from.y + 220, { steps: 12 });
    await page.page.mouse.up();
    await expect.poll(() => readings(page)).toEqual([expect.objectContaining({ label: 'mounts (volume)', overEnds: false })]);
    await page.screenshot('readings-dragged-apart');
  });

  it('draws the readings of the shop that fit, none over the boxes they join', async () => {
    const page = await suite.open(LIGHT);
    await openFolder(page, join(ROOT, 'examples/shop'));
    const all: Reading[] = [];
    for (const id of ['apps/Deployment/shop/frontend', 'apps/Deployment/shop/api', 'core/Service/shop/api']) {
      await page.clickNode(id);
      // The selection's edges are all this object's.
      await expect.poll(async () => (await readings(page)).every((r) => r.id.split('>').some((end) => end === id))).toBe(true);
      const drawn = await readings(page);
      expect(drawn.filter((r) => r.overEnds)).toEqual([]);
      all.push(...drawn);
    }
    // Most fit: leaving them all off would pass the check above and say nothing.
    expect(all.filter((r) => r.label !== '').length).toBeGreaterThan(all.length / 2);
    await page.screenshot('readings-shop');
  });
});
