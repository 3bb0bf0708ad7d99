import * as l10n from '@vscode/l10n';
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
    if (nodes.has(node.id)) problems.push(l10n.t('duplicate node {0}', node.id));
    nodes.add(node.id);
  }
  const edges = new Set<string>();
  for (const edge of graph.edges) {
    if (problems.length >= max) return problems;
    if (edges.has(edge.id)) problems.push(l10n.t('duplicate edge {0}', edge.id));
    edges.add(edge.id);
    if (!nodes.has(edge.source)) problems.push(l10n.t('edge {0} starts at absent node {1}', edge.id, edge.source));
    if (!nodes.has(edge.target)) problems.push(l10n.t('edge {0} ends at absent node {1}', edge.id, edge.target));
  }
  return problems;
}

/** The canonical text of a graph: the same objects in any order give the same bytes. */
export function serializeGraph(graph: TopologyGraph): string {
  return JSON.stringify(graph);
}
