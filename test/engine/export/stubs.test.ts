/** Cross-cutting relations drawn short (stubs.ts): where they go, what they say, and that they touch nothing. */
import { describe, expect, it } from 'vitest';
import { headlessScene } from '../../../src/engine/export/headlessScene.js';
import { measureScene } from '../../../src/engine/export/layoutQuality.js';
import type { Rect, Scene } from '../../../src/engine/export/scene.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { escapeXml } from '../../../src/engine/export/text.js';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions.js';
import { syntheticGraph } from '../../webview/syntheticGraph.js';
import { EXAMPLE, graphOfPaths, sceneOf } from './support.js';

const META = { title: 'stubs', source: 'test', filters: [], version: 'test', generatedAt: '2025-01-01T00:00:00Z' };

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Stubs whose line or label reaches into a node box other than their own node's. */
function stubsOnNodes(scene: Scene): string[] {
  return scene.stubs.flatMap((s) => {
    const line = {
      x: Math.min(s.from.x, s.to.x),
      y: Math.min(s.from.y, s.to.y),
      width: Math.abs(s.to.x - s.from.x),
      height: Math.abs(s.to.y - s.from.y),
    };
    const hit = scene.nodes.find((n) => {
      const box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
      return overlaps(s.labelBox, box) || (n.id !== s.node && overlaps(line, box));
    });
    return hit === undefined ? [] : [`${s.node} → ${hit.id}`];
  });
}

describe('cross-cutting relations as stubs', () => {
  it('puts every one of the shop example in a stub at its source, clear of every node box, named by its far end', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    const cross = scene.edges.filter((e) => e.crossCutting === true);
    expect(scene.stubs.flatMap((s) => s.edges).sort()).toEqual(cross.map((e) => e.id).sort());
    expect(stubsOnNodes(scene)).toEqual([]);
    const svg = renderSvg(scene);
    // The Ingress names its IngressClass, which the layout left out of its component.
    const ingress = scene.stubs.find((s) => s.node.includes('Ingress/shop/storefront'));
    expect(ingress?.label).toBe('→ INGCLASS nginx');
    expect(svg).toContain(`>${escapeXml('→ INGCLASS nginx')}</text>`);
    // The stub's tooltip says each relation in words.
    expect(svg).toMatch(/<g data-stub="[^"]*Ingress\/shop\/storefront"><title>[^<]*nginx[^<]*<\/title>/);
  });

  it('draws the counted lines between namespaces at the namespace level as stubs with their counts', async () => {
    const graph = syntheticGraph(1500);
    const options = { ...DEFAULT_VIEW_OPTIONS, level: 'namespace' as const };
    const scene = await headlessScene({ graph, options, theme: 'document', meta: META });
    const counted = scene.edges.filter((e) => e.count !== undefined);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((e) => e.crossCutting === true)).toBe(true);
    const stubbed = new Set(scene.stubs.flatMap((s) => s.edges));
    expect(counted.filter((e) => !stubbed.has(e.id)).map((e) => e.id)).toEqual([]);
    // A namespace whose Pods run on the cluster's Nodes says so, with how many relations the line stands for.
    expect(scene.stubs.some((s) => /^→ CLUSTER Nodes \(\d+\)$/.test(s.label))).toBe(true);
    expect(stubsOnNodes(scene)).toEqual([]);
    const quality = measureScene(scene);
    expect([quality.crossings, quality.edgesThroughNodes, quality.labelOverlaps]).toEqual([0, 0, 0]);
  });
});
