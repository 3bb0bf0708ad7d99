/** What the user chose to see. Plain JSON so it can be persisted with vscode.setState as-is. */
import type { EdgeType } from '../model/graph.js';

export interface FocusOptions {
  readonly id: string;
  /** Neighbourhood radius, both directions. */
  readonly hops: number;
}

/**
 * How much is drawn (issue 15, semantic zoom): one summary per namespace, one per application (objects named by
 * `app.kubernetes.io/part-of` / `instance`, see applications.ts) with the rest of each namespace folded beside
 * them, workloads with what they run folded under them, or every object. `auto` picks the namespace level for
 * large graphs and the workload level otherwise.
 */
export type DetailLevel = 'namespace' | 'application' | 'workload' | 'object';
export type LevelChoice = DetailLevel | 'auto';
/** Coarsest first, as the level select lists them. */
export const LEVEL_CHOICES: readonly LevelChoice[] = ['auto', 'namespace', 'application', 'workload', 'object'];

/** Above this many objects `auto` starts at the namespace level: beyond it the object view is a hairball. */
export const AUTO_NAMESPACE_THRESHOLD = 300;

export interface ViewOptions {
  readonly hiddenNamespaces: readonly string[];
  readonly hiddenKinds: readonly string[];
  readonly hiddenEdgeTypes: readonly EdgeType[];
  readonly groupByNamespace: boolean;
  readonly collapsedNamespaces: readonly string[];
  /** Controllers whose pods are shown one by one instead of as one "(n pods)" node. */
  readonly expandedOwners: readonly string[];
  readonly focus: FocusOptions | null;
  readonly level: LevelChoice;
  /**
   * Summary groups (`nsc:<namespace>`, `infra:<family>`, `app:<namespace>/<application>`) shown opened while the
   * namespace or application level folds the rest.
   */
  readonly openedGroups: readonly string[];
  /** Only objects with recent Warning Events, and their neighbours (eventFolds.ts `warningNeighbourhood`). */
  readonly warningsOnly?: boolean;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = {
  hiddenNamespaces: [],
  hiddenKinds: [],
  hiddenEdgeTypes: [],
  groupByNamespace: true,
  collapsedNamespaces: [],
  expandedOwners: [],
  focus: null,
  level: 'auto',
  openedGroups: [],
};

/** The level actually drawn for a view of `objects` objects. */
export function resolveLevel(level: LevelChoice, objects: number): DetailLevel {
  if (level !== 'auto') return level;
  return objects > AUTO_NAMESPACE_THRESHOLD ? 'namespace' : 'workload';
}

export function isLevelChoice(value: unknown): value is LevelChoice {
  return typeof value === 'string' && (LEVEL_CHOICES as readonly string[]).includes(value);
}

export const MIN_FOCUS_HOPS = 1;
export const MAX_FOCUS_HOPS = 6;

/** Label used for cluster-scoped objects in the namespace filter (their namespace is ''). */
export const CLUSTER_SCOPE_LABEL = '(cluster-scoped)';

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
