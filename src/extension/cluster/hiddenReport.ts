import * as l10n from '@vscode/l10n';
import { BUILTIN_KINDS } from '../../engine/model/kinds.js';
import type { InformerState } from './informer.js';
import type { ResourceType } from './resources.js';

/**
 * What RBAC hides from this identity, in words a person reads top down: the kinds they look for first (Pods,
 * Deployments, Services) before the rest of Kubernetes, and custom resources last; namespaces named while few.
 */

/** One watched kind and the state of each of its informers: the whole cluster (`*`) or one namespace. */
interface KindAccess {
  readonly type: ResourceType;
  readonly scopes: ReadonlyMap<string, InformerState>;
}

export interface NamespaceSources {
  /** The kubeconfig's namespace and `kubilitics.watchNamespaces`: all there is when Namespaces cannot be listed. */
  readonly configured: readonly string[];
  readonly namespaceListForbidden: boolean;
  readonly contextNamespace?: string;
}

const ALL = '*';
/** Namespaces named in a line; beyond that, counted. */
const NAMED_NAMESPACES = 4;
const FIRST = [
  'Pod',
  'Deployment',
  'Service',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ReplicaSet',
  'ServiceAccount',
  'HorizontalPodAutoscaler',
  'NetworkPolicy',
  'Endpoints',
  'EndpointSlice',
  'Event',
];

/** How much a person cares about a kind: the FIRST list in order, then other built-ins, then custom resources. */
function importance(type: ResourceType): number {
  const first = FIRST.indexOf(type.kind);
  if (first >= 0) return first;
  const builtin = BUILTIN_KINDS.get(type.kind);
  return builtin && builtin.group === (type.group || 'core') ? FIRST.length : FIRST.length + 1;
}

export function describeHidden(kinds: readonly KindAccess[], namespaces: NamespaceSources): string[] {
  const ordered = [...kinds].sort((a, b) => importance(a.type) - importance(b.type) || a.type.kind.localeCompare(b.type.kind));
  const lines: string[] = [];
  for (const status of ordered) {
    const line = describeKind(status, namespaces);
    if (line) lines.push(`${status.type.resource}: ${line}`);
  }
  return lines;
}

function describeKind(status: KindAccess, namespaces: NamespaceSources): string | undefined {
  const scopes = [...status.scopes];
  const clusterWide = status.scopes.get(ALL);
  const inNamespaces = scopes.filter(([scope]) => scope !== ALL);
  const readable = inNamespaces
    .filter(([, state]) => state.phase === 'live')
    .map(([scope]) => scope)
    .sort();
  const refused = inNamespaces
    .filter(([, state]) => state.phase === 'forbidden')
    .map(([scope]) => scope)
    .sort();
  const isNamespace = status.type.kind === 'Namespace' && status.type.group === '';
  if (isNamespace && clusterWide?.phase === 'forbidden') return namespaceListLine(namespaces);
  if (clusterWide?.phase === 'live' && clusterWide.watchRefused) return l10n.t('may be listed but not watched: re-listed periodically');
  if (clusterWide?.phase !== 'forbidden' && refused.length === 0) return undefined;
  if (clusterWide?.phase !== 'forbidden') return l10n.t('not readable in {0}', names(refused));
  if (!status.type.namespaced) return l10n.t('forbidden');
  if (inNamespaces.length === 0) return l10n.t('cluster-wide list forbidden; trying namespaces');
  if (readable.length === 0) return l10n.t('forbidden cluster-wide and in {0}', names(refused));
  const refusedText = refused.length > NAMED_NAMESPACES ? l10n.t('{0} other namespaces', refused.length) : names(refused);
  const shown = l10n.t('cluster-wide list forbidden, shown for {0}', names(readable));
  return refused.length ? `${shown}; ${l10n.t('not readable in {0}', refusedText)}` : shown;
}

function namespaceListLine(namespaces: NamespaceSources): string {
  const configured = namespaces.configured.length ? names([...new Set(namespaces.configured)].sort()) : 'default';
  const context = namespaces.contextNamespace ? ` ${l10n.t("(the kubeconfig's namespace is {0})", namespaces.contextNamespace)}` : '';
  const readOnlyIn = l10n.t('the Namespace list is forbidden: namespaced kinds refused cluster-wide are read only in {0}', configured);
  return `${readOnlyIn}${context}; ${l10n.t('add more to the setting kubilitics.watchNamespaces')}`;
}

function names(list: readonly string[]): string {
  if (list.length <= NAMED_NAMESPACES) return list.join(', ');
  return l10n.t('{0} and {1} more', list.slice(0, NAMED_NAMESPACES).join(', '), list.length - NAMED_NAMESPACES);
}

/** Lines named in the notification; the log has them all. */
const NOTIFIED_LINES = 3;

/**
 * The notification (the first lines, most important first) and the log entry its "Show Log" button opens: every
 * line, what RBAC means here and what to ask for.
 */
export function rbacReport(context: string, hidden: readonly string[]): { readonly notification: string; readonly log: string } {
  const more = hidden.length > NOTIFIED_LINES ? ` ${l10n.t('(and {0} more kinds)', hidden.length - NOTIFIED_LINES)}` : '';
  const notification = l10n.t('Kubilitics: parts of {0} are hidden by RBAC: {1}', context, hidden.slice(0, NOTIFIED_LINES).join('; '));
  return {
    notification: `${notification}${more}`,
    log: [
      `${context}: hidden by RBAC — this context's identity may not list or watch the following, so the topology leaves them out` +
        ' (references to kinds it cannot read anywhere are drawn as unknown, not broken):',
      ...hidden.map((line) => `  - ${line}`),
      '  To see more, ask a cluster admin for a Role (per namespace) or ClusterRole granting get, list and watch on these resources.',
    ].join('\n'),
  };
}
