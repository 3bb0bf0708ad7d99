import type { ObjectRecord } from '../model/object.js';
import type { ScopeTable } from '../model/scope.js';
import type { GraphState } from './graphState.js';
import type { HeldObjects } from './heldObjects.js';
import type { IdTable } from './idTable.js';
import { selectableOf, type Selectable } from './selectableIndex.js';
import type { SelectorClaims } from './selectorClaims.js';
import { namespaceLabelsChanged, type Watchers } from './watchers.js';
import type { SelectableClass, SelectorClaim } from '../relations/types.js';

/** The engine's parts a page of a list reads and writes (engine.ts `applyBatch`). */
/** An upsert or delete of one object (engine.ts `ObjectEvent`; generic here so this file need not import the engine). */
interface PageEvent {
  readonly type: 'upsert' | 'delete';
}

export interface PageParts<Event extends PageEvent = PageEvent> {
  /** The event's object as a record, or undefined (with a warning) when it cannot be held. */
  admit(event: Event): ObjectRecord | undefined;
  readonly scopes: ScopeTable;
  readonly ids: IdTable;
  readonly held: HeldObjects;
  readonly selectors: SelectorClaims;
  readonly watchers: Watchers;
  readonly state: GraphState;
  /** Re-reads a producer's claims and drafts (`recomputeSource` without drawing): the edges it feeds join `touched`. */
  contributeOf(id: string, touched: Set<number>): void;
}

/** A page as held: by id, the record held before the page, and which ids had no number before it. */
export interface HeldPage {
  readonly before: ReadonlyMap<string, ObjectRecord | undefined>;
  /**
   * Ids unknown before the page: no object, placeholder or edge end had them, so no producer outside the page can
   * refer to them yet (a reference draft holds its target's number).
   */
  readonly unknown: ReadonlySet<string>;
}

/** Holds each event's object (the last event for an id wins), noting what each id had before the page. */
export function holdPage<Event extends PageEvent>(parts: PageParts<Event>, events: readonly Event[]): HeldPage {
  const before = new Map<string, ObjectRecord | undefined>();
  const unknown = new Set<string>();
  for (const event of events) {
    const record = parts.admit(event);
    if (!record) continue;
    const number = parts.ids.lookup(record.id);
    const previous = parts.held.at(number);
    if (!before.has(record.id)) {
      before.set(record.id, previous);
      if (number === undefined) unknown.add(record.id);
    }
    if (previous) parts.held.remove(previous);
    if (event.type === 'upsert') parts.held.add(record, parts.scopes);
  }
  return { before, unknown };
}

/**
 * Claims of the page's objects, read against the page as held; then what producers outside the page must revisit
 * (selectors that may pick a page object, references naming one, namespace labels, grants); then every edge once.
 */
export function resolvePage(parts: PageParts, page: HeldPage): void {
  const { before, unknown } = page;
  const { ids, state } = parts;
  const touched = new Set<number>();
  for (const id of before.keys()) state.refreshNode(id);
  for (const id of before.keys()) parts.contributeOf(id, touched);
  const outside = (source: string): boolean => !before.has(source);
  // One set of candidates for the whole page, cleared per object: a page of new objects would make 500 of them.
  const candidates = new Set<string>();
  const scratch = { outside, candidates, touched };
  for (const [id, previous] of before) {
    const next = parts.held.at(ids.lookup(id));
    candidates.clear();
    if (!previous) selectNew(parts, id, next && selectableOf(next), scratch);
    else {
      for (const version of [previous, next]) {
        const selectable = version && selectableOf(version);
        if (selectable) parts.selectors.candidates(selectable.cls, selectable.item, candidates);
      }
      for (const source of candidates) if (outside(source)) reevaluatePair(parts, source, id);
    }
    // An id unknown before the page is named only by the page's own producers.
    if (unknown.has(id)) continue;
    const self = ids.lookup(id);
    for (const producer of state.referencing(id)) {
      if (producer !== self && outside(ids.name(producer))) state.rematerializeReferencing(producer, id, touched);
    }
  }
  revisitWatchers(parts, page, outside, touched);
  state.materialize(touched);
}

/**
 * Outside selectors that pick an object not held before the page: selectors draft only towards held objects, so
 * there is nothing to replace, and their accepted claims are drafted into the page's edges directly.
 */
function selectNew(
  parts: PageParts,
  id: string,
  selectable: { readonly cls: SelectableClass; readonly item: Selectable } | undefined,
  page: { readonly outside: (source: string) => boolean; readonly candidates: Set<string>; readonly touched: Set<number> },
): void {
  if (!selectable) return;
  const { outside, candidates, touched } = page;
  parts.selectors.candidates(selectable.cls, selectable.item, candidates);
  if (candidates.size === 0) return;
  const selected = parts.ids.lookup(id)!;
  for (const source of candidates) {
    if (!outside(source)) continue;
    const producer = parts.ids.lookup(source);
    const selectors = producer === undefined ? undefined : parts.selectors.of(producer);
    if (!selectors) continue;
    for (const claim of selectors) {
      if (claim.targetClass !== selectable.cls || !parts.held.index.accepts(claim, selectable.item)) continue;
      parts.state.addSelected(producer!, claim, selected, touched);
    }
  }
}

/** Producers watching namespace labels (once per page with a Namespace) or a page's ReferenceGrant namespaces. */
function revisitWatchers(parts: PageParts, page: HeldPage, outside: (source: string) => boolean, touched: Set<number>): void {
  const revisit = new Set<string>();
  let namespaceChanged = false;
  for (const [id, previous] of page.before) {
    const next = parts.held.at(parts.ids.lookup(id));
    const version = next ?? previous;
    if (version?.kind === 'Namespace' && namespaceLabelsChanged(previous, next)) namespaceChanged = true;
    if (version?.kind === 'ReferenceGrant') for (const source of parts.watchers.grantDependent(version.namespace)) revisit.add(source);
  }
  if (namespaceChanged) for (const source of parts.watchers.namespaceDependent()) revisit.add(source);
  for (const source of revisit) if (outside(source)) parts.contributeOf(source, touched);
}

/** Re-decides whether `source`'s selectors pick the one object `selected`, drawing what changed. */
export function reevaluatePair(parts: PageParts, source: string, selected: string): void {
  const number = parts.ids.lookup(source);
  const selectors = number === undefined ? undefined : parts.selectors.of(number);
  if (!selectors) return;
  const record = parts.held.at(parts.ids.lookup(selected));
  const selectable = record && selectableOf(record);
  const accepted: SelectorClaim[] = [];
  for (const claim of selectors) {
    if (!selectable || claim.targetClass !== selectable.cls || !parts.held.index.accepts(claim, selectable.item)) continue;
    accepted.push(claim);
  }
  parts.state.replaceSelected(number!, selected, accepted);
}
