/**
 * The least build is a floor under the engine's full build only if it builds the same graph: the same node ids and
 * the same edges, for the synthetic cluster the benchmark times both on.
 */
import { describe, expect, it } from 'vitest';
import { leastBuild } from '../../bench/leastBuild.js';
import { syntheticCluster } from '../../bench/syntheticCluster.js';
import { TopologyEngine } from '../../src/engine/graph/engine.js';

describe('least build', () => {
  it('draws the nodes and edges the engine draws for the synthetic cluster', () => {
    const inputs = syntheticCluster(2000).map((object) => ({ object }));
    const graph = TopologyEngine.build(inputs).graph();
    const least = leastBuild(inputs);
    expect(least.nodes.map((node) => node.id).sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    expect(least.edgeKeys().sort()).toEqual(graph.edges.map((edge) => `${edge.source}|${edge.type}|${edge.target}`).sort());
    expect(least.edgeCount).toBeGreaterThan(6000);
  });
});
