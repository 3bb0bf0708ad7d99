import type { TopologyGraph } from '../model/graph.js';

/**
 * Structural problems: an edge to an absent node, a duplicate node or edge. Empty for every graph the engine emits.
 * Stops once `max` are found: an imported file may hold millions of them, and a message shows a few.
 */
export function validateGraph(graph: TopologyGraph, max = Infinity): string[] {
  const problems: string[] = [];
  const nodes = new Set<string>();
  for (const node of graph.nodes) {
    if (problems.length >= max) return problems;
    if (nodes.has(node.id)) problems.push(`duplicate node ${node.id}`);
    nodes.add(node.id);
  }
  const edges = new Set<string>();
  for (const edge of graph.edges) {
    if (problems.length >= max) return problems;
    if (edges.has(edge.id)) problems.push(`duplicate edge ${edge.id}`);
    edges.add(edge.id);
    if (!nodes.has(edge.source)) problems.push(`edge ${edge.id} starts at absent node ${edge.source}`);
    if (!nodes.has(edge.target)) problems.push(`edge ${edge.id} ends at absent node ${edge.target}`);
  }
  return problems;
}

/** The canonical text of a graph: the same objects in any order give the same bytes. */
export function serializeGraph(graph: TopologyGraph): string {
  return JSON.stringify(graph);
}
