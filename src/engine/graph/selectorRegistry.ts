import { anchorPairs } from '../model/selector.js';
import type { SelectableClass, SelectorClaim } from '../relations/types.js';
import type { Selectable } from './selectableIndex.js';
import { addTo, removeFrom, type SmallSet } from './smallSets.js';

/** Sources of the claims of one class in one namespace: with no anchor label, or by anchor label key and value. */
interface LocalSources<Source extends string | number> {
  readonly unanchored: Map<'', SmallSet<Source>>;
  readonly byLabel: Map<string, Map<string, SmallSet<Source>>>;
}

/**
 * Selector claims by what they can match, so a changed object finds the few selectors that may select it. Looked up
 * by the object's own label strings (class, namespace, key, value: a map each), never by a key string made per
 * label: a list page asks once per object, and joining and hashing those strings was most of the cost. Sources are
 * whatever the owner keys them by (the engine: producers' id numbers, so a page compares numbers, not id strings).
 */
export class SelectorRegistry<Source extends string | number = string> {
  private readonly local = new Map<SelectableClass, Map<string, LocalSources<Source>>>();
  private readonly cross = new Map<SelectableClass, SmallSet<Source>>();

  register(sourceId: Source, claims: readonly SelectorClaim[]): void {
    for (const claim of claims) {
      if (claim.namespaces.kind !== 'same') {
        addTo(this.cross, claim.targetClass, sourceId);
        continue;
      }
      const sources = this.sources(claim.targetClass, claim.namespaces.namespace);
      const anchors = anchorPairs(claim.selector);
      if (anchors.length === 0) addTo(sources.unanchored, '', sourceId);
      for (const [key, value] of anchors) {
        let values = sources.byLabel.get(key);
        if (!values) sources.byLabel.set(key, (values = new Map()));
        addTo(values, value, sourceId);
      }
    }
  }

  unregister(sourceId: Source, claims: readonly SelectorClaim[]): void {
    for (const claim of claims) {
      if (claim.namespaces.kind !== 'same') {
        removeFrom(this.cross, claim.targetClass, sourceId);
        continue;
      }
      const sources = this.local.get(claim.targetClass)?.get(claim.namespaces.namespace);
      if (!sources) continue;
      const anchors = anchorPairs(claim.selector);
      if (anchors.length === 0) removeFrom(sources.unanchored, '', sourceId);
      for (const [key, value] of anchors) {
        const values = sources.byLabel.get(key);
        if (!values) continue;
        removeFrom(values, value, sourceId);
        if (values.size === 0) sources.byLabel.delete(key);
      }
    }
  }

  /** Adds to `into` the sources with a claim that may select `item` of class `cls`. */
  candidates(cls: SelectableClass, item: Selectable, into: Set<Source>): void {
    const sources = this.local.get(cls)?.get(item.namespace);
    if (sources) {
      addAll(into, sources.unanchored.get(''));
      if (sources.byLabel.size > 0) for (const key in item.labels) addAll(into, sources.byLabel.get(key)?.get(item.labels[key]!));
    }
    addAll(into, this.cross.get(cls));
  }

  private sources(cls: SelectableClass, namespace: string): LocalSources<Source> {
    let namespaces = this.local.get(cls);
    if (!namespaces) this.local.set(cls, (namespaces = new Map()));
    let sources = namespaces.get(namespace);
    if (!sources) namespaces.set(namespace, (sources = { unanchored: new Map(), byLabel: new Map() }));
    return sources;
  }
}

/** Every member into `into` (no closure per call: a page asks once per object). */
function addAll<Source extends string | number>(into: Set<Source>, members: SmallSet<Source> | undefined): void {
  if (members === undefined) return;
  if (typeof members === 'object') for (const member of members) into.add(member);
  else into.add(members);
}
