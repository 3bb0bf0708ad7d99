import type { ObjectRecord } from '../model/object.js';
import type { Claims } from '../relations/types.js';
import { addTo, membersOf, removeFrom, type SmallSet } from './smallSets.js';

/**
 * Which producers must be revisited when something other than a referenced object changes: a ReferenceGrant in a
 * namespace, or namespace labels. (Producers of a reference are found from the referenced object's edges.)
 * Keeps what each producer watches itself, so the engine need not keep every producer's claims to unwatch it.
 */
export class Watchers {
  private readonly byGrantNamespace = new Map<string, SmallSet>();
  private readonly grantNamespacesOf = new Map<string, string[]>();
  private readonly onNamespaceLabels = new Set<string>();

  watch(producer: string, claims: Claims): void {
    for (const claim of claims.refs) {
      if (claim.grant) {
        addTo(this.byGrantNamespace, claim.grant.toNamespace, producer);
        const namespaces = this.grantNamespacesOf.get(producer);
        if (namespaces) namespaces.push(claim.grant.toNamespace);
        else this.grantNamespacesOf.set(producer, [claim.grant.toNamespace]);
      }
      if (claim.attach) this.onNamespaceLabels.add(producer);
    }
    if (claims.selectors.some((claim) => claim.namespaces.kind === 'selector')) this.onNamespaceLabels.add(producer);
  }

  unwatch(producer: string): void {
    for (const namespace of this.grantNamespacesOf.get(producer) ?? []) removeFrom(this.byGrantNamespace, namespace, producer);
    this.grantNamespacesOf.delete(producer);
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

/**
 * Whether a Namespace's change can matter to producers watching namespace labels: they read its labels alone, and an
 * absent Namespace reads as one without labels (selectableIndex.ts `labelsOfNamespace`). A relist re-upserting every
 * Namespace unchanged, or a new one without labels, revisits none of them.
 */
export function namespaceLabelsChanged(previous: ObjectRecord | undefined, next: ObjectRecord | undefined): boolean {
  const before = previous?.labels ?? {};
  const after = next?.labels ?? {};
  const keys = Object.keys(before);
  if (keys.length !== Object.keys(after).length) return true;
  return keys.some((key) => before[key] !== after[key] || !(key in after));
}
