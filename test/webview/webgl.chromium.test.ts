/**
 * Cytoscape's WebGL mode as the benchmark and tests ask for it (src/webview/canvas/webglRenderer.ts; not turned on for
 * users): it draws the picture the canvas renderer draws where our adaptations reach (node fills, orthogonal routes
 * through their bends, arrowheads over the editor's background), PNG export still works, and a page without WebGL2
 * falls back to the canvas renderer. Pixels are compared between two pages of the same view, one per renderer, read
 * inside the frame that drew them (a WebGL drawing buffer is cleared once the frame is shown).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../src/engine/model/graph';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, ViewExport, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import type { ChromiumSuite } from './suite';
import { chromiumSuite } from './suite';
import { DARK } from './themes';

const SHOP = resolve(__dirname, '../../examples/shop');
const DEPLOYMENT = 'apps/Deployment/shop/frontend';
const SERVICE = 'core/Service/shop/frontend';

interface Point {
  readonly x: number;
  readonly y: number;
}
type Rgba = readonly number[];

/** The drawing layers cytoscape stacks in its container: 2D nodes and edges, and (WebGL mode) the WebGL layer. */
const NODE_LAYER = 'layer2-node';
const WEBGL_LAYER = 'layer3-webgl';

let shop: TopologyGraph | undefined;
async function shopGraph(): Promise<TopologyGraph> {
  shop ??= (await topologyFromPaths([SHOP])).engine.graph();
  return shop;
}

async function openShop(suite: ChromiumSuite, renderer: 'canvas' | 'webgl'): Promise<WebviewPage> {
  const page = await suite.open(DARK, { renderer });
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph: await shopGraph(), findings: [] }) as never);
  await page.settled();
  await zoomTo(page, 2);
  return page;
}

/** The same viewport on every page: `zoom` about the Deployment (at 2, lines are several pixels wide). */
async function zoomTo(page: WebviewPage, zoom: number): Promise<void> {
  await page.page.evaluate(
    ([id, z]) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      cy.zoom(z);
      cy.center(cy.getElementById(id));
    },
    [DEPLOYMENT, zoom] as const,
  );
}

function drawnLayers(page: WebviewPage): Promise<string[]> {
  return page.page.evaluate(() => {
    const w = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } };
    return Array.from(w.document.querySelectorAll('canvas')).map((c) => c.getAttribute('data-id') ?? '');
  });
}

/** `points` (rendered, in the container) of `layer` as the next frame draws them, RGBA (not premultiplied). */
function layerPixels(page: WebviewPage, layer: string, points: readonly Point[]): Promise<Rgba[]> {
  return page.page.evaluate(
    ({ layerId, at }) =>
      new Promise<number[][]>((done) => {
        interface Canvas2d {
          width: number;
          height: number;
          readonly clientWidth: number;
          getContext(kind: '2d'): {
            drawImage(image: unknown, x: number, y: number): void;
            getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
          };
        }
        const w = globalThis as unknown as PageGlobals & {
          document: { querySelector(s: string): Canvas2d | null; createElement(tag: 'canvas'): Canvas2d };
        };
        const cy = w.__kubilitics.cy;
        const source = w.document.querySelector(`canvas[data-id="${layerId}"]`);
        if (source === null) throw new Error(`no ${layerId} canvas`);
        cy.one('render', () => {
          const copy = w.document.createElement('canvas');
          copy.width = source.width;
          copy.height = source.height;
          const context = copy.getContext('2d');
          context.drawImage(source, 0, 0);
          const ratio = source.width / Math.max(1, source.clientWidth);
          done(at.map((p) => Array.from(context.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data)));
        });
        cy.forceRender();
      }),
    { layerId: layer, at: points },
  );
}

/** A point just inside node `id`'s left side, at its middle: its fill, clear of its centred label. */
function fillPoint(page: WebviewPage, id: string): Promise<Point> {
  return page.page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const box = cy.getElementById(nodeId).renderedBoundingBox({ includeLabels: false });
    return { x: box.x1 + 8, y: (box.y1 + box.y2) / 2 };
  }, id);
}

