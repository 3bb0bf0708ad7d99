import type { NodeStatus } from '../model/graph.js';
import { arrayField, field, list, loose, stringField, text, type ObjectRecord } from '../model/object.js';

export interface StatusSummary {
  readonly status: NodeStatus;
  readonly detail?: string;
}

type StatusReader = (record: ObjectRecord) => StatusSummary;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Pods are most of a cluster: written-out reads (see `Loose`). */
function podStatus(record: ObjectRecord): StatusSummary {
  const podStatusBlock = loose(record.object)?.['status'];
  const phase = text(podStatusBlock?.['phase']);
  const containers = list(podStatusBlock?.['containerStatuses']);
  let crashing = false;
  let ready = 0;
  let restarts = 0;
  for (const container of containers) {
    if (text(container?.['state']?.['waiting']?.['reason']) === 'CrashLoopBackOff') crashing = true;
    if ((container?.['ready'] as unknown) === true) ready++;
    restarts += num(container?.['restartCount']);
  }
  const detail = containers.length ? `${ready}/${containers.length} ready${restarts ? `, ${restarts} restarts` : ''}` : undefined;
  const status: NodeStatus = crashing
    ? 'CrashLoopBackOff'
    : phase === 'Running' || phase === 'Pending' || phase === 'Failed' || phase === 'Succeeded'
      ? phase
      : 'Unknown';
  return detail ? { status, detail } : { status };
}

function replicaStatus(record: ObjectRecord): StatusSummary {
  const statusBlock = field(record.object, 'status');
  const desired =
    record.kind === 'DaemonSet' ? num(field(statusBlock, 'desiredNumberScheduled')) : num(field(record.object, 'spec', 'replicas') ?? 1);
  if (statusBlock === undefined) return { status: 'Unknown', detail: `${desired} desired` };
  const ready = record.kind === 'DaemonSet' ? num(field(statusBlock, 'numberReady')) : num(field(statusBlock, 'readyReplicas'));
  const status: NodeStatus = ready >= desired ? 'Ready' : ready === 0 ? 'Pending' : 'Degraded';
  return { status, detail: `${ready}/${desired} ready` };
}

function claimStatus(record: ObjectRecord): StatusSummary {
  const phase = stringField(record.object, 'status', 'phase');
  if (phase === 'Bound') return { status: 'Bound' };
  if (phase === 'Pending' || phase === 'Lost') return { status: 'Unbound', detail: phase };
  return { status: 'Unknown' };
}

function jobStatus(record: ObjectRecord): StatusSummary {
  const conditions = arrayField(record.object, 'status', 'conditions');
  const isTrue = (type: string): boolean => conditions.some((c) => field(c, 'type') === type && field(c, 'status') === 'True');
  if (isTrue('Complete')) return { status: 'Succeeded' };
  if (isTrue('Failed')) return { status: 'Failed' };
  return { status: field(record.object, 'status', 'active') ? 'Running' : 'Unknown' };
}

function nodeStatus(record: ObjectRecord): StatusSummary {
  const ready = arrayField(record.object, 'status', 'conditions').find((c) => field(c, 'type') === 'Ready');
  if (!ready) return { status: 'Unknown' };
  return { status: field(ready, 'status') === 'True' ? 'Ready' : 'Failed' };
}

function serviceStatus(record: ObjectRecord): StatusSummary {
  const type = stringField(record.object, 'spec', 'type') ?? 'ClusterIP';
  const clusterIp = stringField(record.object, 'spec', 'clusterIP');
  return {
    status: 'Unknown',
    detail: clusterIp && clusterIp !== 'None' ? `${type} ${clusterIp}` : clusterIp === 'None' ? 'headless' : type,
  };
}

/** Longest event text kept as a node's detail: enough to recognise and search, not a log line. */
const EVENT_DETAIL_MAX = 160;

/** An Event reads like `kubectl get events`: type (when Warning), reason, message. Its status stays neutral. */
function eventStatus(record: ObjectRecord): StatusSummary {
  return eventStatusOf(record, eventFacts(record));
}

/** `eventStatus` with the event's facts already read (nodes.ts reads them once for both). */
export function eventStatusOf(record: ObjectRecord, { warning }: EventFacts): StatusSummary {
  const event = loose(record.object);
  const reason = text(event?.['reason']) ?? text(event?.['deprecatedReason']);
  const message = text(event?.['message']) ?? text(event?.['note']);
  const head = warning ? (reason === undefined ? 'Warning' : `Warning ${reason}`) : (reason ?? '');
  const detail = message === undefined ? head : head === '' ? message : `${head}: ${message}`;
  if (detail === '') return { status: 'Unknown' };
  return { status: 'Unknown', detail: detail.length > EVENT_DETAIL_MAX ? `${detail.slice(0, EVENT_DETAIL_MAX - 1)}…` : detail };
}

export interface EventFacts {
  readonly warning: boolean;
  readonly time?: string;
}

/**
 * Whether an Event (core/v1 or events.k8s.io/v1) is a Warning, and when it last happened: the first time it carries
 * of a series' last observation, the last timestamp, the event time, the first timestamp, its creation. Written-out
 * reads (see `Loose`): Events are often a third of a cluster's objects.
 */
export function eventFacts(record: ObjectRecord): EventFacts {
  const event = loose(record.object);
  const warning = text(event?.['type']) === 'Warning';
  const time =
    text(event?.['series']?.['lastObservedTime']) ??
    text(event?.['lastTimestamp']) ??
    text(event?.['deprecatedLastTimestamp']) ??
    text(event?.['eventTime']) ??
    text(event?.['firstTimestamp']) ??
    text(event?.['deprecatedFirstTimestamp']) ??
    text(event?.['metadata']?.['creationTimestamp']);
  return time === undefined ? { warning } : { warning, time };
}

const READERS: ReadonlyMap<string, StatusReader> = new Map<string, StatusReader>([
  ['Pod', podStatus],
  ['Deployment', replicaStatus],
  ['ReplicaSet', replicaStatus],
  ['StatefulSet', replicaStatus],
  ['DaemonSet', replicaStatus],
  ['ReplicationController', replicaStatus],
  ['PersistentVolumeClaim', claimStatus],
  ['PersistentVolume', claimStatus],
  ['Job', jobStatus],
  ['Node', nodeStatus],
  ['Service', serviceStatus],
  ['Event', eventStatus],
]);

export function statusOf(record: ObjectRecord): StatusSummary {
  return READERS.get(record.kind)?.(record) ?? { status: 'Unknown' };
}
