import { BUILTIN_KINDS } from '../../engine/model/kinds.js';
import { ApiError, type ApiClient } from './apiClient.js';
import type { ResourceType } from './resources.js';

interface ApiResource {
  readonly name: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs?: readonly string[];
}

interface GroupVersion {
  readonly groupVersion: string;
  readonly version: string;
}

interface ApiGroup {
  readonly name: string;
  readonly versions?: readonly GroupVersion[];
  readonly preferredVersion?: GroupVersion;
}

export interface Discovery {
  /** Every listable, watchable kind, once each, in the best group and version the server serves it in. */
  readonly resources: readonly ResourceType[];
  /** The ones watched: all of `resources` but the few skipped on purpose (ComponentStatus). */
  readonly watched: readonly ResourceType[];
  /** Group versions whose discovery failed (an aggregated API that is down), with the reason. */
  readonly unavailable: readonly string[];
  /**
   * Every group `/apis` lists, with its preferred version, whether or not it has watchable kinds: `metrics.k8s.io`
   * (get and list only) is found here. A registered aggregated API that is down is listed too (and in `unavailable`).
   */
  readonly groups: ReadonlyMap<string, string>;
}

/** Groups served by Kubernetes itself; anything else is a CRD or an aggregated API. */
const KUBERNETES_GROUP = /(^|\.)k8s\.io$|^(apps|batch|autoscaling|policy|extensions)$/;
const SKIPPED = new Set(['/componentstatuses']);
const SECRET_METADATA_ONLY = new Set(['/secrets']);
/**
 * Built-in kinds of which nothing but metadata is read (no relation family, no status): a ControllerRevision holds a
 * whole pod template per revision, a Lease is renewed every few seconds per node; their owners are in the metadata.
 */
const METADATA_ENOUGH = new Set(['apps/ControllerRevision', 'coordination.k8s.io/Lease']);

/**
 * Kinds a group serves under another group's name: the same stored objects (a real server shares them in etcd), so
 * they are watched once, from their home group. `extensions` served workloads, Ingress, NetworkPolicy and PSP until
 * 1.16-1.21; `events.k8s.io` serves the core Events.
 */
const MOVED_KINDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'extensions',
    new Map([
      ['DaemonSet', 'apps'],
      ['Deployment', 'apps'],
      ['ReplicaSet', 'apps'],
      ['Ingress', 'networking.k8s.io'],
      ['NetworkPolicy', 'networking.k8s.io'],
      ['PodSecurityPolicy', 'policy'],
    ]),
  ],
  ['events.k8s.io', new Map([['Event', '']])],
]);

/** A kind served by the cluster, with where it was found: the group's position in discovery and the version's. */
interface Candidate {
  readonly type: ResourceType;
  /** 0 for a kind's home group, 1 for a group that serves it under another name. */
  readonly moved: number;
  readonly groupRank: number;
  readonly versionRank: number;
}

/**
 * Resolves each *kind* to the best version the server serves it in, as kubectl's REST mapper does: groups in the
 * order discovery lists them, each group's preferred version first, then its other versions. Unlike kubectl, a
 * kind's home group wins over a group that serves it under another name (`networking.k8s.io` Ingress over
 * `extensions`, core Events over `events.k8s.io`). A group's preferred version may not serve every kind of the
 * group (on 1.18 `batch/v1` has Jobs, CronJobs are only in `batch/v1beta1`), so every version is read.
 *
 * `customResources` holds `group/plural` of every CRD the user may read; when CRDs cannot be listed it is
 * undefined and any resource outside Kubernetes' own groups counts as custom.
 */
