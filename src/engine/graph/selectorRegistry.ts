import { anchorPairs } from '../model/selector.js';
import type { SelectableClass, SelectorClaim } from '../relations/types.js';
import type { Selectable } from './selectableIndex.js';
import { addTo, forEachIn, removeFrom, type SmallSet } from './smallSets.js';

/** Sources of the claims of one class in one namespace: with no anchor label, or by anchor label key and value. */
interface LocalSources {
  readonly unanchored: Map<'', SmallSet>;
  readonly byLabel: Map<string, Map<string, SmallSet>>;
}

/**
 * Selector claims by what they can match, so a changed object finds the few selectors that may select it. Looked up
 * by the object's own label strings (class, namespace, key, value: a map each), never by a key string made per
 * label: a list page asks once per object, and joining and hashing those strings was most of the cost.
 */
export class SelectorRegistry {
  private readonly local = new Map<SelectableClass, Map<string, LocalSources>>();
  private readonly cross = new Map<SelectableClass, SmallSet>();

  register(sourceId: string, claims: readonly SelectorClaim[]): void {
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

  unregister(sourceId: string, claims: readonly SelectorClaim[]): void {
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
  candidates(cls: SelectableClass, item: Selectable, into: Set<string>): void {
    const add = (id: string): void => void into.add(id);
    const sources = this.local.get(cls)?.get(item.namespace);
    if (sources) {
      forEachIn(sources.unanchored.get(''), add);
      if (sources.byLabel.size > 0) for (const key in item.labels) forEachIn(sources.byLabel.get(key)?.get(item.labels[key]!), add);
    }
    forEachIn(this.cross.get(cls), add);
  }

  private sources(cls: SelectableClass, namespace: string): LocalSources {
    let namespaces = this.local.get(cls);
    if (!namespaces) this.local.set(cls, (namespaces = new Map()));
    let sources = namespaces.get(namespace);
    if (!sources) namespaces.set(namespace, (sources = { unanchored: new Map(), byLabel: new Map() }));
    return sources;
  }
}
