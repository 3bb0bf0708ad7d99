import type { ResourceRegistry } from './registry.js';
import type { ResourceType } from './types.js';

/** What a request path addresses, decided before authentication so the request log can name it. */
export type Route =
  | { kind: 'public'; path: string }
  | { kind: 'discovery'; group?: string; version?: string; legacy: boolean }
  | { kind: 'resource'; type: ResourceType; group: string; version: string; namespace?: string; name?: string }
  /** `GET /api/v1/namespaces/{ns}/pods/{name}/log`, the one subresource served. */
  | { kind: 'podLog'; namespace: string; name: string }
  | { kind: 'notFound' };

const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);

/**
 * Resource paths: `{prefix}/{resource}[/{name}]` for cluster-wide or cluster-scoped access and
 * `{prefix}/namespaces/{ns}/{resource}[/{name}]` for namespaced ones. `/api/v1/namespaces/{name}`
 * is the Namespace object itself. Of the subresources only a Pod's `log` is served.
 */
function resourceRoute(registry: ResourceRegistry, group: string, version: string, rest: string[]): Route {
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const [resource, name] = namespaced ? [rest[2], rest[3]] : [rest[0], rest[1]];
  const tooLong = rest.length > (namespaced ? 4 : 2);
  const type = resource === undefined ? undefined : registry.find(group, version, resource);
  if (!type || tooLong) return { kind: 'notFound' };
  // A namespaced path to a cluster-scoped resource, or a named cluster path to a namespaced one, is a 404.
  if (namespaced && !type.namespaced) return { kind: 'notFound' };
  if (!namespaced && name !== undefined && type.namespaced) return { kind: 'notFound' };
  return {
    kind: 'resource',
    type,
    group,
    version,
    ...(namespaced ? { namespace: rest[1] as string } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

export function parseRoute(registry: ResourceRegistry, pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (PUBLIC.has(path)) return { kind: 'public', path };
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'discovery', legacy: true };
    if (parts[1] !== 'v1') return { kind: 'notFound' };
    const [, , namespaces, namespace, pods, name, log] = parts;
    if (parts.length === 7 && namespaces === 'namespaces' && pods === 'pods' && log === 'log') {
      return { kind: 'podLog', namespace: namespace as string, name: name as string };
    }
    return parts.length === 2 ? { kind: 'discovery', legacy: true, version: 'v1' } : resourceRoute(registry, '', 'v1', parts.slice(2));
  }
  if (parts[0] === 'apis') {
    const [, group, version] = parts;
    if (group === undefined) return { kind: 'discovery', legacy: false };
    if (version === undefined) return { kind: 'discovery', legacy: false, group };
    return parts.length === 3
      ? { kind: 'discovery', legacy: false, group, version }
      : resourceRoute(registry, group, version, parts.slice(3));
  }
  return { kind: 'notFound' };
}

export type Representation = 'full' | 'metadata';

/**
 * Content negotiation as kube-apiserver does it for JSON: the first acceptable media range wins;
 * `as=PartialObjectMetadataList` (lists) or `as=PartialObjectMetadata` (get/watch) with g=meta.k8s.io,v=v1
 * select metadata-only objects. Undefined means nothing acceptable (406).
 */
export function negotiate(accept: string | undefined, target: 'list' | 'object'): Representation | undefined {
  if (!accept || accept.trim() === '') return 'full';
  for (const range of accept.split(',')) {
    const [mediaType = '', ...paramText] = range.split(';').map((s) => s.trim());
    if (!['application/json', 'application/*', '*/*'].includes(mediaType.toLowerCase())) continue;
    const params = new Map(paramText.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    const as = params.get('as');
    if (as === undefined) return 'full';
    const wanted = target === 'list' ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
    if (as === wanted && params.get('g') === 'meta.k8s.io' && params.get('v') === 'v1') return 'metadata';
  }
  return undefined;
}
