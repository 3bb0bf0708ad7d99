import type { TopologyNode } from '../model/graph.js';
import { parseId } from '../model/kinds.js';
import { list, loose, type ObjectRecord } from '../model/object.js';
import { ownerReferenceId } from '../relations/owners.js';
import type { ScopeTable } from '../model/scope.js';
import { eventFacts, eventStatusOf, statusOf } from './status.js';

const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const SYNTHETIC_GROUP = 'net';

export function sortedLabels(labels: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let previous: string | undefined;
  let ordered = true;
  for (const key in labels) {
    if (previous !== undefined && previous >= key) ordered = false;
    previous = key;
  }
  if (ordered) return labels;
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key]!;
  return sorted;
}

/** The node an object is drawn as. Depends on the object alone, so only its own events change it. */
export function nodeOf(record: ObjectRecord, scopes: ScopeTable): TopologyNode {
  // An Event's facts feed both its status and its fields: read once.
  const event = record.kind === 'Event' ? eventFacts(record) : undefined;
  const { status, detail } = event ? eventStatusOf(record, event) : statusOf(record);
  const controller = controllerOf(record, scopes);
  const instance = record.labels[INSTANCE_LABEL];
  const partOf = record.labels[PART_OF_LABEL];
  // One literal with every field (absent ones undefined, which serialization skips): one shape for hundreds of
  // thousands of nodes, no properties added afterwards, and the key order snapshots and exports expect.
  const node: TopologyNode = {
    id: record.id,
    kind: record.kind,
    group: record.group,
    namespace: record.namespace,
    name: record.name,
    uid: record.uid || undefined,
    labels: sortedLabels(record.labels),
    status,
    detail: detail || undefined,
    controller,
    instance: instance || undefined,
    partOf: partOf || undefined,
    source: record.source,
    warning: event?.warning || undefined,
    time: event?.time,
  };
  return node;
}

/** The id of the object's controlling owner, if it names one (read as the owner edges read references). */
function controllerOf(record: ObjectRecord, scopes: ScopeTable): string | undefined {
  for (const ref of list(loose(record.object)?.['metadata']?.['ownerReferences'])) {
    if ((ref?.['controller'] as unknown) === true) return ownerReferenceId(ref, record.namespace, scopes);
  }
  return undefined;
}

/** A node for an id that no object in the input has: a referenced-but-absent object, or a synthetic peer. */
export function placeholderNode(id: string): TopologyNode {
  const { group, kind, namespace, name } = parseId(id);
  // Two literals, not a spread: a first list makes a placeholder for every object named before its own page.
  if (group === SYNTHETIC_GROUP) return { id, kind, group, namespace, name, labels: {}, status: 'Unknown', synthetic: true };
  return { id, kind, group, namespace, name, labels: {}, status: 'Missing', missing: true };
}
