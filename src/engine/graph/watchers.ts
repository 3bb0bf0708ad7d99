import type { Claims } from '../relations/types.js';

/** Which producers must be revisited when another object changes: by referenced id, by grant namespace, on namespace labels. */
export class Watchers {
  private readonly byReferenced = new Map<string, Producers>();
  private readonly byGrantNamespace = new Map<string, Producers>();
  private readonly onNamespaceLabels = new Set<string>();

  watch(producer: string, claims: Claims): void {
    for (const claim of claims.refs) {
      add(this.byReferenced, claim.target, producer);
      if (claim.grant) add(this.byGrantNamespace, claim.grant.toNamespace, producer);
      if (claim.attach) this.onNamespaceLabels.add(producer);
    }
    if (claims.selectors.some((claim) => claim.namespaces.kind === 'selector')) this.onNamespaceLabels.add(producer);
  }

  unwatch(producer: string, claims: Claims): void {
    for (const claim of claims.refs) {
      remove(this.byReferenced, claim.target, producer);
      if (claim.grant) remove(this.byGrantNamespace, claim.grant.toNamespace, producer);
    }
    this.onNamespaceLabels.delete(producer);
  }

  /** Snapshots (callers recompute producers, which re-registers them while iterating). */
  referencing(id: string): string[] {
    return listOf(this.byReferenced.get(id));
  }

  grantDependent(namespace: string): string[] {
    return listOf(this.byGrantNamespace.get(namespace));
  }

  namespaceDependent(): string[] {
    return [...this.onNamespaceLabels];
  }
}

/** Most objects are referenced by one producer: a bare string saves a Set per referenced object. */
type Producers = string | Set<string>;

function listOf(producers: Producers | undefined): string[] {
  if (producers === undefined) return [];
  return typeof producers === 'string' ? [producers] : [...producers];
}

function add(map: Map<string, Producers>, key: string, value: string): void {
  const producers = map.get(key);
  if (producers === undefined) map.set(key, value);
  else if (typeof producers !== 'string') producers.add(value);
  else if (producers !== value) map.set(key, new Set([producers, value]));
}

function remove(map: Map<string, Producers>, key: string, value: string): void {
  const producers = map.get(key);
  if (producers === value) map.delete(key);
  else if (typeof producers === 'object') {
    producers.delete(value);
    if (producers.size === 0) map.delete(key);
  }
}
