import type { ObjectRecord } from '../model/object.js';
import type { ScopeTable } from '../model/scope.js';
import type { GraphState } from './graphState.js';
import type { HeldObjects } from './heldObjects.js';
import type { IdTable } from './idTable.js';
import { selectableOf, type Selectable } from './selectableIndex.js';
import type { SelectorClaims } from './selectorClaims.js';
import { namespaceLabelsChanged, type Watchers } from './watchers.js';
import type { SelectableClass, SelectorClaim } from '../relations/types.js';

/** An upsert or delete of one object (engine.ts `ObjectEvent`; generic here so this file need not import the engine). */
interface PageEvent {
  readonly type: 'upsert' | 'delete';
}

/** The engine's parts a page of a list reads and writes (engine.ts `applyBatch`). */
export interface PageParts<Event extends PageEvent = PageEvent> {
  /** The event's object as a record, or undefined (with a warning) when it cannot be held. */
  admit(event: Event): ObjectRecord | undefined;
  readonly scopes: ScopeTable;
  readonly ids: IdTable;
  readonly held: HeldObjects;
  readonly selectors: SelectorClaims;
  readonly watchers: Watchers;
  readonly state: GraphState;
  /**
   * Re-reads a producer's claims and drafts (`recomputeSource` without drawing): the edges it feeds join `touched`.
   * `takeBack`: first take back what it watched and drafted (false for an object not held before: it has neither).
   */
  contributeAt(producer: number, touched: Set<number>, takeBack: boolean): void;
}

/**
 * A page as held: its ids by number, in the order of their first event, with the record each had before the page.
 * The page holds each number until it is resolved, so a number stands for one id throughout (no string look-ups).
 */
export interface HeldPage {
  readonly numbers: number[];
  readonly before: (ObjectRecord | undefined)[];
  /**
   * Whether each id was unknown before the page: no object, placeholder or edge end had it, so no producer outside
   * the page can refer to it yet (a reference draft holds its target's number).
   */
  readonly unknown: boolean[];
  /** Numbers of the page (for "is this producer outside the page?"). */
  readonly inPage: ReadonlySet<number>;
}

/** Holds each event's object (the last event for an id wins), noting what each id had before the page. */
export function holdPage<Event extends PageEvent>(parts: PageParts<Event>, events: readonly Event[]): HeldPage {
  const page = { numbers: [] as number[], before: [] as (ObjectRecord | undefined)[], unknown: [] as boolean[], inPage: new Set<number>() };
  const { ids, held } = parts;
  for (const event of events) {
    const record = parts.admit(event);
    if (!record) continue;
    // One hash of the id for the whole page: the page holds the number, the record holds it once more below.
    const number = ids.acquire(record.id);
    const previous = held.at(number);
    if (page.inPage.has(number)) ids.release(number);
    else {
      page.inPage.add(number);
      page.numbers.push(number);
      page.before.push(previous);
      page.unknown.push(ids.holders(number) === 1);
    }
    if (previous) held.remove(previous);
    if (event.type === 'upsert') held.addAt(number, record, parts.scopes);
  }
  return page;
}

/**
 * Claims of the page's objects, read against the page as held; then what producers outside the page must revisit
 * (selectors that may pick a page object, references naming one, namespace labels, grants); then every edge once.
 */
export function resolvePage(parts: PageParts, page: HeldPage): void {
  const { numbers, before, unknown, inPage } = page;
  const { state } = parts;
  const touched = new Set<number>();
  for (const number of numbers) state.refreshNodeAt(number);
  for (let index = 0; index < numbers.length; index++) parts.contributeAt(numbers[index]!, touched, before[index] !== undefined);
  // One set of candidates for the whole page, cleared per object.
  const candidates = new Set<number>();
  const scratch = { inPage, candidates, touched };
  for (let index = 0; index < numbers.length; index++) {
    const number = numbers[index]!;
    const previous = before[index];
    const next = parts.held.at(number);
    candidates.clear();
    if (!previous) selectNew(parts, number, next && selectableOf(next), scratch);
    else {
      for (const version of [previous, next]) {
        const selectable = version && selectableOf(version);
        if (selectable) parts.selectors.candidates(selectable.cls, selectable.item, candidates);
      }
      for (const source of candidates) if (!inPage.has(source)) reevaluatePair(parts, source, number);
    }
    // An id unknown before the page is named only by the page's own producers.
    if (unknown[index]) continue;
    state.touchReferencing(number, inPage, touched);
  }
  revisitWatchers(parts, page, touched);
  state.materialize(touched);
  for (const number of numbers) parts.ids.release(number);
}

/**
 * Outside selectors that pick an object not held before the page: selectors draft only towards held objects, so
 * there is nothing to replace, and their accepted claims are drafted into the page's edges directly.
 */
function selectNew(
  parts: PageParts,
  selected: number,
  selectable: { readonly cls: SelectableClass; readonly item: Selectable } | undefined,
  page: { readonly inPage: ReadonlySet<number>; readonly candidates: Set<number>; readonly touched: Set<number> },
): void {
  if (!selectable) return;
  const { inPage, candidates, touched } = page;
  parts.selectors.candidates(selectable.cls, selectable.item, candidates);
  for (const producer of candidates) {
    if (inPage.has(producer)) continue;
    for (const claim of parts.selectors.of(producer) ?? []) {
      if (claim.targetClass !== selectable.cls || !parts.held.index.accepts(claim, selectable.item)) continue;
      parts.state.addSelected(producer, claim, selected, touched);
    }
  }
}

/** Producers watching namespace labels (once per page with a Namespace) or a page's ReferenceGrant namespaces. */
function revisitWatchers(parts: PageParts, page: HeldPage, touched: Set<number>): void {
  const revisit = new Set<string>();
  let namespaceChanged = false;
  for (let index = 0; index < page.numbers.length; index++) {
    const previous = page.before[index];
    const next = parts.held.at(page.numbers[index]);
    const version = next ?? previous;
    if (version?.kind === 'Namespace' && namespaceLabelsChanged(previous, next)) namespaceChanged = true;
    if (version?.kind === 'ReferenceGrant') for (const source of parts.watchers.grantDependent(version.namespace)) revisit.add(source);
  }
  if (namespaceChanged) for (const source of parts.watchers.namespaceDependent()) revisit.add(source);
  for (const source of revisit) {
    // A watcher is a held producer, so it has a number.
    const producer = parts.ids.lookup(source);
    if (producer !== undefined && !page.inPage.has(producer)) parts.contributeAt(producer, touched, true);
  }
}

/** Re-decides whether `source`'s selectors pick the one object `selected` (both id numbers), drawing what changed. */
export function reevaluatePair(parts: PageParts, source: number, selected: number): void {
  const selectors = parts.selectors.of(source);
  if (!selectors) return;
  const record = parts.held.at(selected);
  const selectable = record && selectableOf(record);
  const accepted: SelectorClaim[] = [];
  for (const claim of selectors) {
    if (!selectable || claim.targetClass !== selectable.cls || !parts.held.index.accepts(claim, selectable.item)) continue;
    accepted.push(claim);
  }
  parts.state.replaceSelected(source, selected, accepted);
}
