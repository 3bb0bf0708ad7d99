import { describe, expect, it } from 'vitest';
import { headlessScene } from '../../../src/engine/export/headlessScene';
import { measureScene } from '../../../src/engine/export/layoutQuality';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions';
import { syntheticGraph } from '../../webview/syntheticGraph';

const META = { title: 'levels', source: 'test', filters: [], version: 'test', generatedAt: '2025-01-01T00:00:00Z' };

describe('the namespace level as exported', () => {
  it('draws a 5,000-object cluster as summaries whose labels never overlap, every object counted once', async () => {
    const graph = syntheticGraph(5000);
    const options = { ...DEFAULT_VIEW_OPTIONS, level: 'namespace' as const };
    const scene = await headlessScene({ graph, options, theme: 'document', meta: META });
    const quality = measureScene(scene);
    console.log(
      `namespace level of ${graph.nodes.length} objects: ${scene.nodes.length} nodes, ${scene.edges.length} edges, ` +
        `${quality.crossings} crossings, ${quality.edgesThroughNodes} through unrelated nodes, ${quality.labelOverlaps} label overlaps`,
    );
    expect(quality.labelOverlaps).toBe(0);
    expect(scene.nodes.every((n) => n.aggregate === 'namespace')).toBe(true);
    expect(scene.nodes.reduce((sum, n) => sum + n.members.length, 0)).toBe(graph.nodes.length);
  });
});