/** Rendered positions of the bends of solid, routed edges, and a point inside each arrowhead of a solid edge. */
function routeProbes(page: WebviewPage): Promise<{ bends: Point[]; arrows: Point[] }> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const toScreen = (x: number, y: number): { x: number; y: number } => ({ x: x * cy.zoom() + cy.pan().x, y: y * cy.zoom() + cy.pan().y });
    const inView = (p: { x: number; y: number }): boolean => p.x > 10 && p.y > 10 && p.x < cy.width() - 10 && p.y < cy.height() - 10;
    const solid = cy.edges().filter((e) => e.visible() && e.style('line-style') === 'solid');
    const bends = solid
      .filter((e) => e.hasClass('routed'))
      .map((e) => {
        const pts = (e as unknown as { _private: { rscratch: { allpts?: number[] } } })._private.rscratch.allpts ?? [];
        const inner = [];
        for (let i = 2; i + 2 < pts.length; i += 2) inner.push(toScreen(pts[i] ?? 0, pts[i + 1] ?? 0));
        return inner;
      })
      .flat()
      .filter(inView);
    const arrows = solid
      .map((e) => {
        const rs = (e as unknown as { _private: { rscratch: { arrowEndX: number; arrowEndY: number; allpts?: number[] } } })._private
          .rscratch;
        const pts = rs.allpts ?? [];
        // The tip is at arrowEnd; the triangle reaches back ~7 units along the line's last piece: 4 units back is inside.
        const dx = rs.arrowEndX - (pts[pts.length - 4] ?? 0);
        const dy = rs.arrowEndY - (pts[pts.length - 3] ?? 0);
        const length = Math.max(1e-6, Math.hypot(dx, dy));
        return toScreen(rs.arrowEndX - (4 * dx) / length, rs.arrowEndY - (4 * dy) / length);
      })
      .filter(inView);
    return { bends, arrows };
  });
}

/**
 * Whether two pixels are about the same colour: `composed`, weighted by their opacity (as they look over the page: the
 * canvas renderer's translucent arrowhead and WebGL's opaque one blended over the background then match), else the
 * colour alone (where the two antialias a line's corner differently).
 */
function close(a: Rgba, b: Rgba, tolerance: number, composed: boolean): boolean {
  const alpha = (p: Rgba): number => (composed ? (p[3] ?? 0) / 255 : 1);
  return [0, 1, 2].every((i) => Math.abs((a[i] ?? 0) * alpha(a) - (b[i] ?? 0) * alpha(b)) <= tolerance);
}

/** The share of `points` where the WebGL page shows about what the canvas page shows. */
async function agreement(
  pages: { canvas: WebviewPage; webgl: WebviewPage },
  points: readonly Point[],
  tolerance: number,
  composed = true,
): Promise<number> {
  const drawn = await layerPixels(pages.canvas, NODE_LAYER, points);
  const gl = await layerPixels(pages.webgl, WEBGL_LAYER, points);
  return points.filter((_, i) => close(drawn[i] ?? [], gl[i] ?? [], tolerance, composed)).length / Math.max(1, points.length);
}

