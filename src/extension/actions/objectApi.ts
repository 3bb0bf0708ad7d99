/**
 * The writes behind the actions, as kubectl makes them: scale through the scale subresource, rollout restart as the
 * `kubectl.kubernetes.io/restartedAt` template annotation, cordon as `spec.unschedulable`, delete with a
 * propagation policy, eviction through the eviction API (so PodDisruptionBudgets are honoured). No `vscode` here: the
 * cluster tests drive it against a real API server.
 */
import * as l10n from '@vscode/l10n';
import type { PropagationPolicy } from '../../engine/actions/dependents.js';
import type { KubeMetadata, KubeObject } from '../../engine/model/object.js';
import { ApiError, type ApiClient } from '../cluster/apiClient.js';
import type { Discovery } from '../cluster/discovery.js';
import { apiVersionOf, METADATA_ACCEPT, resourcePath, type ResourceType } from '../cluster/resources.js';

/** An object as the graph names it: group ('core' or '' for the core group), kind, namespace ('' when cluster-scoped), name. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/** Kinds read as metadata only, whatever is asked: their data is never fetched (Secrets). */
const METADATA_ONLY_KINDS = new Set(['/Secret']);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function withoutWrittenData(metadata: KubeMetadata): KubeMetadata {
  const { managedFields: _managed, annotations, ...rest } = metadata as KubeMetadata & { managedFields?: unknown };
  if (!annotations) return rest;
  const { [LAST_APPLIED]: _applied, ...kept } = annotations;
  return Object.keys(kept).length ? { ...rest, annotations: kept } : rest;
}

export function coreless(group: string): string {
  return group === 'core' ? '' : group;
}

export class ObjectApi {
  constructor(
    private readonly client: ApiClient,
    private readonly discovery: () => Discovery | undefined,
  ) {}

  /** The served resource of `ref`'s kind, from discovery; a kind the server does not serve is told as such. */
  typeOf(ref: Pick<ObjectRef, 'group' | 'kind'>): ResourceType {
    const group = coreless(ref.group);
    const type = this.discovery()?.resources.find((candidate) => candidate.group === group && candidate.kind === ref.kind);
    if (!type) {
      throw new ApiError(
        'not-found',
        group ? l10n.t('the cluster serves no {0} in {1}', ref.kind, group) : l10n.t('the cluster serves no {0}', ref.kind),
      );
    }
    return type;
  }

  path(ref: ObjectRef, subresource?: string): string {
    const type = this.typeOf(ref);
    const base = `${resourcePath(type, ref.namespace)}/${encodeURIComponent(ref.name)}`;
    return subresource ? `${base}/${subresource}` : base;
  }

  isMetadataOnly(ref: Pick<ObjectRef, 'group' | 'kind'>): boolean {
    return METADATA_ONLY_KINDS.has(`${coreless(ref.group)}/${ref.kind}`) || this.typeOf(ref).metadataOnly;
  }

  /**
   * The live object; a Secret as its metadata only (PartialObjectMetadata), named as its own kind. Its metadata still
   * carries what `kubectl apply` wrote there: the last-applied annotation holds the values, managedFields the key names.
   * Both go before anything keeps the object.
   */
  async get(ref: ObjectRef, signal?: AbortSignal): Promise<KubeObject> {
    const type = this.typeOf(ref);
    if (!this.isMetadataOnly(ref)) return this.client.json<KubeObject>(this.path(ref), { ...(signal ? { signal } : {}) });
    const partial = await this.client.json<KubeObject>(this.path(ref), { accept: METADATA_ACCEPT, ...(signal ? { signal } : {}) });
    return { apiVersion: apiVersionOf(type), kind: type.kind, metadata: withoutWrittenData(partial.metadata ?? {}) };
  }

  async scale(ref: ObjectRef, replicas: number): Promise<void> {
    if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, not ${replicas}`);
    await this.client.json(this.path(ref, 'scale'), { method: 'PATCH', contentType: MERGE_PATCH, body: { spec: { replicas } } });
  }

  /** What `kubectl rollout restart` does: a new template annotation, so the controller rolls every Pod. */
  async restart(ref: ObjectRef, now = new Date()): Promise<void> {
    const annotations = { 'kubectl.kubernetes.io/restartedAt': now.toISOString() };
    const body = { spec: { template: { metadata: { annotations } } } };
    await this.client.json(this.path(ref), { method: 'PATCH', contentType: STRATEGIC_MERGE_PATCH, body });
  }

  async setUnschedulable(node: string, unschedulable: boolean): Promise<void> {
    const ref = { group: '', kind: 'Node', namespace: '', name: node };
    await this.client.json(this.path(ref), { method: 'PATCH', contentType: MERGE_PATCH, body: { spec: { unschedulable } } });
  }

  async delete(ref: ObjectRef, propagationPolicy: PropagationPolicy): Promise<void> {
    await this.client.json(this.path(ref), { method: 'DELETE', body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy } });
  }

  /** Evicts a Pod; a PodDisruptionBudget that forbids it answers 429, which the caller retries later. */
  async evict(namespace: string, pod: string): Promise<void> {
    const ref = { group: '', kind: 'Pod', namespace, name: pod };
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } };
    await this.client.json(this.path(ref, 'eviction'), { method: 'POST', body });
  }
}
