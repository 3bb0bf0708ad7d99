/** What the user chose to see. Plain JSON so it can be persisted with vscode.setState as-is. */
import type { EdgeType } from '../model/graph.js';

export interface FocusOptions {
  readonly id: string;
  /** Neighbourhood radius, both directions. */
  readonly hops: number;
}

export interface ViewOptions {
  readonly hiddenNamespaces: readonly string[];
  readonly hiddenKinds: readonly string[];
  readonly hiddenEdgeTypes: readonly EdgeType[];
  readonly groupByNamespace: boolean;
  readonly collapsedNamespaces: readonly string[];
  /** Controllers whose pods are shown one by one instead of as one "(n pods)" node. */
  readonly expandedOwners: readonly string[];
  readonly focus: FocusOptions | null;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = {
  hiddenNamespaces: [],
  hiddenKinds: [],
  hiddenEdgeTypes: [],
  groupByNamespace: true,
  collapsedNamespaces: [],
  expandedOwners: [],
  focus: null,
};

export const MIN_FOCUS_HOPS = 1;
export const MAX_FOCUS_HOPS = 6;

/** Label used for cluster-scoped objects in the namespace filter (their namespace is ''). */
export const CLUSTER_SCOPE_LABEL = '(cluster-scoped)';

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