export async function discover(client: ApiClient, customResources?: ReadonlySet<string>, signal?: AbortSignal): Promise<Discovery> {
  const options = signal ? { signal } : {};
  const unavailable: string[] = [];
  const core = await client.json<{ resources?: ApiResource[] }>('/api/v1', options);
  const candidates = candidatesOf('', 'v1', 0, 0, core.resources ?? [], customResources);
  const groups = await client.json<{ groups?: ApiGroup[] }>('/apis', options);
  const lists = await Promise.all(
    (groups.groups ?? []).flatMap((group, groupIndex) =>
      versionsInOrder(group).map(async (version, versionRank) => {
        try {
          const list = await client.json<{ resources?: ApiResource[] }>(`/apis/${group.name}/${version}`, options);
          return candidatesOf(group.name, version, groupIndex + 1, versionRank, list.resources ?? [], customResources);
        } catch (error) {
          if (!(error instanceof ApiError) || error.kind === 'unauthorized') throw error;
          unavailable.push(`${group.name}/${version}: ${error.message}`);
          return [];
        }
      }),
    ),
  );
  const resources = [...bestPerKind([...candidates, ...lists.flat()]).values()].sort((a, b) =>
    `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`),
  );
  const watched = resources.filter((type) => !SKIPPED.has(`${type.group}/${type.resource}`));
  const served = new Map<string, string>();
  for (const group of groups.groups ?? []) {
    const version = versionsInOrder(group)[0];
    if (version) served.set(group.name, version);
  }
  return { resources, watched, unavailable: unavailable.sort(), groups: served };
}

/** The preferred version first, then the others in the order the server lists them (its priority order). */
function versionsInOrder(group: ApiGroup): string[] {
  const preferred = group.preferredVersion?.version;
  const others = (group.versions ?? []).map((entry) => entry.version).filter((version) => version !== preferred);
  return preferred ? [preferred, ...others] : others;
}

function candidatesOf(
  group: string,
  version: string,
  groupRank: number,
  versionRank: number,
  list: readonly ApiResource[],
  customResources: ReadonlySet<string> | undefined,
): Candidate[] {
  return list
    .filter((resource) => !resource.name.includes('/') && resource.verbs?.includes('list') && resource.verbs.includes('watch'))
    .map((resource) => ({
      type: {
        group,
        version,
        resource: resource.name,
        kind: resource.kind,
        namespaced: resource.namespaced,
        metadataOnly: SECRET_METADATA_ONLY.has(`${group}/${resource.name}`) || !readsWholeObject(group, resource, customResources),
      },
      moved: MOVED_KINDS.get(group)?.has(resource.kind) ? 1 : 0,
      groupRank,
      versionRank,
    }));
}

/** One type per kind: candidates of the same kind (by its home group) compete, the lowest ranks win. */
function bestPerKind(candidates: readonly Candidate[]): Map<string, ResourceType> {
  const best = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const { group, kind } = candidate.type;
    const key = `${MOVED_KINDS.get(group)?.get(kind) ?? group}/${kind}`;
    const current = best.get(key);
    if (!current || rankOrder(candidate, current) < 0) best.set(key, candidate);
  }
  return new Map([...best].map(([key, candidate]) => [key, candidate.type]));
}

function rankOrder(a: Candidate, b: Candidate): number {
  return a.moved - b.moved || a.groupRank - b.groupRank || a.versionRank - b.versionRank;
}

/**
 * Whether the engine reads more than an object's metadata: built-in kinds it relates or shows a status for, and
 * custom resources (their relations and conditions). Any other kind (PodSecurityPolicy, Lease-like kinds of newer
 * releases, aggregated APIs) is watched as metadata only: name, labels and owners are all its generic node shows,
 * and on a large cluster such a list costs a fraction of the whole objects.
 */
function readsWholeObject(group: string, resource: ApiResource, customResources: ReadonlySet<string> | undefined): boolean {
  const builtin = BUILTIN_KINDS.get(resource.kind);
  if (METADATA_ENOUGH.has(`${group}/${resource.kind}`)) return false;
  const home = MOVED_KINDS.get(group)?.get(resource.kind) ?? group;
  if (builtin && (builtin.group === home || (builtin.group === 'core' && home === ''))) return true;
  if (customResources) return customResources.has(`${group}/${resource.name}`);
  return !KUBERNETES_GROUP.test(group) && group !== '';
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
