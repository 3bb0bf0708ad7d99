import { list, loose, text, type ObjectRecord } from '../model/object.js';
import { anchorPairs, matchesSelector } from '../model/selector.js';
import { podSelectableLabels } from '../relations/selectors.js';
import type { NamespaceScope, SelectableClass, SelectorClaim } from '../relations/types.js';
import { WORKLOAD_KINDS } from '../model/kinds.js';
import { addTo, forEachIn, removeFrom, type SmallSet } from './smallSets.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** How one object appears to selectors of one class. */
export interface Selectable {
  readonly id: string;
  readonly kind: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Controlled by another workload (a Deployment's ReplicaSet, a CronJob's Job). */
  readonly controlled?: boolean;
}

/** Keyed by the objects' id numbers: selectors then hand the engine numbers, with no lookup of the id strings. */
interface NamespaceBucket {
  readonly all: Map<number, Selectable>;
  /** Label key → value → ids: two lookups of the object's own strings, not one of a `key=value` string made per label. */
  readonly byLabel: Map<string, Map<string, SmallSet<number>>>;
}

export function selectableOf(record: ObjectRecord): { cls: SelectableClass; item: Selectable } | undefined {
  switch (record.kind) {
    // An object selected by its own labels is its own selectable (no copy per pod: pods are most of a cluster).
    case 'ClusterRole':
      return { cls: 'clusterroles', item: record };
    case 'ServiceAccount':
      return { cls: 'serviceaccounts', item: record };
    case 'Pod':
      return { cls: 'pods', item: record };
    case 'Namespace':
      return { cls: 'namespaces', item: selectable(record, namespaceLabels(record.name, record.labels), false) };
    default: {
      const labels = podSelectableLabels(record);
      if (!labels) return undefined;
      return { cls: 'pods', item: selectable(record, labels, isControlledWorkload(record)) };
    }
  }
}

function selectable(record: ObjectRecord, labels: Readonly<Record<string, string>>, controlled: boolean): Selectable {
  return { id: record.id, kind: record.kind, namespace: record.namespace, labels, controlled };
}

/** Read as the owner edges read it (a reference needs a kind and a name), and never trusting the input's shape. */
function isControlledWorkload(record: ObjectRecord): boolean {
  if (!WORKLOAD_KINDS.has(record.kind)) return false;
  return list(loose(record.object)?.['metadata']?.['ownerReferences']).some(
    (ref) =>
      (ref?.['controller'] as unknown) === true && WORKLOAD_KINDS.has(text(ref?.['kind']) ?? '') && text(ref?.['name']) !== undefined,
  );
}

export function namespaceLabels(name: string, labels: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return { ...labels, [NAMESPACE_NAME_LABEL]: name };
}

/**
 * Objects by class, namespace and `key=value` label, so a selector reads only the objects that can match it. Each
 * object is indexed under its id number, which it holds while indexed.
 */
export class SelectableIndex {
  private readonly classes = new Map<SelectableClass, Map<string, NamespaceBucket>>();
  private readonly namespaceObjects = new Map<string, Readonly<Record<string, string>>>();

  add(record: ObjectRecord, id: number): void {
    if (record.kind === 'Namespace') this.namespaceObjects.set(record.name, record.labels);
    const entry = selectableOf(record);
    if (!entry) return;
    const bucket = this.bucket(entry.cls, entry.item.namespace);
    bucket.all.set(id, entry.item);
    for (const key in entry.item.labels) {
      let values = bucket.byLabel.get(key);
      if (!values) bucket.byLabel.set(key, (values = new Map()));
      addTo(values, entry.item.labels[key]!, id);
    }
  }

  remove(record: ObjectRecord, id: number): void {
    if (record.kind === 'Namespace') this.namespaceObjects.delete(record.name);
    const entry = selectableOf(record);
    if (!entry) return;
    const bucket = this.classes.get(entry.cls)?.get(entry.item.namespace);
    if (!bucket) return;
    bucket.all.delete(id);
    for (const key in entry.item.labels) {
      const values = bucket.byLabel.get(key);
      if (!values) continue;
      removeFrom(values, entry.item.labels[key]!, id);
      if (values.size === 0) bucket.byLabel.delete(key);
    }
  }

  /** Labels of a namespace for namespaceSelectors: its Namespace object's, plus the name label the API server sets. */
  labelsOfNamespace(name: string): Readonly<Record<string, string>> {
    return namespaceLabels(name, this.namespaceObjects.get(name) ?? {});
  }

  /** The id numbers of every object the claim selects but `source`, read through the label index (never a scan). */
  match(claim: SelectorClaim, source: number): number[] {
    const buckets = this.classes.get(claim.targetClass);
    if (!buckets) return [];
    const anchors = anchorPairs(claim.selector);
    const result: number[] = [];
    for (const namespace of this.namespacesIn(claim.namespaces, buckets)) {
      const bucket = buckets.get(namespace);
      if (!bucket) continue;
      const accept = (item: Selectable, id: number): void => {
        if (id !== source && claimAccepts(claim, item)) result.push(id);
      };
      if (anchors.length === 0) bucket.all.forEach(accept);
      else for (const [key, value] of anchors) forEachIn(bucket.byLabel.get(key)?.get(value), (id) => accept(bucket.all.get(id)!, id));
    }
    return result;
  }

  /** Whether the claim selects this one object (the reverse direction, for incremental updates). */
  accepts(claim: SelectorClaim, item: Selectable): boolean {
    return this.namespaceInScope(claim.namespaces, item.namespace) && claimAccepts(claim, item);
  }

  namespaceInScope(scope: NamespaceScope, namespace: string): boolean {
    if (scope.kind === 'same') return scope.namespace === namespace;
    if (scope.kind === 'all') return true;
    return matchesSelector(scope.selector, this.labelsOfNamespace(namespace));
  }

  private namespacesIn(scope: NamespaceScope, buckets: Map<string, NamespaceBucket>): string[] {
    if (scope.kind === 'same') return [scope.namespace];
    return [...buckets.keys()].filter((namespace) => this.namespaceInScope(scope, namespace));
  }

  private bucket(cls: SelectableClass, namespace: string): NamespaceBucket {
    let buckets = this.classes.get(cls);
    if (!buckets) this.classes.set(cls, (buckets = new Map()));
    let bucket = buckets.get(namespace);
    if (!bucket) buckets.set(namespace, (bucket = { all: new Map(), byLabel: new Map() }));
    return bucket;
  }
}

function claimAccepts(claim: SelectorClaim, item: Selectable): boolean {
  if (!claim.targetKinds.has(item.kind)) return false;
  if (claim.skipControlled && item.controlled) return false;
  return matchesSelector(claim.selector, item.labels);
}
