/** The SVG export: well-formed, self-contained, the view's positions and styles, every theme. */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { buildScene } from '../../../src/engine/export/model.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { viewOptionsFor } from '../../../src/engine/export/filters.js';
import { EXPORT_THEMES } from '../../../src/engine/export/palette.js';
import { headlessPositions } from '../../../src/engine/export/headlessScene.js';
import { graphOf } from '../support.js';
import { EXAMPLE, SMALL_YAML, graphOfPaths, meta, sceneOf, wellFormedXml } from './support.js';

type Element = Record<string, unknown>;

/** Every element with a data-id attribute, by id. */
function byDataId(svg: string): Map<string, Element> {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as Element;
  const found = new Map<string, Element>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const el = value as Element;
      if (typeof el['data-id'] === 'string') found.set(el['data-id'], el);
      Object.values(el).forEach(walk);
    }
  };
  walk(doc);
  return found;
}

describe('SVG export', () => {
  it('is well-formed XML that needs nothing outside itself', async () => {
    const svg = renderSvg(await sceneOf(await graphOfPaths(EXAMPLE)));
    expect(wellFormedXml(svg)).toBe(true);
    expect(svg).not.toMatch(/href=|@import|url\(|<image|<style|<script/);
    expect(svg).toMatch(/font-family="'Segoe UI', [^"]*sans-serif"/);
    expect(svg).toContain('<title id="kubilitics-title">Shop</title>');
  });

  it('draws every view node at its layout position, with its label lines', async () => {
    const graph = graphOf(SMALL_YAML);
    const scene = await sceneOf(graph);
    const elements = byDataId(renderSvg(scene));
    for (const node of scene.nodes) {
      const el = elements.get(node.id);
      expect(el, node.id).toBeDefined();
      const path = (Array.isArray(el?.['path']) ? el['path'][0] : el?.['path']) as Element;
      expect(path['transform']).toBe(
        `translate(${Math.round((node.x - node.width / 2) * 100) / 100},${Math.round((node.y - node.height / 2) * 100) / 100})`,
      );
    }
    const pods = scene.nodes.find((n) => n.aggregate === 'pods');
    expect(pods?.lines).toEqual(['RUNS', 'web', '1 ReplicaSet, 2 pods']);
    // Collapsed pods: the double border is two outlines.
    expect((elements.get(pods?.id ?? '')?.['path'] as unknown[]).length).toBe(3);
    expect(renderSvg(scene)).toContain('fast &quot;ssd&quot; &lt;tier&gt;');
  });

  it('uses the positions it is given (the VS Code path) unchanged', async () => {
    const graph = graphOf(SMALL_YAML);
    const options = viewOptionsFor(graph, {});
    const positions = await headlessPositions(graph, options);
    const moved = Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { x: p.x + 1000.5, y: p.y - 20.25 }]));
    const scene = buildScene({ graph, options, positions: moved, theme: 'document', meta: meta() });
    for (const node of scene.nodes) expect({ x: node.x, y: node.y }).toEqual(moved[node.id]);
    expect(scene.bounds.x).toBeGreaterThan(900);
  });

  it('draws broken references dashed in the error colour with a tee', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML));
    const broken = scene.edges.find((e) => e.broken !== undefined);
    expect(broken?.target).toBe('core/Secret/shop/web-secrets');
    expect(broken?.arrow).toBe('tee');
    expect(broken?.dash).toEqual([6, 4]);
    expect(broken?.paint.color).toBe('#a1260d');
  });

  it('follows the requested theme', async () => {
    const graph = graphOf(SMALL_YAML);
    const backgrounds = new Map<string, string>();
    for (const theme of EXPORT_THEMES) {
      const svg = renderSvg(await sceneOf(graph, {}, theme));
      expect(wellFormedXml(svg)).toBe(true);
      backgrounds.set(theme, /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(svg)?.[1] ?? '');
    }
    expect(Object.fromEntries(backgrounds)).toEqual({ document: '#ffffff', light: '#ffffff', dark: '#1e1e1e', 'high-contrast': '#000000' });
  });

  it('includes only what the filters show', async () => {
    const graph = await graphOfPaths(EXAMPLE);
    const scene = await sceneOf(graph, { namespaces: ['payments'], kinds: ['Deployment', 'Service', 'Secret'] });
    expect(new Set(scene.nodes.map((n) => n.namespace))).toEqual(new Set(['payments']));
    expect(new Set(scene.nodes.map((n) => n.kind))).toEqual(new Set(['Deployment', 'Service', 'Secret']));
    const svg = renderSvg(scene);
    expect(svg).not.toContain('storefront');
    expect(svg).toContain('billing');
  });
});
