import { anchorLabels } from '../model/selector.js';
import type { SelectableClass, SelectorClaim } from '../relations/types.js';
import type { Selectable } from './selectableIndex.js';
import { addTo, forEachIn, removeFrom, type SmallSet } from './smallSets.js';

/** Selector claims by what they can match, so a changed object finds the few selectors that may select it. */
export class SelectorRegistry {
  private readonly sourcesByKey = new Map<string, SmallSet>();

  register(sourceId: string, claims: readonly SelectorClaim[]): void {
    if (claims.length === 0) return;
    for (const key of keysOf(claims)) addTo(this.sourcesByKey, key, sourceId);
  }

  unregister(sourceId: string, claims: readonly SelectorClaim[]): void {
    if (claims.length === 0) return;
    for (const key of keysOf(claims)) removeFrom(this.sourcesByKey, key, sourceId);
  }

  /** Adds to `into` the sources with a claim that may select `item` of class `cls`. */
  candidates(cls: SelectableClass, item: Selectable, into: Set<string>): void {
    const prefix = localPrefix(cls, item.namespace);
    this.collect(prefix, into);
    for (const key in item.labels) this.collect([prefix, key, '=', item.labels[key]].join(''), into);
    this.collect(crossKey(cls), into);
  }

  private collect(key: string, into: Set<string>): void {
    forEachIn(this.sourcesByKey.get(key), (id) => into.add(id));
  }
}

/** Keys are joined, not concatenated: flat strings, hashed without flattening a rope first. */
function localPrefix(cls: SelectableClass, namespace: string): string {
  return ['local', cls, namespace, ''].join('\u0000');
}

function crossKey(cls: SelectableClass): string {
  return `cross\u0000${cls}`;
}

function keysOf(claims: readonly SelectorClaim[]): string[] {
  const keys: string[] = [];
  for (const claim of claims) {
    if (claim.namespaces.kind !== 'same') {
      keys.push(crossKey(claim.targetClass));
      continue;
    }
    const prefix = localPrefix(claim.targetClass, claim.namespaces.namespace);
    const anchors = anchorLabels(claim.selector);
    if (anchors.length === 0) keys.push(prefix);
    for (const anchor of anchors) keys.push([prefix, anchor].join(''));
  }
  return keys;
}
