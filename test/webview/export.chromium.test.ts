/**
 * What you export is what you see: the positions the webview reports for an export are exactly where the
 * export model (and so the SVG, PDF and PNG) draws each node, with the view's filters and collapse state;
 * and the CLI's headless layout, given the canvas aspect, puts every node where the view put it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headlessLayout, headlessPositions } from '../../src/engine/export/headlessScene';
import { buildScene } from '../../src/engine/export/model';
import { renderSvg } from '../../src/engine/export/svg';
import type { ViewPositions } from '../../src/engine/export/viewPositions';
import { parseViewPositions, positionsById } from '../../src/engine/export/viewPositions';
import type { TopologyGraph } from '../../src/engine/model/graph';
import { GraphInit, ViewExport, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { LIGHT } from './themes';

const FIXTURE = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/small-graph.json'), 'utf8')) as TopologyGraph;
const META = { title: 'WYSIWYG', source: 'fixture', filters: [], version: 'test', generatedAt: '2025-01-31T12:00:00Z' };

let page: WebviewPage | undefined;

async function exportedPositions(p: WebviewPage, requestId: string): Promise<ViewPositions> {
  await p.send(createMessage(ViewExport, { requestId, format: 'positions' }) as never);
  const find = async (): Promise<string | undefined> => {
    const message = (await p.posted()).find((m) => m.type === 'view/exportResult' && m.params.requestId === requestId);
    return message?.type === 'view/exportResult' ? message.params.data : undefined;
  };
  await expect.poll(find).toBeDefined();
  const parsed = parseViewPositions((await find()) ?? '');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function expectSceneAt(positions: ViewPositions): void {
  const scene = buildScene({ graph: FIXTURE, options: positions.view, positions: positionsById(positions), theme: 'document', meta: META });
  const drawn = [...positions.nodes].map((n) => [n.id, n.x, n.y]).sort();
  expect(scene.nodes.map((n) => [n.id, n.x, n.y]).sort()).toEqual(drawn);
  for (const n of positions.nodes) {
    const sceneNode = scene.nodes.find((s) => s.id === n.id);
    expect({ width: sceneNode?.width, height: sceneNode?.height }, n.id).toEqual({ width: n.width, height: n.height });
  }
  expect(scene.edges.map((e) => e.id).sort()).toEqual([...positions.edges].sort());
  const svg = renderSvg(scene);
  for (const n of scene.nodes) expect(svg).toContain(`translate(${Math.round((n.x - n.width / 2) * 100) / 100},`);
}

describe.skipIf(!chromiumAvailable())('export matches the view in Chromium', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('places every exported node where the view draws it, and the headless layout agrees', async () => {
    page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'wysiwyg', mode: 'manifests', graph: FIXTURE, findings: [] }) as never);
    await page.settled();
    const positions = await exportedPositions(page, 'p1');
    expect(positions.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      Object.entries(await page.positions())
        .map(([id, p]) => ({ id, ...p }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expectSceneAt(positions);
    // The CLI path: same view model, same ELK code and options, the canvas's aspect → the same positions.
    expect(await headlessPositions(FIXTURE, positions.view, positions.aspect)).toEqual(positionsById(positions));
    // …and the same edge routes, so exports draw the lines the view draws.
    const layout = await headlessLayout(FIXTURE, positions.view, positions.aspect);
    expect(Object.keys(positions.routes ?? {}).length).toBeGreaterThan(0);
    expect(positions.routes).toEqual(layout.routes);
    expect(positions.crossCutting).toEqual([...layout.crossCutting].sort());
  });

  it('carries filters and collapse state into the export', async () => {
    page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'wysiwyg', mode: 'manifests', graph: FIXTURE, findings: [] }) as never);
    await page.settled();
    await page.page.locator('summary', { hasText: 'Namespaces' }).click();
    await page.page.locator('.menu-item', { hasText: 'data' }).click();
    await page.page.keyboard.press('Escape');
    await page.clickNode('pods:apps/Deployment/shop/web', true);
    await expect.poll(async () => (await page?.nodeData('core/Pod/shop/web-7d9f-x2k4p')) !== null).toBe(true);
    await page.settled();
    const positions = await exportedPositions(page, 'p2');
    expect(positions.view.hiddenNamespaces).toEqual(['data']);
    expect(positions.view.expandedOwners).toEqual(['apps/Deployment/shop/web']);
    expect(positions.nodes.some((n) => n.id.includes('/data/'))).toBe(false);
    expectSceneAt(positions);
  });
});
