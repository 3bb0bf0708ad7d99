/**
 * Server-side apply, as `kubectl apply --server-side --field-manager=kubilitics` makes it: a PATCH of type
 * `application/apply-patch+yaml` (JSON is YAML) at the URL of the object's own apiVersion (the server refuses an
 * apply whose body names another version), `force=false` unless the user chose to take fields over. A Secret is
 * written and read back as metadata only (PartialObjectMetadata): its values go to the server in the request and
 * never come back. No `vscode` here: the cluster tests drive it against a real API server.
 */
import * as l10n from '@vscode/l10n';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError, type ApiClient } from '../cluster/apiClient.js';
import { METADATA_ACCEPT, resourcePath } from '../cluster/resources.js';
import type { ObjectApi, ObjectRef } from './objectApi.js';

export const FIELD_MANAGER = 'kubilitics';
const APPLY_PATCH = 'application/apply-patch+yaml';

/** Where an object goes: its reference, its URL, and whether it is read as metadata only. */
export interface ApplyTarget {
  readonly ref: ObjectRef;
  readonly path: string;
  readonly metadataOnly: boolean;
}

export interface ApplyOptions {
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

/** `Deployment shop/web`. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export class ServerSideApply {
  constructor(
    private readonly client: ApiClient,
    private readonly objects: ObjectApi,
    /** Given to namespaced objects that name none, as kubectl gives the context's namespace. */
    private readonly defaultNamespace: string,
  ) {}

  /** The URL of `object`; a kind the server does not serve, or an object without a name, is an ApiError. */
  target(object: KubeObject): ApplyTarget {
    const name = object.metadata?.name;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !name) {
      throw new ApiError('invalid', l10n.t('not applied: an object needs apiVersion, kind and metadata.name'));
    }
    const { group, version } = groupVersion(object.apiVersion);
    const type = { ...this.objects.typeOf({ group, kind: object.kind }), version };
    const namespace = type.namespaced ? object.metadata?.namespace || this.defaultNamespace : '';
    const ref = { group, kind: object.kind, namespace, name };
    const path = `${resourcePath(type, namespace)}/${encodeURIComponent(name)}`;
    return { ref, path, metadataOnly: this.objects.isMetadataOnly(ref) };
  }

  /** The live object (metadata only for a Secret, managedFields kept: they tell whether its data changes), or undefined. */
  async live(target: ApplyTarget, signal?: AbortSignal): Promise<KubeObject | undefined> {
    try {
      return await this.client.json<KubeObject>(target.path, {
        ...(target.metadataOnly ? { accept: METADATA_ACCEPT } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** Applies `object` (or, with `dryRun`, asks what applying it would give); the server's result is returned. */
  async apply(object: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const target = this.target(object);
    const query = new URLSearchParams({ fieldManager: FIELD_MANAGER, force: String(options.force === true) });
    if (options.dryRun) query.set('dryRun', 'All');
    const body = target.ref.namespace ? { ...object, metadata: { ...object.metadata, namespace: target.ref.namespace } } : object;
    return this.client.json<KubeObject>(`${target.path}?${query.toString()}`, {
      method: 'PATCH',
      contentType: APPLY_PATCH,
      body,
      ...(target.metadataOnly ? { accept: METADATA_ACCEPT } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}