describe.skipIf(!chromiumAvailable())("cytoscape's WebGL mode in Chromium", { timeout: 180_000 }, () => {
  const suite = chromiumSuite();
  // Two pages a test: the suite checks and closes the last one opened; this closes the first.
  const pair = async (): Promise<{ canvas: WebviewPage; webgl: WebviewPage; done(): Promise<void> }> => {
    const canvas = await openShop(suite, 'canvas');
    const errors = canvas.errors;
    const webgl = await openShop(suite, 'webgl');
    return {
      canvas,
      webgl,
      done: async () => {
        expect(errors).toEqual([]);
        await canvas.page.context().close();
      },
    };
  };

  it('draws the view on the WebGL layer, node fills where the canvas renderer draws them', async () => {
    const { canvas, webgl, done } = await pair();
    expect(await drawnLayers(webgl)).toContain(WEBGL_LAYER);
    const points = [await fillPoint(webgl, DEPLOYMENT), await fillPoint(webgl, SERVICE)];
    const [gl, flat] = [await layerPixels(webgl, WEBGL_LAYER, points), await layerPixels(webgl, NODE_LAYER, points)];
    // Drawn by WebGL (a translucent fill over a translucent box: the layers are see-through), not by the 2D layer.
    expect(gl.every((p) => (p[3] ?? 0) > 0)).toBe(true);
    expect(flat.map((p) => p[3])).toEqual([0, 0]);
    // A Deployment is a shape WebGL draws itself; a Service's hexagon comes from a texture cytoscape drew in 2D.
    expect(await agreement({ canvas, webgl }, points, 16)).toBe(1);
    await done();
  });

  it('draws orthogonal routes through their bends, and arrowheads over the editor background', async () => {
    const { canvas, webgl, done } = await pair();
    const { bends } = await routeProbes(webgl);
    expect(bends.length).toBeGreaterThan(5);
    // Cytoscape's own WebGL drawing made one curve of all of a route's points (no bend on it) and blended arrowheads
    // over white; a few probes may land where a neighbour's line or label crosses differently.
    expect(await agreement({ canvas, webgl }, bends, 32, false)).toBeGreaterThan(0.8);
    // Every arrowhead in view.
    for (const page of [canvas, webgl]) await zoomTo(page, 1);
    const { arrows } = await routeProbes(webgl);
    expect(arrows.length).toBeGreaterThan(6);
    expect(await agreement({ canvas, webgl }, arrows, 12)).toBeGreaterThan(0.8);
    await done();
  });

  it('exports the whole picture as a PNG', async () => {
    const page = await openShop(suite, 'webgl');
    await page.send(createMessage(ViewExport, { requestId: 'png', format: 'png' }) as never);
    await expect.poll(async () => (await page.posted()).some((m) => m.type === 'view/exportResult'), { timeout: 10_000 }).toBe(true);
    const result = (await page.posted()).find((m) => m.type === 'view/exportResult');
    const data = result?.type === 'view/exportResult' ? result.params.data : '';
    expect(data.startsWith('data:image/png;base64,')).toBe(true);
    // Not a blank image: a good share of its pixels differ from its top-left one (the editor's background).
    const drawnShare = await page.page.evaluate(
      (uri) =>
        new Promise<number>((done, fail) => {
          interface Canvas2d {
            width: number;
            height: number;
            getContext(kind: '2d'): {
              drawImage(image: unknown, x: number, y: number): void;
              getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
            };
          }
          const w = globalThis as unknown as {
            Image: new () => { src: string; width: number; height: number; onload: () => void; onerror: () => void };
            document: { createElement(tag: 'canvas'): Canvas2d };
          };
          const image = new w.Image();
          image.onerror = () => fail(new Error('the export is not an image'));
          image.onload = () => {
            const canvas = w.document.createElement('canvas');
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            const pixels = context.getImageData(0, 0, image.width, image.height).data;
            let differing = 0;
            for (let i = 0; i < pixels.length; i += 4) if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1]) differing++;
            done(differing / (pixels.length / 4));
          };
          image.src = uri;
        }),
      data,
    );
    expect(drawnShare).toBeGreaterThan(0.05);
  });
});

describe.skipIf(!chromiumAvailable())('a page without WebGL2 (Chromium --disable-webgl)', { timeout: 180_000 }, () => {
  const suite = chromiumSuite(['--disable-webgl']);

  it('draws with the canvas renderer when WebGL is asked for', async () => {
    const page = await openShop(suite, 'webgl');
    expect(await drawnLayers(page)).not.toContain(WEBGL_LAYER);
    const [fill] = await layerPixels(page, NODE_LAYER, [await fillPoint(page, DEPLOYMENT)]);
    expect(fill?.[3]).toBeGreaterThan(0);
  });
});
