import type { Claims } from '../relations/types.js';

/** Which producers must be revisited when another object changes: by referenced id, by grant namespace, on namespace labels. */
export class Watchers {
  private readonly byReferenced = new Map<string, Set<string>>();
  private readonly byGrantNamespace = new Map<string, Set<string>>();
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
    return [...(this.byReferenced.get(id) ?? [])];
  }

  grantDependent(namespace: string): string[] {
    return [...(this.byGrantNamespace.get(namespace) ?? [])];
  }

  namespaceDependent(): string[] {
    return [...this.onNamespaceLabels];
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function remove(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}
