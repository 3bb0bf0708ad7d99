/**
 * Two exports of the same input are the same bytes, in every format: layout, scene and renderers are
 * all deterministic, and the PDF takes its time from the scene (fixed here) instead of the clock.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, renderFormat } from '../../../src/engine/export/formats.js';
import { EXAMPLE, graphOfPaths, pngPixels, sceneOf } from './support.js';

describe('export determinism', () => {
  it('renders byte-identical files for every format from two independent runs', async () => {
    // Two graphs, two layouts, two scenes: nothing is shared between the runs.
    const [first, second] = await Promise.all([sceneOf(await graphOfPaths(EXAMPLE)), sceneOf(await graphOfPaths(EXAMPLE))]);
    expect(second.nodes.map((n) => [n.id, n.x, n.y])).toEqual(first.nodes.map((n) => [n.id, n.x, n.y]));
    for (const format of EXPORT_FORMATS) {
      const a = await renderFormat(first, format);
      const b = await renderFormat(second, format);
      expect(a.bytes.length, format).toBeGreaterThan(100);
      expect(a.bytes.equals(b.bytes), `${format} differs between runs`).toBe(true);
      if (format === 'png') expect(pngPixels(a.bytes).equals(pngPixels(b.bytes))).toBe(true);
    }
  });

  it('gives the same scene whatever order the manifests arrive in', async () => {
    const graph = await graphOfPaths(EXAMPLE);
    const shuffled = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    const [a, b] = await Promise.all([sceneOf(graph), sceneOf(shuffled)]);
    expect((await renderFormat(b, 'svg')).bytes.toString()).toBe((await renderFormat(a, 'svg')).bytes.toString());
    expect((await renderFormat(b, 'json')).bytes.toString()).toBe((await renderFormat(a, 'json')).bytes.toString());
  });
});
