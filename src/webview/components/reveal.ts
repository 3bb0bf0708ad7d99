/** View options that make one object visible: unhide its namespace and kind, unfold what hides it. */
import type { TopologyNode } from '../../engine/model/graph';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { revealPath } from '../../engine/viewModel/search';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';

export function revealOptions(view: ViewOptions, node: TopologyNode, store: GraphStore): ViewOptions {
  const unhidden: ViewOptions = {
    ...view,
    hiddenNamespaces: view.hiddenNamespaces.filter((ns) => ns !== node.namespace),
    hiddenKinds: view.hiddenKinds.filter((k) => k !== node.kind),
    collapsedNamespaces: view.collapsedNamespaces.filter((ns) => ns !== node.namespace),
    // A focus neighbourhood elsewhere would hide the object; asking for it means leaving that focus.
    focus: view.focus === null || view.focus.id === node.id ? view.focus : null,
  };
  // Then every fold between the object and the view opens (its namespace, application, the owner it runs under), by
  // the same rules that folded it: a Pod of a Deployment folds under the Deployment, not under its ReplicaSet.
  return revealPath(store, unhidden, node.id).options;
}
