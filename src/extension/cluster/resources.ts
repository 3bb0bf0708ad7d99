import type { KubeObject } from '../../engine/model/object.js';

/** One listable, watchable API resource. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  /** The plural resource name in URLs, e.g. `deployments`. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Watched as PartialObjectMetadata: the extension never receives the object's data (Secrets). */
  readonly metadataOnly: boolean;
}

export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.5';
export const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;q=0.5';

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function resourcePath(type: ResourceType, namespace?: string): string {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  return namespace && type.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${type.resource}` : `${base}/${type.resource}`;
}

export function typeKey(type: ResourceType): string {
  return `${type.group}/${type.resource}`;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the engine and views keep of an object: managedFields, the last-applied annotation and configuration
 * payloads are dropped at intake (they are most of an object's size and nothing reads them). Secret data is
 * never requested; should a server send it anyway, it is dropped here before anything keeps it.
 */
export function trimObject(raw: Record<string, unknown>, type: ResourceType): KubeObject {
  const object: Record<string, unknown> = { ...raw, apiVersion: apiVersionOf(type), kind: type.kind };
  const metadata = { ...(raw['metadata'] as Record<string, unknown> | undefined) };
  delete metadata['managedFields'];
  const annotations = metadata['annotations'] as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    metadata['annotations'] = rest;
  }
  object['metadata'] = metadata;
  if (type.kind === 'Secret' || type.metadataOnly) {
    for (const field of ['data', 'stringData', 'spec', 'status']) delete object[field];
  }
  if (type.kind === 'ConfigMap') {
    delete object['data'];
    delete object['binaryData'];
  }
  return object as KubeObject;
}
