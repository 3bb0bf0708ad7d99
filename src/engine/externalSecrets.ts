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
import type { TopologyEdge, TopologyGraph } from './model/graph.js';
import { parseId } from './model/kinds.js';

const TOKEN_NAME = /-token-[a-z0-9]{5}$/;
const TOKEN = 'a service-account token, created by the cluster';

/** Missing Secrets expected to come from outside the input, each with the reason in words. */
export function externalSecrets(graph: TopologyGraph): Map<string, string> {
  const missingSecrets = new Set(graph.nodes.filter((node) => node.missing && node.kind === 'Secret').map((node) => node.id));
  const reasons = new Map<string, string>();
  for (const id of missingSecrets) if (TOKEN_NAME.test(parseId(id).name)) reasons.set(id, TOKEN);
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
  if (referrerKind === 'ServiceAccount' && via.includes('secrets')) return TOKEN;
  if (edge.type === 'provisions') return `created by the ${referrerKind} that names it`;
  if ((referrerKind === 'Ingress' && via.includes('tls')) || (referrerKind === 'Gateway' && via.some((v) => v.includes('certificate')))) {
    return 'a TLS certificate, usually issued by cert-manager or installed by hand';
  }
  if (edge.type === 'pulls' || via.some((v) => v.startsWith('imagePullSecrets'))) {
    return 'registry credentials, usually created outside the repository';
  }
  return undefined;
}
