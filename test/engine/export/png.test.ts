/** The PNG export: the SVG rasterised at a chosen scale or width, with the bundled font, pixel-stable. */
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/syntheticCluster.js';
import { MAX_PNG_PIXELS, MAX_PNG_SCALE, renderPng } from '../../../src/engine/export/png.js';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { graphOf } from '../support.js';
import { EXAMPLE, SMALL_YAML, graphOfPaths, pngPixels, pngSize, sceneOf } from './support.js';

describe('PNG export', () => {
  it('has the drawing size times the scale, or the width asked for', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML));
    const svg = renderSvg(scene);
    const w = Math.round(scene.bounds.width);
    const h = Math.round(scene.bounds.height);
    expect(pngSize(renderPng(svg, { scale: 1 }).png)).toEqual({ width: w, height: h });
    expect(pngSize(renderPng(svg, { scale: 2 }).png)).toEqual({ width: 2 * w, height: 2 * h });
    expect(pngSize(renderPng(svg, { scale: 9 }).png).width).toBe(4 * w); // clamped to 4×
    const wide = renderPng(svg, { width: 1000 });
    expect(pngSize(wide.png)).toEqual({ width: 1000, height: Math.round((1000 / scene.bounds.width) * scene.bounds.height) });
  });

  it('is pixel-identical across renders and draws text with the bundled font', async () => {
    const svg = renderSvg(await sceneOf(graphOf(SMALL_YAML)));
    const a = renderPng(svg, { scale: 2 });
    const b = renderPng(svg, { scale: 2 });
    expect(pngPixels(a.png).equals(pngPixels(b.png))).toBe(true);
    // Without any font the labels would vanish; with Inter loaded the text adds ink.
    const blank = renderPng(svg.replace(/<text[\s\S]*?<\/text>/g, ''), { scale: 2 });
    expect(pngPixels(a.png).equals(pngPixels(blank.png))).toBe(false);
  });

  it('scales a huge picture down to the pixel budget and says so', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000" viewBox="0 0 20000 20000">' +
      '<rect width="20000" height="20000" fill="#fff"/></svg>';
    const result = renderPng(svg, { scale: 2 });
    expect(result.reducedFrom).toEqual({ width: 40000, height: 40000 });
    expect(result.width * result.height).toBeLessThanOrEqual(MAX_PNG_PIXELS);
  });

  it('keeps a large synthetic cluster within the pixel budget, at the drawing aspect, and says it was scaled down', async () => {
    const graph = TopologyEngine.build(syntheticCluster(1500).map((object) => ({ object }))).graph();
    const scene = await sceneOf(graph);
    const result = renderPng(renderSvg(scene), { scale: 2 });
    expect(result.reducedFrom).toEqual({ width: Math.round(2 * scene.bounds.width), height: Math.round(2 * scene.bounds.height) });
    expect(result.width * result.height).toBeLessThanOrEqual(MAX_PNG_PIXELS);
    expect(result.width * result.height).toBeGreaterThan(0.99 * MAX_PNG_PIXELS);
    expect(Math.abs(result.width / result.height - scene.bounds.width / scene.bounds.height)).toBeLessThan(0.01);
    expect(pngSize(result.png)).toEqual({ width: result.width, height: result.height });
  }, 120_000);

  it('draws the shop example at the scale asked for, up to 4×: the budget never touches a small diagram', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    const svg = renderSvg(scene);
    for (const scale of [1, MAX_PNG_SCALE]) {
      const result = renderPng(svg, { scale });
      expect(result.reducedFrom).toBeUndefined();
      expect(pngSize(result.png)).toEqual({
        width: Math.round(scale * scene.bounds.width),
        height: Math.round(scale * scene.bounds.height),
      });
    }
  });

  it('draws every node label of the shop example: each box has dark text pixels it lacks with the text taken out', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    const svg = renderSvg(scene);
    const inkPerNode = (png: Buffer): number[] => {
      const { width } = pngSize(png);
      const rows = pngPixels(png);
      const stride = width * 3 + 1;
      const dark = (x: number, y: number): boolean => {
        const at = y * stride + 1 + x * 3;
        return rows[at]! + rows[at + 1]! + rows[at + 2]! < 3 * 110;
      };
      return scene.nodes.map((n) => {
        // The middle of the box, clear of its outline (octagons and hexagons cut their corners), at scale 2.
        const left = Math.ceil((n.x - 0.3 * n.width - scene.bounds.x) * 2);
        const right = Math.floor((n.x + 0.3 * n.width - scene.bounds.x) * 2);
        const top = Math.ceil((n.y - n.height / 2 + n.borderWidth + 3 - scene.bounds.y) * 2);
        const bottom = Math.floor((n.y + n.height / 2 - n.borderWidth - 3 - scene.bounds.y) * 2);
        let ink = 0;
        for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (dark(x, y)) ink++;
        return ink;
      });
    };
    const withText = inkPerNode(renderPng(svg, { scale: 2 }).png);
    const withoutText = inkPerNode(renderPng(svg.replace(/<text>[\s\S]*?<\/text>/g, ''), { scale: 2 }).png);
    // A label line of a few letters at 10 px × 2 adds well over 40 dark pixels to its box.
    const faint = scene.nodes.filter((n, i) => withText[i]! - withoutText[i]! < 40 * n.lines.length).map((n) => n.id);
    expect(faint).toEqual([]);
  });

  it('writes an opaque drawing as RGB and keeps transparency where the drawing has it', () => {
    const square = (fill: string): string =>
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30">' +
      `<rect width="40" height="30" fill="${fill}"/></svg>`;
    const colourType = (png: Buffer): number => png[25]!;
    const opaque = renderPng(square('#336699')).png;
    expect(colourType(opaque)).toBe(2);
    // Unfiltered RGB rows: a filter byte, then the colour of every pixel.
    expect([...pngPixels(opaque).subarray(0, 4)]).toEqual([0, 0x33, 0x66, 0x99]);
    expect(colourType(renderPng(square('none')).png)).toBe(6);
  });
});
