/** What "Open Topology" can show: the live cluster, the active manifest, or a workspace folder. */
export type TopologyTarget = 'cluster' | 'active-file' | 'folder';

/**
 * The choices in the order shown, the first one preselected: the live cluster first only when a kubeconfig was
 * read; without one, the manifests at hand come first and the cluster last (it cannot work until there is one).
 */
export function orderTopologyChoices<T extends { readonly target: TopologyTarget }>(choices: readonly T[], clusterUsable: boolean): T[] {
  const rank = (choice: T): number => {
    if (choice.target === 'cluster') return clusterUsable ? 0 : 3;
    return choice.target === 'active-file' ? 1 : 2;
  };
  return choices
    .map((choice, index) => ({ choice, index }))
    .sort((a, b) => rank(a.choice) - rank(b.choice) || a.index - b.index)
    .map((entry) => entry.choice);
}
