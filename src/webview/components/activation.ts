/**
 * What "activating" a node means (double-click, or Enter on the selection): unfold or fold what it
 * stands for, or open the YAML of a real object. Pure, so the rules read in one place.
 */
import { GROUP_PREFIX, NAMESPACE_NODE_PREFIX, POD_AGGREGATE_PREFIX } from '../../engine/viewModel/deriveView';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { toggle } from '../../engine/viewModel/viewOptions';

export type Activation =
  | { readonly kind: 'view'; readonly change: (view: ViewOptions) => ViewOptions; readonly select?: string }
  | { readonly kind: 'openSource' }
  | { readonly kind: 'none' };

export function activation(id: string, hasSource: boolean): Activation {
  if (id.startsWith(POD_AGGREGATE_PREFIX)) {
    const owner = id.slice(POD_AGGREGATE_PREFIX.length);
    return { kind: 'view', change: (v) => ({ ...v, expandedOwners: toggle(v.expandedOwners, owner) }) };
  }
  if (id.startsWith(NAMESPACE_NODE_PREFIX)) {
    const ns = id.slice(NAMESPACE_NODE_PREFIX.length);
    // The selection follows the namespace, which is its box again.
    const change = (v: ViewOptions): ViewOptions => ({ ...v, collapsedNamespaces: v.collapsedNamespaces.filter((n) => n !== ns) });
    return { kind: 'view', change, select: GROUP_PREFIX + ns };
  }
  if (id.startsWith(GROUP_PREFIX)) {
    const ns = id.slice(GROUP_PREFIX.length);
    // Cluster-scoped objects have no namespace to fold into.
    if (ns === '') return { kind: 'none' };
    const change = (v: ViewOptions): ViewOptions => ({ ...v, collapsedNamespaces: toggle(v.collapsedNamespaces, ns) });
    return { kind: 'view', change, select: NAMESPACE_NODE_PREFIX + ns };
  }
  return hasSource ? { kind: 'openSource' } : { kind: 'none' };
}
