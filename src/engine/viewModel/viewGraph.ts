/**
 * What a view is made of (deriveView.ts): its nodes, the namespace boxes they sit in and the edges between them, and
 * the id prefixes of the nodes that stand for folds. Types and names shared by the engine's view model, the exports
 * and the webview.
 */
import type { NodeStatus } from '../model/graph.js';
import type { GroupSummary } from './detailLevels.js';
import type { ViewEdge } from './viewEdges.js';
import type { DetailLevel } from './viewOptions.js';

export type AggregateKind = 'pods' | 'namespace' | 'events';

export interface ViewNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly status: NodeStatus;
  /** The kind tag drawn above the name, e.g. DEPLOY. */
  readonly tag: string;
  /** Exactly what the canvas draws: tag and name lines joined by newlines. */
  readonly label: string;
  readonly missing: boolean;
  /** A missing placeholder expected to be absent (made outside the files): drawn as such, not as broken. */
  readonly expected?: true;
  readonly aggregate?: AggregateKind;
  /** Real node ids this view node stands for (itself for an ordinary node). */
  readonly members: readonly string[];
  /** On a folded group (namespace or cluster infrastructure): what it holds. */
  readonly summary?: GroupSummary;
  /** Compound namespace group, when grouping by namespace. */
  readonly parent?: string;
  readonly width: number;
  readonly height: number;
  /** Recent Warning Events about the objects it stands for (absent when none): the badge on the canvas. */
  readonly warnings?: number;
}

export interface ViewGroup {
  readonly id: string;
  readonly namespace: string;
}

export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly groups: readonly ViewGroup[];
  /** Real node id → id of the view node that shows it. */
  readonly representative: ReadonlyMap<string, string>;
  /** The level drawn (`auto` resolved). */
  readonly level: DetailLevel;
}

/** What a workload runs, folded under it: `pods:` + the owner's id. */
export const POD_AGGREGATE_PREFIX = 'pods:';
/** A namespace's box when grouping by namespace: `ns:` + the namespace ('' for cluster-scoped objects). */
export const GROUP_PREFIX = 'ns:';

/** Code-unit order: locale-independent, so every machine derives the same view. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
