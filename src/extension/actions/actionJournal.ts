/**
 * What the user did to the cluster, kept where they look for what happened: the Kubilitics log (as the kubectl line
 * that would do it), the history database (as an Event row of their own, so time travel shows it beside the cluster's
 * Events), and the Events view (a row with source "you (Kubilitics)"). One journal for the extension's lifetime,
 * like the log; actions reach it through `recordAction`.
 */
import { canonicalGroup, normalizeGroup, objectId } from '../../engine/model/kinds.js';
import type { ObjectRef } from './objectApi.js';
import { USER_REASON_PREFIX, USER_SOURCE, type EventEntry } from '../views/eventEntry.js';

/** One action as it is journaled. */
export interface ActionRecord {
  /** The object acted on, as the graph names it. */
  readonly objectId: string;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `Scale`, `Delete`…: the Event reason is `Kubilitics<verb>`. */
  readonly verb: string;
  /** The kubectl command line equivalent to what was done. */
  readonly command: string;
  readonly at: number;
}

/** Where journaled actions go (set while the extension runs). */
export interface ActionSink {
  record(action: ActionRecord, entry: EventEntry): void;
}

let sink: ActionSink | undefined;

export function setActionSink(next: ActionSink | undefined): void {
  sink = next;
}

/** The Events view's row for an action: a Normal Event about the object, reported by the user. */
export function actionEntry(action: ActionRecord): EventEntry {
  return {
    id: `kubilitics-action:${action.at}:${action.objectId}`,
    type: 'Normal',
    reason: `${USER_REASON_PREFIX}${action.verb}`,
    message: action.command,
    namespace: action.namespace,
    object: { group: action.group, kind: action.kind, namespace: action.namespace, name: action.name },
    source: USER_SOURCE,
    count: 1,
    firstSeen: action.at,
    lastSeen: action.at,
  };
}

export function recordAction(action: ActionRecord): void {
  sink?.record(action, actionEntry(action));
}

/** An object named by its API reference (an apply's target), journaled under the id the graph gives it. */
export function recordObjectAction(ref: ObjectRef, verb: string, command: string, at: number): void {
  const group = normalizeGroup(canonicalGroup(ref.group, ref.kind));
  const { kind, namespace, name } = ref;
  recordAction({ objectId: objectId(group, kind, namespace, name), group, kind, namespace, name, verb, command, at });
}
