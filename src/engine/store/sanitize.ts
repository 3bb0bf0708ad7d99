import type { TopologyGraph, TopologyNode } from '../model/graph.js';
import { parseId } from '../model/kinds.js';
import type { KubeObject } from '../model/object.js';

/**
 * Secret values must never reach the database file (it sits unencrypted in the user's profile and is easy to
 * attach to a bug report). The engine already keeps no Secret data, so these are a second line of defence:
 * whatever a caller passes, the writers pass it through here first.
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SECRET_FIELDS = ['data', 'stringData'] as const;

/** Whether the object, or the id it is stored under, names a Secret (list items often lack `kind`). */
export function isSecret(object: KubeObject | undefined, objectId?: string): boolean {
  if (object?.kind === 'Secret') return true;
  return objectId !== undefined && parseId(objectId).kind === 'Secret';
}

/**
 * A copy fit for history: no Secret data, no managedFields (server bookkeeping, often larger than the object), and
 * no last-applied annotation (it repeats the whole object — for a Secret, its data in plain text).
 */
export function scrubObject(object: KubeObject, objectId?: string): KubeObject {
  const copy: Record<string, unknown> = { ...object };
  if (isSecret(object, objectId)) for (const key of SECRET_FIELDS) delete copy[key];
  const metadata = object.metadata;
  if (metadata) {
    const { managedFields: _managed, ...rest } = metadata as Record<string, unknown>;
    const annotations = metadata.annotations;
    if (annotations && LAST_APPLIED in annotations) {
      const { [LAST_APPLIED]: _applied, ...kept } = annotations;
      rest['annotations'] = kept;
    }
    copy['metadata'] = rest;
  }
  return copy as KubeObject;
}

/** What a deleted object keeps in history: who it was, not what it held. */
export function metadataOnly(object: KubeObject, objectId?: string): KubeObject {
  const scrubbed = scrubObject(object, objectId);
  return {
    ...(scrubbed.apiVersion !== undefined ? { apiVersion: scrubbed.apiVersion } : {}),
    ...(scrubbed.kind !== undefined ? { kind: scrubbed.kind } : {}),
    ...(scrubbed.metadata !== undefined ? { metadata: scrubbed.metadata } : {}),
  };
}

/** The graph with any Secret node stripped of data fields; the same graph object when there was nothing to strip. */
export function scrubGraph(graph: TopologyGraph): TopologyGraph {
  let nodes: TopologyNode[] | undefined;
  graph.nodes.forEach((node, index) => {
    if (node.kind !== 'Secret' || !SECRET_FIELDS.some((key) => key in node)) return;
    nodes ??= [...graph.nodes];
    const copy: Record<string, unknown> = { ...node };
    for (const key of SECRET_FIELDS) delete copy[key];
    nodes[index] = copy as unknown as TopologyNode;
  });
  return nodes ? { nodes, edges: graph.edges } : graph;
}
