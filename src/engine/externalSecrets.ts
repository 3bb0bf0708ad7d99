/**
 * Secrets a repository of manifests normally does not hold, because something else creates them. A reference
 * to one that is missing is expected, so it is a note rather than a warning. The rule, by how the Secret is
 * referenced anywhere in the input (one such reference is enough for every reference to that Secret):
 *
 * - a ServiceAccount lists it in `secrets`, or it is named `<serviceaccount>-token-xxxxx` as the token
 *   controller names them: a service-account token, created by the cluster;
 * - an Ingress `tls` entry or a Gateway listener certificate names it: TLS, usually issued by cert-manager
 *   or installed by hand;
 * - a cert-manager Certificate or an ExternalSecret names it as its target: that object creates it;
 * - a pod spec or ServiceAccount lists it in `imagePullSecrets`: registry credentials, kept out of git.
 *
 * Any other missing Secret (a volume, env or envFrom of an application's own Secret) stays a warning.
 */
import * as l10n from '@vscode/l10n';
import type { TopologyEdge, TopologyGraph } from './model/graph.js';
import { parseId } from './model/kinds.js';

const TOKEN_NAME = /-token-[a-z0-9]{5}$/;
/** A function, not a constant: the text is translated when it is used, after the host has configured l10n. */
const token = (): string => l10n.t('a service-account token, created by the cluster');

/** Missing Secrets expected to come from outside the input, each with the reason in words. */
export function externalSecrets(graph: TopologyGraph): Map<string, string> {
  const missingSecrets = new Set(graph.nodes.filter((node) => node.missing && node.kind === 'Secret').map((node) => node.id));
  const reasons = new Map<string, string>();
  for (const id of missingSecrets) if (TOKEN_NAME.test(parseId(id).name)) reasons.set(id, token());
  for (const edge of graph.edges) {
    const secret = missingSecrets.has(edge.target) ? edge.target : missingSecrets.has(edge.source) ? edge.source : undefined;
    if (secret === undefined || reasons.has(secret)) continue;
    const other = secret === edge.target ? edge.source : edge.target;
    const reason = reasonOf(edge, parseId(other).kind);
    if (reason !== undefined) reasons.set(secret, reason);
  }
  return reasons;
}

function reasonOf(edge: TopologyEdge, referrerKind: string): string | undefined {
  const via = edge.via;
  if (referrerKind === 'ServiceAccount' && via.includes('secrets')) return token();
  if (edge.type === 'provisions') return l10n.t('created by the {0} that names it', referrerKind);
  if ((referrerKind === 'Ingress' && via.includes('tls')) || (referrerKind === 'Gateway' && via.some((v) => v.includes('certificate')))) {
    return l10n.t('a TLS certificate, usually issued by cert-manager or installed by hand');
  }
  if (edge.type === 'pulls' || via.some((v) => v.startsWith('imagePullSecrets'))) {
    return l10n.t('registry credentials, usually created outside the repository');
  }
  return undefined;
}
