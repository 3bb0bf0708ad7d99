/** What the status bar says about folded groups: how many, and how to open them. Pure, for unit tests. */
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import { NAMESPACE_NODE_PREFIX } from '../../engine/viewModel/groupFamilies';

export function foldStatus(view: ViewGraph): string | null {
  let namespaces = 0;
  let infrastructure = 0;
  for (const node of view.nodes) {
    if (node.summary === undefined) continue;
    if (node.id.startsWith(NAMESPACE_NODE_PREFIX)) namespaces++;
    else infrastructure++;
  }
  if (namespaces + infrastructure === 0) return null;
  const parts: string[] = [];
  if (namespaces > 0) parts.push(`${namespaces} namespace${namespaces === 1 ? '' : 's'}`);
  if (infrastructure > 0) parts.push(`${infrastructure} cluster group${infrastructure === 1 ? '' : 's'}`);
  return `${parts.join(' and ')} folded — double-click one to open`;
}
