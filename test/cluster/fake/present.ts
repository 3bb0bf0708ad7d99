import type { Representation } from './routes.js';
import type { KubeObject, ResourceType } from './types.js';

/** How stored objects look on the wire for one request (served version, metadata-only or not). */
export interface Presenter {
  /** A single object (get, watch event). */
  object(stored: KubeObject): KubeObject;
  /** A list item: built-in typed lists omit kind/apiVersion on items, custom resources keep them. */
  item(stored: KubeObject): KubeObject;
  list(items: KubeObject[], metadata: Record<string, unknown>): KubeObject;
  /** A BOOKMARK event object: only kind, apiVersion and metadata.resourceVersion. */
  bookmark(rv: number): KubeObject;
}

const PARTIAL = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' };

export function presenter(type: ResourceType, version: string, representation: Representation): Presenter {
  const apiVersion = type.group ? `${type.group}/${version}` : version;
  const typeMeta = representation === 'metadata' ? PARTIAL : { kind: type.kind, apiVersion };
  const object = (stored: KubeObject): KubeObject =>
    representation === 'metadata' ? { ...PARTIAL, metadata: stored.metadata ?? {} } : { ...stored, apiVersion, kind: type.kind };
  const item = (stored: KubeObject): KubeObject => {
    if (representation === 'metadata' || type.custom) return object(stored);
    const { apiVersion: _version, kind: _kind, ...rest } = stored;
    return rest;
  };
  const list = (items: KubeObject[], metadata: Record<string, unknown>): KubeObject =>
    representation === 'metadata'
      ? { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map(item) }
      : { kind: `${type.kind}List`, apiVersion, metadata, items: items.map(item) };
  const bookmark = (rv: number): KubeObject => ({ ...typeMeta, metadata: { resourceVersion: String(rv) } });
  return { object, item, list, bookmark };
}
