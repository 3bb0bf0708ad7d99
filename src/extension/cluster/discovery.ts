import { BUILTIN_KINDS } from '../../engine/model/kinds.js';
import { ApiError, type ApiClient } from './apiClient.js';
import type { ResourceType } from './resources.js';

interface ApiResource {
  readonly name: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs?: readonly string[];
}

interface ApiGroup {
  readonly name: string;
  readonly preferredVersion?: { readonly groupVersion: string; readonly version: string };
}

export interface Discovery {
  /** Every listable resource of the preferred version of every group, aggregated APIs included. */
  readonly resources: readonly ResourceType[];
  /** The ones worth watching: what the engine relates, and every custom resource. */
  readonly watched: readonly ResourceType[];
  /** Groups whose discovery failed (an aggregated API that is down), with the reason. */
  readonly unavailable: readonly string[];
}

/** Groups served by Kubernetes itself; anything else is a CRD or an aggregated API. */
const KUBERNETES_GROUP = /(^|\.)k8s\.io$|^(apps|batch|autoscaling|policy|extensions)$/;
const SKIPPED = new Set(['events.k8s.io/events', '/componentstatuses']);
const SECRET_METADATA_ONLY = new Set(['/secrets']);

/**
 * `customResources` holds `group/plural` of every CRD the user may read; when CRDs cannot be listed it is
 * undefined and any resource outside Kubernetes' own groups counts as custom.
 */
export async function discover(client: ApiClient, customResources?: ReadonlySet<string>, signal?: AbortSignal): Promise<Discovery> {
  const resources: ResourceType[] = [];
  const unavailable: string[] = [];
  const core = await client.json<{ resources?: ApiResource[] }>('/api/v1', signal ? { signal } : {});
  resources.push(...listable('', 'v1', core.resources ?? []));
  const groups = await client.json<{ groups?: ApiGroup[] }>('/apis', signal ? { signal } : {});
  await Promise.all((groups.groups ?? []).map(async (group) => {
    const preferred = group.preferredVersion;
    if (!preferred) return;
    try {
      const list = await client.json<{ resources?: ApiResource[] }>(`/apis/${preferred.groupVersion}`, signal ? { signal } : {});
      resources.push(...listable(group.name, preferred.version, list.resources ?? []));
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind === 'unauthorized') throw error;
      unavailable.push(`${preferred.groupVersion}: ${error.message}`);
    }
  }));
  resources.sort((a, b) => `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`));
  return { resources, watched: resources.filter((type) => isWatched(type, customResources)), unavailable: unavailable.sort() };
}

function listable(group: string, version: string, list: readonly ApiResource[]): ResourceType[] {
  return list
    .filter((resource) => !resource.name.includes('/') && resource.verbs?.includes('list') && resource.verbs.includes('watch'))
    .map((resource) => ({
      group, version, resource: resource.name, kind: resource.kind, namespaced: resource.namespaced,
      metadataOnly: SECRET_METADATA_ONLY.has(`${group}/${resource.name}`),
    }));
}

function isWatched(type: ResourceType, customResources: ReadonlySet<string> | undefined): boolean {
  if (SKIPPED.has(`${type.group}/${type.resource}`)) return false;
  const builtin = BUILTIN_KINDS.get(type.kind);
  if (builtin && (builtin.group === type.group || (builtin.group === 'core' && type.group === ''))) return true;
  if (customResources) return customResources.has(`${type.group}/${type.resource}`);
  return !KUBERNETES_GROUP.test(type.group) && type.group !== '';
}

interface CrdList {
  readonly items?: readonly { readonly spec?: { readonly group?: string; readonly names?: { readonly plural?: string } } }[];
}

/** `group/plural` of every CRD, or undefined when the user may not list CRDs. */
export async function customResourceNames(client: ApiClient, signal?: AbortSignal): Promise<Set<string> | undefined> {
  try {
    const list = await client.json<CrdList>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', signal ? { signal } : {});
    return new Set((list.items ?? []).map((crd) => `${crd.spec?.group ?? ''}/${crd.spec?.names?.plural ?? ''}`));
  } catch (error) {
    if (error instanceof ApiError && (error.kind === 'forbidden' || error.kind === 'not-found')) return undefined;
    throw error;
  }
}
