/**
 * The flow layout as drawn in Chromium on the bundled example: lines go around node boxes, never through
 * one that is neither their source nor their target, and an application reads left to right.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { LIGHT } from './themes';

const SHOP = resolve(__dirname, '../../examples/shop');
const CORPUS = resolve(__dirname, '../../../shared/corpus');
const INGRESS = 'networking.k8s.io/Ingress/shop/storefront';
const SERVICE = 'core/Service/shop/frontend';
const DEPLOYMENT = 'apps/Deployment/shop/frontend';

interface Point {
  readonly x: number;
  readonly y: number;
}
interface DrawnEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly path: Point[];
}
interface Box {
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Whether segment a→b passes through the inside of the box (Liang–Barsky clipping). */
function segmentEntersBox(a: Point, b: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const checks: [number, number][] = [
    [-dx, a.x - box.x1],
    [dx, box.x2 - a.x],
    [-dy, a.y - box.y1],
    [dy, box.y2 - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return t1 - t0 > 1e-6;
}

/** Every visible edge as the polyline cytoscape draws (bends of segment edges, sampled curves of bezier ones). */
async function drawnEdges(page: WebviewPage): Promise<{ edges: DrawnEdge[]; boxes: Box[] }> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const edges: DrawnEdge[] = [];
    cy.edges().forEach((e) => {
      if (!e.visible()) return;
      const start = e.sourceEndpoint();
      const end = e.targetEndpoint();
      const bends = e.segmentPoints() ?? [];
      const controls = e.controlPoints() ?? [];
      let middle: Point[] = bends;
      if (bends.length === 0 && controls.length === 1) {
        const c = controls[0]!;
        middle = Array.from({ length: 15 }, (_, i) => {
          const t = (i + 1) / 16;
          return {
            x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * c.x + t * t * end.x,
            y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * c.y + t * t * end.y,
          };
        });
      }
      edges.push({ id: e.id(), source: e.source().id(), target: e.target().id(), path: [start, ...middle, end] });
    });
    const boxes: Box[] = [];
    cy.nodes()
      .not('.group')
      .forEach((n) => {
        const p = n.position();
        boxes.push({ id: n.id(), x1: p.x - n.width() / 2, y1: p.y - n.height() / 2, x2: p.x + n.width() / 2, y2: p.y + n.height() / 2 });
      });
    return { edges, boxes };
  });
}

function throughNodes(edges: readonly DrawnEdge[], boxes: readonly Box[]): string[] {
  const found: string[] = [];
  for (const e of edges) {
    for (const b of boxes) {
      if (b.id === e.source || b.id === e.target) continue;
      // A pixel of slack: a line running along a box's edge does not pass through it.
      const inner = { ...b, x1: b.x1 + 1, y1: b.y1 + 1, x2: b.x2 - 1, y2: b.y2 - 1 };
      if (e.path.some((p, i) => i > 0 && segmentEntersBox(e.path[i - 1]!, p, inner))) found.push(`${e.id} through ${b.id}`);
    }
  }
  return found;
}

describe.skipIf(!chromiumAvailable())('flow layout in Chromium', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();

  it('examples/shop: no drawn edge crosses an unrelated node box; Ingress → Service → Deployment reads left to right', async () => {
    const graph = (await topologyFromPaths([SHOP])).engine.graph();
    const page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph, findings: [] }) as never);
    await page.settled();
    const { edges, boxes } = await drawnEdges(page);
    const routed = await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.cy.edges('.routed').length);
    // Cytoscape silently skips an edge whose geometry it cannot draw (its internal `badLine`): none may be.
    const undrawable = await page.page.evaluate(() =>
      (globalThis as unknown as PageGlobals).__kubilitics.cy
        .edges()
        .filter(
          (e) => e.visible() && (e as unknown as { _private: { rscratch: { badLine?: boolean } } })._private.rscratch.badLine === true,
        )
        .map((e) => e.id()),
    );
    expect(undrawable).toEqual([]);
    // The routes are in use (not only straight lines that happen to miss), and nothing goes through a node.
    expect(routed).toBeGreaterThan(0);
    expect(edges.length).toBeGreaterThan(20);
    expect(throughNodes(edges, boxes)).toEqual([]);
    const at = await page.positions();
    expect(at[INGRESS]!.x).toBeLessThan(at[SERVICE]!.x);
    expect(at[SERVICE]!.x).toBeLessThan(at[DEPLOYMENT]!.x);
    await page.screenshot('flow-shop');
  });

  for (const set of ['online-boutique', 'bookinfo']) {
    it.skipIf(!existsSync(resolve(CORPUS, set)))(`${set}: no drawn edge crosses an unrelated node box`, async () => {
      const graph = (await topologyFromPaths([resolve(CORPUS, set)])).engine.graph();
      const page = await suite.open(LIGHT);
      await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
      await page.send(createMessage(GraphInit, { title: set, mode: 'manifests', graph, findings: [] }) as never);
      await page.settled();
      const { edges, boxes } = await drawnEdges(page);
      expect(edges.length).toBeGreaterThan(10);
      expect(throughNodes(edges, boxes)).toEqual([]);
    });
  }

  it('examples/shop: cross-cutting relations show while one of their ends is selected', async () => {
    const graph = (await topologyFromPaths([SHOP])).engine.graph();
    const page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph, findings: [] }) as never);
    await page.settled();
    const visibleCross = (): Promise<{ hidden: number; shown: number; end: string }> =>
      page.page.evaluate(() => {
        const cross = (globalThis as unknown as PageGlobals).__kubilitics.cy.edges('.cross');
        return {
          hidden: cross.filter((e) => !e.visible()).length,
          shown: cross.filter((e) => e.visible()).length,
          end: cross[0]?.source().id() ?? '',
        };
      });
    const before = await visibleCross();
    expect(before.hidden).toBeGreaterThan(0);
    expect(before.shown).toBe(0);
    // The status bar says how many relations wait for a selection, so none seems lost.
    const counts = page.page.locator('[data-testid="counts"]');
    expect(await counts.getAttribute('data-cross-cutting')).toBe(String(before.hidden));
    expect(await counts.textContent()).toContain(`${before.hidden} cross-cutting`);
    await page.clickNode(before.end);
    await page.page.waitForFunction(() =>
      (globalThis as unknown as PageGlobals).__kubilitics.cy.edges('.cross').some((e) => (e as { visible(): boolean }).visible()),
    );
    expect((await visibleCross()).shown).toBeGreaterThan(0);
  });
});
