/** The PNG export: the SVG rasterised at a chosen scale or width, with the bundled font, pixel-stable. */
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../../src/engine/export/png.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { graphOf } from '../support.js';
import { SMALL_YAML, pngPixels, pngSize, sceneOf } from './support.js';

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
    expect(result.width * result.height).toBeLessThanOrEqual(100_000_000);
  });
});
