/**
 * What "activating" a node means (double-click, or Enter on the selection): unfold or fold what it
 * stands for, or open the YAML of a real object. Pure, so the rules read in one place.
 */
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX } from '../../engine/viewModel/viewGraph';
import { EVENT_FOLD_PREFIX } from '../../engine/viewModel/eventFolds';
import { foldGroupBox, isFold, openFold } from '../../engine/viewModel/foldActions';
import { appOfGroup } from '../../engine/viewModel/applications';
import { NAMESPACE_NODE_PREFIX, namespaceOfGroup } from '../../engine/viewModel/groupFamilies';
import type { DetailLevel, ViewOptions } from '../../engine/viewModel/viewOptions';

export type Activation =
  | { readonly kind: 'view'; readonly change: (view: ViewOptions) => ViewOptions; readonly select?: string }
  | { readonly kind: 'openSource' }
  | { readonly kind: 'none' };

/** `level`: the level drawn now, which decides whether folding a namespace box closes an opened group. */
export function activation(id: string, hasSource: boolean, level: DetailLevel): Activation {
  if (isFold(id)) {
    // The selection follows what the fold opens into: an opened namespace is its box again, an application's
    // namespace box holds it, Pods folded under their owner go back to the owner, Events to their object.
    const ns = namespaceOfGroup(id) ?? appOfGroup(id)?.namespace;
    const change = (v: ViewOptions): ViewOptions => openFold(v, id);
    const select = ns !== undefined ? GROUP_PREFIX + ns : foldOwner(id);
    return select === undefined ? { kind: 'view', change } : { kind: 'view', change, select };
  }
  if (id.startsWith(GROUP_PREFIX)) {
    const ns = id.slice(GROUP_PREFIX.length);
    // Below the summary levels cluster-scoped objects have no namespace to fold into.
    if (ns === '' && level !== 'namespace' && level !== 'application') return { kind: 'none' };
    const change = (v: ViewOptions): ViewOptions => foldGroupBox(v, level, id);
    return ns === '' ? { kind: 'view', change } : { kind: 'view', change, select: NAMESPACE_NODE_PREFIX + ns };
  }
  return hasSource ? { kind: 'openSource' } : { kind: 'none' };
}

/** The object a fold of Pods or of Events hangs on. */
export function foldOwner(id: string): string | undefined {
  if (id.startsWith(POD_AGGREGATE_PREFIX)) return id.slice(POD_AGGREGATE_PREFIX.length);
  if (id.startsWith(EVENT_FOLD_PREFIX)) return id.slice(EVENT_FOLD_PREFIX.length);
  return undefined;
}
