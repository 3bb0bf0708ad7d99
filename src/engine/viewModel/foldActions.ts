/**
 * Opening and closing folds as view-option changes: a summary group (namespace, application, infrastructure),
 * a namespace folded by hand, what an owner runs, the Events about one object. Pure, so the webview's double-click,
 * search and reveal all open folds the same way.
 */
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX } from './viewGraph.js';
import { appOfGroup } from './applications.js';
import { isEventFold } from './eventFolds.js';
import { INFRA_NODE_PREFIX, NAMESPACE_NODE_PREFIX, isSummaryGroup } from './groupFamilies.js';
import type { DetailLevel, ViewOptions } from './viewOptions.js';

/** Whether a view node id stands for a fold that opening would show the inside of. */
export function isFold(id: string): boolean {
  return id.startsWith(POD_AGGREGATE_PREFIX) || isSummaryGroup(id) || isEventFold(id);
}

/** Whether `id` is a fold that `options` already show opened (so it is not drawn). */
export function isOpenedFold(options: ViewOptions, id: string): boolean {
  if (id.startsWith(POD_AGGREGATE_PREFIX)) return options.expandedOwners.includes(id.slice(POD_AGGREGATE_PREFIX.length));
  return (isSummaryGroup(id) || isEventFold(id)) && options.openedGroups.includes(id);
}

/** Options with the fold `id` opened; unchanged for an id that is not a fold. */
export function openFold(options: ViewOptions, id: string): ViewOptions {
  if (id.startsWith(POD_AGGREGATE_PREFIX)) {
    const owner = id.slice(POD_AGGREGATE_PREFIX.length);
    return options.expandedOwners.includes(owner) ? options : { ...options, expandedOwners: [...options.expandedOwners, owner] };
  }
  // An Events fold is opened like a summary group: its id listed as opened.
  if (isEventFold(id)) return options.openedGroups.includes(id) ? options : { ...options, openedGroups: [...options.openedGroups, id] };
  if (!isSummaryGroup(id)) return options;
  const ns = id.startsWith(NAMESPACE_NODE_PREFIX) ? id.slice(NAMESPACE_NODE_PREFIX.length) : undefined;
  return {
    ...options,
    openedGroups: options.openedGroups.includes(id) ? options.openedGroups : [...options.openedGroups, id],
    collapsedNamespaces: ns === undefined ? options.collapsedNamespaces : options.collapsedNamespaces.filter((n) => n !== ns),
  };
}

/**
 * Options with the opened namespace box `ns:<namespace>` folded again. At the namespace and application levels
 * that closes the groups opened inside it (the cluster-scoped box closes every infrastructure family and
 * cluster-scoped application); below them, the namespace is folded by hand.
 */
export function foldGroupBox(options: ViewOptions, level: DetailLevel, boxId: string): ViewOptions {
  if (!boxId.startsWith(GROUP_PREFIX)) return options;
  const ns = boxId.slice(GROUP_PREFIX.length);
  if (level === 'namespace' || level === 'application') {
    return { ...options, openedGroups: options.openedGroups.filter((g) => !groupInBox(g, ns)) };
  }
  // Cluster-scoped objects have no namespace to fold into below the namespace level.
  if (ns === '' || options.collapsedNamespaces.includes(ns)) return options;
  return { ...options, collapsedNamespaces: [...options.collapsedNamespaces, ns] };
}

/** Whether summary group `id` draws its objects in the box of namespace `ns` ('' for the cluster-scoped box). */
function groupInBox(id: string, ns: string): boolean {
  const app = appOfGroup(id);
  if (app !== undefined) return app.namespace === ns;
  return ns === '' ? id.startsWith(INFRA_NODE_PREFIX) : id === NAMESPACE_NODE_PREFIX + ns;
}
