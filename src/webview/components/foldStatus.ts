/** What the status bar says about folded groups: how many, and how to open them. Pure, for unit tests. */
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import { isAppGroup } from '../../engine/viewModel/applications';
import { NAMESPACE_NODE_PREFIX } from '../../engine/viewModel/groupFamilies';

export function foldStatus(view: ViewGraph): string | null {
  let apps = 0;
  let namespaces = 0;
  let infrastructure = 0;
  // A summary inside a namespace box sits beside applications: at least one object in the view belongs to one.
  let appsFound = false;
  for (const node of view.nodes) {
    if (node.summary === undefined) continue;
    if (node.parent !== undefined) appsFound = true;
    if (isAppGroup(node.id)) apps++;
    else if (node.id.startsWith(NAMESPACE_NODE_PREFIX)) namespaces++;
    else infrastructure++;
  }
  if (apps + namespaces + infrastructure === 0) return null;
  const parts: string[] = [];
  if (apps > 0) parts.push(plural(apps, 'application'));
  if (namespaces > 0) {
    const rest = view.level === 'application' && appsFound;
    parts.push(rest ? `the rest of ${plural(namespaces, 'namespace')}` : plural(namespaces, 'namespace'));
  }
  if (infrastructure > 0) parts.push(plural(infrastructure, 'cluster group'));
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  const folded = `${listed} folded — double-click one to open`;
  if (view.level !== 'application' || apps > 0 || appsFound) return folded;
  return `No app.kubernetes.io/part-of or instance labels here, so namespaces stand in: ${folded}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
