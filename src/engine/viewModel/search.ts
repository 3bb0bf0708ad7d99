/** Search by name, kind, namespace or label (`key=value` or either part), case-insensitive. */
import type { TopologyNode } from '../model/graph.js';
import type { ViewGraph } from './deriveView.js';
import type { GraphStore } from './graphStore.js';

export function nodeMatches(node: TopologyNode, query: string): boolean {
  const q = query.toLowerCase();
  if (node.name.toLowerCase().includes(q) || node.kind.toLowerCase() === q || node.namespace.toLowerCase() === q) {
    return true;
  }
  return Object.entries(node.labels).some(([key, value]) => `${key}=${value}`.toLowerCase().includes(q));
}

/** View node ids that show at least one matching object; null when there is no query. */
export function searchView(store: GraphStore, view: ViewGraph, query: string): Set<string> | null {
  const q = query.trim();
  if (q === '') return null;
  const result = new Set<string>();
  for (const node of view.nodes) {
    if (node.name.toLowerCase().includes(q.toLowerCase())) {
      result.add(node.id);
      continue;
    }
    for (const member of node.members) {
      const object = store.nodes.get(member);
      if (object !== undefined && nodeMatches(object, q)) {
        result.add(node.id);
        break;
      }
    }
  }
  return result;
}
