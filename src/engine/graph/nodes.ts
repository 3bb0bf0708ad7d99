import type { TopologyNode } from '../model/graph.js';
import { groupOfApiVersion, parseId } from '../model/kinds.js';
import type { ObjectRecord } from '../model/object.js';
import type { ScopeTable } from '../model/scope.js';
import { statusOf } from './status.js';

const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const SYNTHETIC_GROUP = 'net';

export function sortedLabels(labels: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const keys = Object.keys(labels);
  if (keys.every((key, index) => index === 0 || keys[index - 1]! < key)) return labels;
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key]!;
  return sorted;
}

/** The node an object is drawn as. Depends on the object alone, so only its own events change it. */
export function nodeOf(record: ObjectRecord, scopes: ScopeTable): TopologyNode {
  const { status, detail } = statusOf(record);
  const controllerRef = (record.object.metadata?.ownerReferences ?? []).find((ref) => ref.controller === true);
  const controller = controllerRef?.kind && controllerRef.name
    ? scopes.refId(groupOfApiVersion(controllerRef.apiVersion).group, controllerRef.kind, record.namespace, controllerRef.name)
    : undefined;
  const instance = record.labels[INSTANCE_LABEL];
  const partOf = record.labels[PART_OF_LABEL];
  return {
    id: record.id,
    kind: record.kind,
    group: record.group,
    namespace: record.namespace,
    name: record.name,
    ...(record.uid ? { uid: record.uid } : {}),
    labels: sortedLabels(record.labels),
    status,
    ...(detail ? { detail } : {}),
    ...(controller ? { controller } : {}),
    ...(instance ? { instance } : {}),
    ...(partOf ? { partOf } : {}),
    ...(record.source ? { source: record.source } : {}),
  };
}

/** A node for an id that no object in the input has: a referenced-but-absent object, or a synthetic peer. */
export function placeholderNode(id: string): TopologyNode {
  const { group, kind, namespace, name } = parseId(id);
  const synthetic = group === SYNTHETIC_GROUP;
  return {
    id, kind, group, namespace, name,
    labels: {},
    status: synthetic ? 'Unknown' : 'Missing',
    ...(synthetic ? { synthetic: true } : { missing: true }),
  };
}
