/**
 * How a large view is drawn while the user pans and zooms (issue 15): cytoscape moves a snapshot of the picture
 * (textureOnViewport, canvas/viewportTexture.ts) instead of drawing every object each frame, and fills around the
 * snapshot with the editor's background. A small view keeps drawing every frame in full.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../src/engine/model/graph';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { syntheticGraph } from './syntheticGraph';
import { DARK } from './themes';
import { groupTitle } from '../../src/webview/canvas/groupTitle';

interface Frame {
  readonly snapshot: boolean;
  /** The node layer's top-left pixel, RGBA. */
  readonly corner: readonly number[];
  /** Elements cytoscape drew in the frames of the two notches (none when the picture on screen became the snapshot). */
  readonly elementsDrawn: number;
  /** Whether the wheel gesture was still under way in that frame (cytoscape ends it 150 ms after the last notch). */
  readonly gesture: boolean;
}

async function openEveryObject(open: (theme: typeof DARK) => Promise<WebviewPage>, graph: TopologyGraph): Promise<WebviewPage> {
  const page = await open(DARK);
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.page.selectOption('[data-testid=level]', 'workload');
  await page.send(createMessage(GraphInit, { title: 'render', mode: 'manifests', graph, findings: [] }) as never);
  await page.settled();
  return page;
}

/**
 * The frame after two wheel notches out, taken again (at most five times) while the frame came after the gesture had
 * ended: on a loaded machine the next animation frame can come more than 150 ms after a notch, and such a frame is
 * rightly drawn in full.
 */
async function gestureFrame(page: WebviewPage): Promise<Frame> {
  let frame = await wheelOutFrame(page);
  for (let tries = 1; !frame.gesture && tries < 5; tries++) {
    await new Promise((done) => setTimeout(done, 300));
    frame = await wheelOutFrame(page);
  }
  return frame;
}

/**
 * At zoom 0.3 about the middle (namespace titles drawn over their boxes, sized per zoom), two wheel notches out (real
 * wheel events: cytoscape takes its shortcut only for user input), and what the frame after the second one drew. Read
 * inside that frame: the gesture lasts 150 ms after the last notch, which a loaded machine could miss between two
 * Playwright calls.
 */
function wheelOutFrame(page: WebviewPage): Promise<Frame> {
  return page.page.evaluate(
    () =>
      new Promise<Frame>((resolve) => {
        const w = globalThis as unknown as PageGlobals & {
          document: { querySelector(s: string): CanvasLike | null };
          WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
        };
        interface CanvasLike {
          getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
          dispatchEvent(e: unknown): void;
          getBoundingClientRect(): { left: number; top: number; width: number; height: number };
        }
        const cy = w.__kubilitics.cy;
        interface Drawing {
          textureCache: unknown;
          readonly data: { readonly wheelZooming?: boolean };
          drawCachedElement(...args: unknown[]): unknown;
          drawElement(...args: unknown[]): unknown;
          render(...args: unknown[]): unknown;
        }
        const renderer = (cy as unknown as { renderer(): Drawing }).renderer();
        let elementsDrawn = 0;
        let counting = false;
        let rendering = false;
        // Drawn by the frame itself: cytoscape also fills its texture caches a few elements a frame, outside `render`.
        const render = renderer.render;
        const drawn = { drawCachedElement: renderer.drawCachedElement, drawElement: renderer.drawElement };
        const unwrap = (): void => {
          renderer.render = render;
          Object.assign(renderer, drawn);
        };
        renderer.render = function (this: Drawing, ...args: unknown[]): unknown {
          rendering = true;
          try {
            return render.apply(this, args);
          } finally {
            rendering = false;
          }
        };
        for (const name of ['drawCachedElement', 'drawElement'] as const) {
          const draw = drawn[name];
          renderer[name] = function (this: Drawing, ...args: unknown[]): unknown {
            if (counting && rendering) elementsDrawn++;
            return draw.apply(this, args);
          };
        }
        const layer = w.document.querySelector('canvas[data-id="layer2-node"]');
        const top = w.document.querySelector('canvas[data-id="layer0-selectbox"]');
        if (layer === null || top === null) throw new Error('no cytoscape canvas');
        cy.zoom({ level: 0.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        const box = top.getBoundingClientRect();
        const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
        const notch = (): void => {
          counting = true;
          top.dispatchEvent(new w.WheelEvent('wheel', { ...at, deltaY: 100, deltaMode: 0, bubbles: true, cancelable: true }));
        };
        // The first notch's frame takes the snapshot at the new zoom; the second draws it smaller, uncovering the edges.
        cy.one('render', () => {
          cy.one('render', () => {
            cy.one('render', () => {
              const data = layer.getContext('2d').getImageData(1, 1, 1, 1).data;
              const snapshot = renderer.textureCache !== null && renderer.textureCache !== undefined;
              unwrap();
              resolve({ snapshot, corner: Array.from(data), elementsDrawn, gesture: renderer.data.wheelZooming === true });
            });
            notch();
          });
          notch();
        });
      }),
  );
}

/** Namespace boxes whose title is not the one groupTitle.ts gives for the current zoom. */
async function titlesOffZoom(page: WebviewPage): Promise<string[]> {
  const { zoom, groups } = await page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    return {
      zoom: cy.zoom(),
      groups: cy.nodes('.group').map((g) => ({
        id: g.id(),
        width: g.outerWidth(),
        height: g.outerHeight(),
        size: g.data('labelSize') as number,
        far: g.hasClass('far'),
      })),
    };
  });
  return groups
    .filter((g) => {
      const title = groupTitle(zoom, g.width, g.height);
      return title.size !== g.size || title.far !== g.far;
    })
    .map((g) => g.id);
}

describe.skipIf(!chromiumAvailable())('drawing while panning and zooming in Chromium', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();
  beforeAll(() => mkdirSync('test-results/webview', { recursive: true }));

  it("zooms a large view as a snapshot, with the editor's background around it", async () => {
    const page = await openEveryObject(suite.open, syntheticGraph(1000));
    const counts = await page.counts();
    expect(counts.nodes + counts.edges).toBeGreaterThan(1500);
    const frame = await gestureFrame(page);
    // Both at once, so a failure says which of the two it was.
    expect({ gesture: frame.gesture, snapshot: frame.snapshot }).toEqual({ gesture: true, snapshot: true });
    // The snapshot is a copy of the picture on screen (viewportTexture.ts): no element drawn again for it.
    expect(frame.elementsDrawn).toBe(0);
    // #1f1f1f, the dark theme's editor background (cytoscape's own default there is black).
    expect(frame.corner).toEqual([0x1f, 0x1f, 0x1f, 255]);
    await page.screenshot('render-large-zooming');
    // Namespace titles wait for the gesture to pause, then fit the zoom it ended at (decorations.ts).
    await expect.poll(() => titlesOffZoom(page), { timeout: 10_000 }).toEqual([]);
  });

  it('draws a small view in full on every frame', async () => {
    const page = await openEveryObject(suite.open, syntheticGraph(100));
    const counts = await page.counts();
    expect(counts.nodes + counts.edges).toBeLessThan(1500);
    const frame = await gestureFrame(page);
    // Both at once, so a failure says which of the two it was.
    expect({ gesture: frame.gesture, snapshot: frame.snapshot }).toEqual({ gesture: true, snapshot: false });
    expect(frame.elementsDrawn).toBeGreaterThan(100);
  });
});
