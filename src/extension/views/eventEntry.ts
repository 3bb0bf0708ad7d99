import { BUILTIN_KINDS, groupOfApiVersion, normalizeGroup, parseId } from '../../engine/model/kinds.js';
import { field, stringField, type KubeObject } from '../../engine/model/object.js';
import type { EventRecord } from '../../engine/store/events.js';

/** The object an Event is about, as the Event names it (it may be gone: Events outlive their objects). */
export interface InvolvedObject {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The source of the user's own actions, journaled as Events (actions/actionJournal.ts). */
export const USER_SOURCE = 'you (Kubilitics)';
/** Their reason's prefix: `KubiliticsScale`, `KubiliticsDelete`… */
export const USER_REASON_PREFIX = 'Kubilitics';

/** One Event object, read once into the fields the Events view shows, filters and sorts by. */
export interface EventEntry {
  /** The Event object's own id (engine id), or a stored row's id in history mode. */
  readonly id: string;
  /** `Warning`, `Normal`, or whatever the reporter wrote. */
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  /** The Event's own namespace (usually its object's). */
  readonly namespace: string;
  readonly object: InvolvedObject;
  /** Who reported it: `source.component` (core/v1), `reportingController` (events.k8s.io), or ''. */
  readonly source: string;
  /** How often it happened: `series.count` (events.k8s.io), `count` (core/v1), else 1. */
  readonly count: number;
  /** Milliseconds since the epoch; 0 when the Event carries no readable time. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

function time(object: KubeObject, ...paths: ReadonlyArray<readonly string[]>): number {
  for (const path of paths) {
    const value = stringField(object, ...path);
    if (value === undefined) continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return 0;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The involved object's namespace. Events about cluster-scoped objects (a Node's `RegisteredNode`) live in `default`
 * and name no namespace for their object: the Event's own namespace is a fallback only for namespaced kinds.
 */
function subjectNamespace(subject: unknown, group: string, kind: string, eventNamespace: string): string {
  const given = stringField(subject, 'namespace');
  if (given !== undefined) return given;
  const builtin = BUILTIN_KINDS.get(kind);
  return builtin?.group === normalizeGroup(group) && !builtin.namespaced ? '' : eventNamespace;
}

/**
 * Reads a core/v1 or an events.k8s.io/v1 Event (either shape, whichever apiVersion the session watched). Undefined
 * for an object that names no involved object: it cannot be shown against anything.
 */
export function eventEntryOf(id: string, object: KubeObject): EventEntry | undefined {
  const subject = field(object, 'regarding') ?? field(object, 'involvedObject');
  const kind = stringField(subject, 'kind');
  const name = stringField(subject, 'name');
  if (!kind || !name) return undefined;
  const namespace = object.metadata?.namespace ?? '';
  const group = groupOfApiVersion(stringField(subject, 'apiVersion')).group;
  const firstSeen = time(object, ['firstTimestamp'], ['deprecatedFirstTimestamp'], ['eventTime'], ['metadata', 'creationTimestamp']);
  const lastSeen = time(object, ['series', 'lastObservedTime'], ['lastTimestamp'], ['deprecatedLastTimestamp'], ['eventTime']);
  return {
    id,
    type: stringField(object, 'type') ?? 'Normal',
    reason: stringField(object, 'reason') ?? stringField(object, 'deprecatedReason') ?? '',
    message: stringField(object, 'message') ?? stringField(object, 'note') ?? '',
    namespace,
    object: { group, kind, namespace: subjectNamespace(subject, group, kind, namespace), name },
    source:
      stringField(object, 'source', 'component') ??
      stringField(object, 'reportingController') ??
      stringField(object, 'reportingComponent') ??
      stringField(object, 'deprecatedSource', 'component') ??
      '',
    count:
      positive(field(object, 'series', 'count')) ?? positive(field(object, 'count')) ?? positive(field(object, 'deprecatedCount')) ?? 1,
    firstSeen: firstSeen || lastSeen,
    lastSeen: Math.max(lastSeen, firstSeen),
  };
}

/** A row of the history store (already folded per object, type, reason and message) as an entry. */
export function eventEntryOfRecord(record: EventRecord): EventEntry {
  const { group, kind, namespace, name } = parseId(record.objectId);
  return {
    id: `stored:${record.id}`,
    type: record.type,
    reason: record.reason,
    message: record.message,
    namespace,
    object: { group, kind, namespace, name },
    // The store keeps no source column: the user's own actions are told by their reason.
    source: record.reason.startsWith(USER_REASON_PREFIX) ? USER_SOURCE : '',
    count: record.count,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
  };
}
