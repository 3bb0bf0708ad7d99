import { parseManifestText } from '../../src/engine/intake/manifests.js';
import { TopologyEngine } from '../../src/engine/graph/engine.js';
import type { TopologyEdge, TopologyGraph } from '../../src/engine/model/graph.js';

/** Builds a graph from inline YAML (several documents joined by ---). */
export function graphOf(yaml: string): TopologyGraph & { engine: TopologyEngine } {
  const parsed = parseManifestText(yaml, 'fixture.yaml');
  if (parsed.warnings.some((warning) => warning.severity === 'error')) throw new Error(JSON.stringify(parsed.warnings));
  const engine = TopologyEngine.build(parsed.objects);
  return { ...engine.graph(), engine };
}

/** Finds the edge `source -type-> target` (ids), or undefined. */
export function edge(graph: TopologyGraph, source: string, type: string, target: string): TopologyEdge | undefined {
  return graph.edges.find((candidate) => candidate.source === source && candidate.type === type && candidate.target === target);
}

/** Edges as short readable lines, for compact assertions. */
export function edgeLines(graph: TopologyGraph): string[] {
  return graph.edges.map((e) => `${e.source} -${e.type}-> ${e.target}${e.broken ? ` [${e.broken}]` : ''}`);
}
