import type { ResourceRegistry } from './registry.js';
import type { ResourceType } from './types.js';

/** Discovery documents with the same JSON shapes kube-apiserver serves (legacy, non-aggregated discovery). */

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

// Subresources whose kind or verbs differ from "same kind, get/patch/update"; clients must skip names with '/'.
const SUBRESOURCES: Record<string, Partial<ApiResource>> = {
  log: { verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  proxy: { kind: 'ProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] },
  finalize: { verbs: ['update'] },
};

function resourceEntries(type: ResourceType): ApiResource[] {
  const main: ApiResource = {
    name: type.name,
    singularName: type.singularName,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
    ...(type.categories ? { categories: type.categories } : {}),
  };
  const subs = (type.subresources ?? []).map((sub) => ({
    name: `${type.name}/${sub}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: ['get', 'patch', 'update'],
    ...SUBRESOURCES[sub],
  }));
  return [main, ...subs];
}

export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(name: string, versions: string[]): unknown {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

export function apiGroupList(registry: ResourceRegistry): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map((g) => groupEntry(g.name, g.versions)) };
}

export function apiGroup(registry: ResourceRegistry, group: string): unknown {
  const found = registry.groups().find((g) => g.name === group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(found.name, found.versions) as object) } : undefined;
}

/** APIResourceList for one group/version, or undefined when nothing is served there (404). */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown {
  const types = registry.all().filter((type) => type.group === group && type.versions.includes(version));
  if (types.length === 0) return undefined;
  const resources = types.flatMap(resourceEntries);
  // The core list has no apiVersion field on the real server; named groups have "v1".
  return group === ''
    ? { kind: 'APIResourceList', groupVersion: version, resources }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
}

export function versionInfo(): unknown {
  return {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.0-fake',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T07:28:49Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
