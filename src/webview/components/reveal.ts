/** View options that make one object visible: unhide its namespace and kind, unfold what hides it. */
import type { TopologyNode } from '../../engine/model/graph';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { summaryGroupOf } from '../../engine/viewModel/groupFamilies';

export function revealOptions(view: ViewOptions, node: TopologyNode): ViewOptions {
  const controller = node.kind === 'Pod' ? node.controller : undefined;
  // At the namespace level the object's summary group opens (a no-op at the other levels).
  const group = summaryGroupOf(node);
  return {
    ...view,
    openedGroups: view.openedGroups.includes(group) ? view.openedGroups : [...view.openedGroups, group],
    hiddenNamespaces: view.hiddenNamespaces.filter((ns) => ns !== node.namespace),
    hiddenKinds: view.hiddenKinds.filter((k) => k !== node.kind),
    collapsedNamespaces: view.collapsedNamespaces.filter((ns) => ns !== node.namespace),
    expandedOwners:
      controller === undefined || view.expandedOwners.includes(controller) ? view.expandedOwners : [...view.expandedOwners, controller],
    // A focus neighbourhood elsewhere would hide the object; asking for it means leaving that focus.
    focus: view.focus === null || view.focus.id === node.id ? view.focus : null,
  };
}
