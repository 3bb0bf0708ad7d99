/**
 * The grid hit test (canvas/hitTesting.ts) on a view large enough to use it: it must name exactly what cytoscape's own
 * hit test names — nodes, namespace boxes and edges, mouse and touch — also after a node was dragged, and real clicks
 * and hovers must still land on what is under the pointer.
 */
import { describe, expect, it } from 'vitest';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import { HIT_INDEX_MIN_ELEMENTS } from '../../src/webview/canvas/hitTesting';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { syntheticGraph } from './syntheticGraph';
import { DARK } from './themes';

interface Comparison {
  readonly points: number;
  /** Whether the renderer's hit test is the wrapped one at all. */
  readonly wrapped: boolean;
  /** Time spent in each, over all points (ms). */
  readonly gridMs: number;
  readonly ownMs: number;
  /** How many points each kind of element was the first answer at (so the sample covers all three). */
  readonly hits: { readonly node: number; readonly group: number; readonly edge: number; readonly none: number };
  /** Points where the grid's answer differs from cytoscape's, with both answers. */
  readonly mismatches: readonly string[];
}

/**
 * In the page: at the centre and near a corner of nodes, on edge midpoints, inside namespace boxes and at spread
 * points, asks the wrapped hit test and cytoscape's own one (the renderer prototype's method) for mouse and touch.
 */
function compareHitTests(): Comparison {
  interface Renderer {
    findNearestElements(x: number, y: number, interactiveOnly: boolean, isTouch: boolean): { id(): string }[];
  }
  const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
  const r = (cy as unknown as { renderer(): Renderer }).renderer();
  const own = (Object.getPrototypeOf(r) as Renderer).findNearestElements;
  const points: { x: number; y: number }[] = [];
  cy.nodes().forEach((n, i) => {
    if (i % 15 !== 0) return;
    const bb = n.boundingBox({});
    points.push(n.position(), { x: bb.x1 + 3, y: bb.y1 + 3 }, { x: bb.x2 + 4, y: bb.y2 + 1 });
  });
  cy.edges().forEach((e, i) => {
    // Hidden edges (cross-cutting ones until hovered) have no midpoint.
    const mid = e.midpoint() as { x: number; y: number } | undefined;
    if (i % 15 === 0 && mid !== undefined) points.push({ ...mid });
  });
  const all = cy.elements().boundingBox({});
  for (let i = 0; i < 16; i++) for (let j = 0; j < 10; j++) points.push({ x: all.x1 + (all.w * i) / 16, y: all.y1 + (all.h * j) / 10 });
  const hits = { node: 0, group: 0, edge: 0, none: 0 };
  const mismatches: string[] = [];
  const clock = (globalThis as unknown as { performance: { now(): number } }).performance;
  let gridMs = 0;
  let ownMs = 0;
  for (const p of points)
    for (const touch of [false, true]) {
      const t0 = clock.now();
      const grid = r.findNearestElements(p.x, p.y, true, touch).map((e) => e.id());
      const t1 = clock.now();
      const exact = own.call(r, p.x, p.y, true, touch).map((e) => e.id());
      gridMs += t1 - t0;
      ownMs += clock.now() - t1;
      if (grid.join(' | ') !== exact.join(' | '))
        mismatches.push(`${p.x},${p.y}${touch ? ' touch' : ''}: ${grid.join(' | ')} ≠ ${exact.join(' | ')}`);
      const first = exact[0] === undefined ? null : cy.getElementById(exact[0]);
      if (first === null) hits.none++;
      else if (first.data('source') !== undefined) hits.edge++;
      else if (first.data('group') === true) hits.group++;
      else hits.node++;
    }
  const wrapped = Object.prototype.hasOwnProperty.call(r, 'findNearestElements');
  return { points: points.length, wrapped, gridMs, ownMs, hits, mismatches: mismatches.slice(0, 10) };
}

async function openLarge(open: (theme: typeof DARK) => Promise<WebviewPage>): Promise<WebviewPage> {
  const page = await open(DARK);
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.page.selectOption('[data-testid=level]', 'workload');
  const graph = syntheticGraph(1000);
  await page.send(createMessage(GraphInit, { title: 'hits', mode: 'manifests', graph, findings: [] }) as never);
  await page.settled();
  return page;
}

/** The screen point of a node's centre. */
function screenPoint(page: WebviewPage, id: string): Promise<{ x: number; y: number }> {
  return page.page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const box = cy.container()?.getBoundingClientRect();
    const p = cy.getElementById(nodeId).renderedPosition();
    return { x: (box?.left ?? 0) + p.x, y: (box?.top ?? 0) + p.y };
  }, id);
}

describe.skipIf(!chromiumAvailable())('pointer hit tests on a large view in Chromium', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();

  it("answers as cytoscape's own hit test, before and after a drag", async () => {
    const page = await openLarge(suite.open);
    const counts = await page.counts();
    expect(counts.nodes + counts.edges + counts.groups).toBeGreaterThanOrEqual(HIT_INDEX_MIN_ELEMENTS);
    const before = await page.page.evaluate(compareHitTests);
    console.log(
      `hit tests at ${before.points} points × mouse/touch: grid ${before.gridMs.toFixed(0)} ms, cytoscape ${before.ownMs.toFixed(0)} ms`,
    );
    expect(before.wrapped).toBe(true);
    expect(before.mismatches).toEqual([]);
    expect(before.hits.node).toBeGreaterThan(15);
    expect(before.hits.group).toBeGreaterThan(5);
    expect(before.hits.edge).toBeGreaterThan(15);

    // Drag a Deployment far across its namespace: the grid must follow it, its edges and its namespace box.
    const id = await page.page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      return cy.nodes('[kind = "Deployment"]').first().id();
    });
    await page.page.evaluate((nodeId) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      cy.zoom({ level: 1, renderedPosition: cy.getElementById(nodeId).renderedPosition() });
      cy.center(cy.getElementById(nodeId));
    }, id);
    const from = await screenPoint(page, id);
    await page.page.mouse.move(from.x, from.y);
    await page.page.mouse.down();
    await page.page.mouse.move(from.x + 250, from.y + 180, { steps: 10 });
    await page.page.mouse.up();
    const moved = await screenPoint(page, id);
    expect(moved.x).toBeGreaterThan(from.x + 200);
    const after = await page.page.evaluate(compareHitTests);
    expect(after.mismatches).toEqual([]);

    // A real click lands on the dragged node where it now stands, and one on empty canvas clears the selection.
    await page.page.mouse.click(moved.x, moved.y);
    const selected = (): Promise<string[]> =>
      page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.cy.$(':selected').map((e) => e.id()));
    await expect.poll(selected).toEqual([id]);
  });

  it('hovering a node shows its cross-cutting relations', async () => {
    const page = await openLarge(suite.open);
    const id = await page.page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const node = cy.edges('.cross').first().source();
      cy.zoom({ level: 1, renderedPosition: node.renderedPosition() });
      cy.center(node);
      return node.id();
    });
    expect(id).not.toBe('');
    const at = await screenPoint(page, id);
    await page.page.mouse.move(at.x - 300, at.y - 300);
    await page.page.mouse.move(at.x, at.y, { steps: 5 });
    const hovered = (): Promise<number> =>
      page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.cy.edges('.hover').length);
    await expect.poll(hovered).toBeGreaterThan(0);
    await page.page.mouse.move(at.x - 300, at.y - 300, { steps: 5 });
    await expect.poll(hovered).toBe(0);
  });
});
