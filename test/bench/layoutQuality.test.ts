/** The layout-quality benchmark's rows: what it prints when dot is skipped, and that it measures the case it names. */
import { describe, expect, it } from 'vitest';
import { formatRow, measureCase } from '../../bench/layoutQuality.js';
import { EXAMPLE, graphOfPaths } from '../engine/export/support.js';

describe('layout quality bench', () => {
  it('measures our layout and prints why dot was skipped', async () => {
    const graph = await graphOfPaths(EXAMPLE);
    const row = await measureCase('shop', graph, 1000, 0);
    expect(row.dot).toEqual({ skipped: 'dot skipped: over 0 nodes' });
    expect(row.objects).toBe(graph.nodes.length);
    expect(row.ours.flowEdges).toBeGreaterThan(0);
    expect(row.oursFirstMs).toBeGreaterThan(0);
    expect(row.oursMs).toBeGreaterThan(0);
    const line = formatRow(row);
    const { crossings, edgesThroughNodes } = row.ours;
    expect(line).toMatch(
      new RegExp(`^shop\\s+${row.objects}\\s+${row.nodes}\\s+${row.edges}\\s+${crossings} / –\\s+${edgesThroughNodes} / –`),
    );
    expect(line).toContain('(dot skipped: over 0 nodes)');
  });
});
