/** Search by name, kind, namespace, label (`key=value` or either part) or an Event's text, case-insensitive. */
import type { TopologyNode } from '../model/graph.js';
import type { ViewGraph } from './viewGraph.js';
import { deriveView } from './deriveView.js';
import { isFold, openFold } from './foldActions.js';
import type { GraphStore } from './graphStore.js';
import type { ViewOptions } from './viewOptions.js';

export function nodeMatches(node: TopologyNode, query: string): boolean {
  const q = query.toLowerCase();
  if (node.name.toLowerCase().includes(q) || node.kind.toLowerCase() === q || node.namespace.toLowerCase() === q) {
    return true;
  }
  // An Event's name says only what it is about; its text (reason, message) is what a reader remembers of it.
  if (node.kind === 'Event' && node.detail?.toLowerCase().includes(q) === true) return true;
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

/** At most this many folds lie between an object and the view (a summary group, then an owner's pods). */
const MAX_FOLD_DEPTH = 4;

export interface RevealPath {
  /** View ids of the folds to open, outermost first; empty when the object is drawn as itself. */
  readonly path: readonly string[];
  /** The options with every fold on the path opened. */
  readonly options: ViewOptions;
}

/**
 * The folds hiding object `id` under `options`, found by deriving the view, opening the fold that shows the
 * object, and deriving again: the same rules that folded it decide what opens it. Filters and focus are the
 * caller's concern (an object they hide has no path).
 */
export function revealPath(store: GraphStore, options: ViewOptions, id: string): RevealPath {
  const path: string[] = [];
  let current = options;
  for (let depth = 0; depth < MAX_FOLD_DEPTH; depth++) {
    const shownAs = deriveView(store, current).representative.get(id);
    if (shownAs === undefined || shownAs === id || !isFold(shownAs)) break;
    path.push(shownAs);
    current = openFold(current, shownAs);
  }
  return { path, options: current };
}

/**
 * The object a search means, wherever it is folded; undefined if none. An exact name beats a name that starts with
 * the query, which beats any other match; among equals an object that runs or configures something beats an Event
 * about it (Events are named after their object: searching a Pod's name found its Event first); then view order.
 */
export function firstHit(store: GraphStore, view: ViewGraph, query: string): string | undefined {
  const q = query.trim();
  if (q === '') return undefined;
  let best: { id: string; rank: number } | undefined;
  for (const node of view.nodes) {
    for (const member of node.members) {
      const object = store.nodes.get(member);
      if (object === undefined || !nodeMatches(object, q)) continue;
      const rank = hitRank(object, q.toLowerCase());
      if (best === undefined || rank < best.rank) best = { id: member, rank };
      if (rank === 0) return member;
    }
  }
  return best?.id;
}

function hitRank(object: TopologyNode, query: string): number {
  const name = object.name.toLowerCase();
  const byName = name === query ? 0 : name.startsWith(query) ? 2 : 4;
  return byName + (object.kind === 'Event' ? 1 : 0);
}
