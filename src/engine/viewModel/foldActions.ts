/**
 * Opening and closing folds as view-option changes: a summary group, a namespace folded by hand, an owner's
 * pods. Pure, so the webview's double-click, search and reveal all open folds the same way.
 */
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX } from './deriveView.js';
import { INFRA_NODE_PREFIX, NAMESPACE_NODE_PREFIX, isSummaryGroup } from './groupFamilies.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';

/** Whether a view node id stands for a fold that opening would show the inside of. */
export function isFold(id: string): boolean {
  return id.startsWith(POD_AGGREGATE_PREFIX) || isSummaryGroup(id);
}

/** Options with the fold `id` opened; unchanged for an id that is not a fold. */
export function openFold(options: ViewOptions, id: string): ViewOptions {
  if (id.startsWith(POD_AGGREGATE_PREFIX)) {
    const owner = id.slice(POD_AGGREGATE_PREFIX.length);
    return options.expandedOwners.includes(owner) ? options : { ...options, expandedOwners: [...options.expandedOwners, owner] };
  }
  if (!isSummaryGroup(id)) return options;
  const ns = id.startsWith(NAMESPACE_NODE_PREFIX) ? id.slice(NAMESPACE_NODE_PREFIX.length) : undefined;
  return {
    ...options,
    openedGroups: options.openedGroups.includes(id) ? options.openedGroups : [...options.openedGroups, id],
    collapsedNamespaces: ns === undefined ? options.collapsedNamespaces : options.collapsedNamespaces.filter((n) => n !== ns),
  };
}

/**
 * Options with the opened namespace box `ns:<namespace>` folded again. At the namespace level that closes the
 * group (the cluster-scoped box closes every infrastructure family); below it, the namespace is folded by hand.
 */
export function foldGroupBox(options: ViewOptions, level: DetailLevel, boxId: string): ViewOptions {
  if (!boxId.startsWith(GROUP_PREFIX)) return options;
  const ns = boxId.slice(GROUP_PREFIX.length);
  if (level === 'namespace') {
    const closes = (g: string): boolean => (ns === '' ? g.startsWith(INFRA_NODE_PREFIX) : g === NAMESPACE_NODE_PREFIX + ns);
    return { ...options, openedGroups: options.openedGroups.filter((g) => !closes(g)) };
  }
  // Cluster-scoped objects have no namespace to fold into below the namespace level.
  if (ns === '' || options.collapsedNamespaces.includes(ns)) return options;
  return { ...options, collapsedNamespaces: [...options.collapsedNamespaces, ns] };
}
