import type { Claims } from '../relations/types.js';
import { addTo, membersOf, removeFrom, type SmallSet } from './smallSets.js';

/**
 * Which producers must be revisited when something other than a referenced object changes: a ReferenceGrant in a
 * namespace, or namespace labels. (Producers of a reference are found from the referenced object's edges.)
 */
export class Watchers {
  private readonly byGrantNamespace = new Map<string, SmallSet>();
  private readonly onNamespaceLabels = new Set<string>();

  watch(producer: string, claims: Claims): void {
    for (const claim of claims.refs) {
      if (claim.grant) addTo(this.byGrantNamespace, claim.grant.toNamespace, producer);
      if (claim.attach) this.onNamespaceLabels.add(producer);
    }
    if (claims.selectors.some((claim) => claim.namespaces.kind === 'selector')) this.onNamespaceLabels.add(producer);
  }

  unwatch(producer: string, claims: Claims): void {
    for (const claim of claims.refs) {
      if (claim.grant) removeFrom(this.byGrantNamespace, claim.grant.toNamespace, producer);
    }
    this.onNamespaceLabels.delete(producer);
  }

  /** Snapshots (callers recompute producers, which re-registers them while iterating). */
  grantDependent(namespace: string): string[] {
    return membersOf(this.byGrantNamespace.get(namespace));
  }

  namespaceDependent(): string[] {
    return [...this.onNamespaceLabels];
  }
}
