/** Exports draw the layout's routes, and leave cross-cutting relations to the formats that list every relation. */
import { describe, expect, it } from 'vitest';
import { renderDot } from '../../../src/engine/export/dot.js';
import { notDrawnLine, stubLine } from '../../../src/engine/export/legend.js';
import { renderMermaid } from '../../../src/engine/export/mermaid.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { escapeXml, fmt } from '../../../src/engine/export/text.js';
import { EXAMPLE, graphOfPaths, sceneOf } from './support.js';

describe('exports follow the layout routes', () => {
  it('draws each routed edge along its route, from the source box to the target box', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    const routed = scene.edges.filter((e) => e.points !== undefined);
    expect(routed.length).toBeGreaterThan(20);
    const byId = new Map(scene.nodes.map((n) => [n.id, n]));
    const svg = renderSvg(scene);
    for (const e of routed) {
      const points = e.points!;
      // Orthogonal: every segment horizontal or vertical, except the arrow's last stub into a rounded outline.
      for (let i = 1; i < points.length - 1; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        expect(Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5, `${e.id} segment ${i}`).toBe(true);
      }
      const source = byId.get(e.source)!;
      expect(Math.abs(points[0]!.x - source.x)).toBeLessThanOrEqual(source.width / 2 + 0.5);
      // The SVG path is exactly the route.
      const d = `M${points.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' L')}`;
      expect(svg).toContain(`d="${d}"`);
    }
  });

  it('draws cross-cutting relations as stubs at their source, says how many, and keeps them in DOT and Mermaid', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    const cross = scene.edges.filter((e) => e.crossCutting === true);
    expect(cross.length).toBeGreaterThan(0);
    const svg = renderSvg(scene);
    for (const e of cross) expect(svg).not.toContain(`data-id="${e.id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    // Each cross-cutting relation is in exactly one stub, at its source, or counted as not drawn.
    const stubbed = scene.stubs.flatMap((s) => s.edges);
    expect(new Set(stubbed).size).toBe(stubbed.length);
    const byId = new Map(cross.map((e) => [e.id, e]));
    for (const s of scene.stubs) for (const id of s.edges) expect(byId.get(id)?.source).toBe(s.node);
    const unplaced = cross.length - stubbed.length;
    expect(svg).toContain(escapeXml(stubLine(stubbed.length)));
    if (unplaced > 0) expect(svg).toContain(notDrawnLine(unplaced));
    else expect(svg).not.toContain('not drawn');
    for (const s of scene.stubs) expect(svg).toContain(`>${escapeXml(s.label)}</text>`);
    const dot = renderDot(scene);
    const mermaid = renderMermaid(scene);
    expect(dot.split('\n').filter((l) => l.includes(' -> ')).length).toBe(scene.edges.length);
    expect(mermaid.length).toBeGreaterThan(0);
    expect(scene.edges.length).toBe(cross.length + scene.edges.filter((e) => e.crossCutting !== true).length);
  });
});
