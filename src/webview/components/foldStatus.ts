/** What the status bar says about folded groups: how many, and how to open them. Pure, for unit tests. */
import * as l10n from '@vscode/l10n';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
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
  if (apps > 0) parts.push(apps === 1 ? l10n.t('1 application') : l10n.t('{0} applications', apps));
  if (namespaces > 0) {
    const rest = view.level === 'application' && appsFound;
    const counted = namespaces === 1 ? l10n.t('1 namespace') : l10n.t('{0} namespaces', namespaces);
    parts.push(rest ? l10n.t('the rest of {0}', counted) : counted);
  }
  if (infrastructure > 0) parts.push(infrastructure === 1 ? l10n.t('1 cluster group') : l10n.t('{0} cluster groups', infrastructure));
  const last = parts.at(-1) ?? '';
  const listed = parts.length > 1 ? l10n.t('{0} and {1}', parts.slice(0, -1).join(', '), last) : last;
  const folded = l10n.t('{0} folded — double-click one to open', listed);
  if (view.level !== 'application' || apps > 0 || appsFound) return folded;
  return l10n.t('No app.kubernetes.io/part-of or instance labels here, so namespaces stand in: {0}', folded);
}
