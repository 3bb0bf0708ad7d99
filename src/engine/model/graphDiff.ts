/**
 * A comparison drawn on the graph: ids of what was added, removed (still drawn, marked) and changed, in words too.
 * Two snapshots compared, or a manifests view against the cluster (where nothing is removed by an apply).
 */
export interface GraphDiff {
  readonly from: string;
  readonly to: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly changes: readonly string[];
}
