/**
 * Events at the workload level: one fold per object that has Events, drawn beside it ("EVENTS / web", "5 events ·
 * 1 warning") with one line to it, instead of one node per Event (a synthetic 5K cluster drew 1,425 of them).
 * Opening the fold (its id in `openedGroups`) draws its Events one by one.
 *
 * Also what a Warning means for the object it is about: a recent Warning Event makes the object read as Degraded,
 * unless its own status is already worse. "Recent" is measured against the newest Event time in the graph, never
 * the wall clock, so the same graph always derives the same view.
 */
import type { NodeStatus, TopologyNode } from '../model/graph.js';
import { STATUS_TONE, TONE_SEVERITY } from '../visual/status.js';
import { nodeLabelLines } from '../visual/nodeGeometry.js';
import type { GraphStore } from './graphStore.js';

/** Prefix of an Events fold: `events:<id of the view node the Events are about>`. */
export const EVENT_FOLD_PREFIX = 'events:';

/**
 * A Warning this long before the newest Event still counts: the API server keeps Events for an hour by default
 * (`--event-ttl`), so in a live cluster every Warning held counts, while a snapshot's old ones do not.
 */
export const RECENT_WARNING_MS = 60 * 60 * 1000;

export function isEventFold(id: string): boolean {
  return id.startsWith(EVENT_FOLD_PREFIX);
}

interface Warnings {
  readonly version: number;
  /** Ids of Events that are recent Warnings. */
  readonly events: ReadonlySet<string>;
  /** Ids of objects a recent Warning Event is about. */
  readonly objects: ReadonlySet<string>;
  /** Object id → how many recent Warning Events are about it. */
  readonly counts: ReadonlyMap<string, number>;
}

const cache = new WeakMap<GraphStore, Warnings>();

/** Recent Warning Events and the objects they are about. Memoised on the store's version. */
function warnings(store: GraphStore): Warnings {
  const cached = cache.get(store);
  if (cached?.version === store.version) return cached;
  const warned: TopologyNode[] = [];
  let newest = Number.NEGATIVE_INFINITY;
  for (const node of store.nodes.values()) {
    if (node.kind !== 'Event') continue;
    const time = timeOf(node);
    if (time !== undefined && time > newest) newest = time;
    if (node.warning === true) warned.push(node);
  }
  const events = new Set<string>();
  const objects = new Set<string>();
  const counts = new Map<string, number>();
  for (const event of warned) {
    const time = timeOf(event);
    // An Event without a readable time cannot be told old: it counts.
    if (time !== undefined && time < newest - RECENT_WARNING_MS) continue;
    events.add(event.id);
    for (const edge of store.outgoing(event.id)) {
      if (edge.type !== 'event') continue;
      objects.add(edge.target);
      counts.set(edge.target, (counts.get(edge.target) ?? 0) + 1);
    }
  }
  const result = { version: store.version, events, objects, counts };
  cache.set(store, result);
  return result;
}

function timeOf(node: TopologyNode): number | undefined {
  if (node.time === undefined) return undefined;
  const time = Date.parse(node.time);
  return Number.isNaN(time) ? undefined : time;
}

/** Whether any Event in the graph is a recent Warning: the "Warnings only" filter means something. */
export function hasRecentWarnings(store: GraphStore): boolean {
  return warnings(store).events.size > 0;
}

/** Whether Event `id` is a Warning recent enough to count. */
export function isRecentWarning(store: GraphStore, id: string): boolean {
  return warnings(store).events.has(id);
}

/** How many recent Warning Events are about the objects `ids` (a view node's members): its badge on the canvas. */
export function recentWarningCount(store: GraphStore, ids: readonly string[]): number {
  const counts = warnings(store).counts;
  let total = 0;
  for (const id of ids) total += counts.get(id) ?? 0;
  return total;
}

/**
 * The "warnings only" filter: objects a recent Warning is about, those Warning Events, and every object one visible
 * relation away from a warned object (what it runs on, mounts, is selected by…), so the trouble shows in context.
 */
export function warningNeighbourhood(store: GraphStore, visible: ReadonlySet<string>, hiddenEdgeTypes: readonly string[]): Set<string> {
  const w = warnings(store);
  const hidden = new Set(hiddenEdgeTypes);
  const result = new Set<string>();
  for (const id of w.events) if (visible.has(id)) result.add(id);
  for (const id of w.objects) {
    if (!visible.has(id)) continue;
    result.add(id);
    for (const edges of [store.outgoing(id), store.incoming(id)]) {
      for (const edge of edges) {
        const other = edge.source === id ? edge.target : edge.source;
        // Other Events about it are its history, not its neighbours; its recent Warnings are already in.
        if (hidden.has(edge.type) || edge.type === 'event' || !visible.has(other)) continue;
        result.add(other);
      }
    }
  }
  return result;
}

/** The status an object is drawn with: its own, or Degraded when a recent Warning is about it (or it is one). */
export function shownStatus(store: GraphStore, node: TopologyNode): NodeStatus {
  // Absent on purpose (made outside the files): nothing is known of it, and nothing is wrong with it.
  if (store.isExpected(node.id)) return 'Unknown';
  const w = warnings(store);
  if (!w.objects.has(node.id) && !w.events.has(node.id)) return node.status;
  return TONE_SEVERITY[STATUS_TONE[node.status]] >= TONE_SEVERITY.degraded ? node.status : 'Degraded';
}

/**
 * Fold id → the reachable Events it holds, members in store order. Events are keyed by the view node that shows
 * their object (a Pod folded under its Deployment gives its Events to the Deployment's fold), so each drawn object
 * has at most one Events fold. Left alone: Events already folded (a collapsed namespace), Events about nothing drawn,
 * opened folds, and the fold holding the focused Event.
 */
export function eventFolds(
  store: GraphStore,
  reachable: ReadonlySet<string>,
  representative: ReadonlyMap<string, string>,
  opened: ReadonlySet<string>,
  focus: string | undefined,
): Map<string, string[]> {
  const folds = new Map<string, string[]>();
  for (const id of reachable) {
    if (representative.has(id) || store.nodes.get(id)?.kind !== 'Event') continue;
    const about = store.outgoing(id).find((edge) => edge.type === 'event')?.target;
    if (about === undefined || !reachable.has(about)) continue;
    const fold = EVENT_FOLD_PREFIX + (representative.get(about) ?? about);
    if (opened.has(fold)) continue;
    const list = folds.get(fold);
    if (list === undefined) folds.set(fold, [id]);
    else list.push(id);
  }
  if (focus !== undefined) for (const [fold, ids] of folds) if (ids.includes(focus)) folds.delete(fold);
  return folds;
}

/** "5 events · 1 warning": how many Events the fold holds, and how many of them are recent Warnings. */
export function eventFoldCounts(store: GraphStore, members: readonly string[]): string {
  const warned = members.filter((id) => isRecentWarning(store, id)).length;
  const events = `${members.length} event${members.length === 1 ? '' : 's'}`;
  return warned === 0 ? events : `${events} · ${warned} warning${warned === 1 ? '' : 's'}`;
}

/** The label lines of an Events fold about `title`: tag, the object's name, the counts on a line of their own. */
export function eventFoldLines(store: GraphStore, title: string, members: readonly string[]): string[] {
  return [...nodeLabelLines(EVENT_FOLD_TAG, title), eventFoldCounts(store, members)];
}

export const EVENT_FOLD_TAG = 'EVENTS';
