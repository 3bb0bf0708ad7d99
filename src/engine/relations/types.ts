import type { EdgeType } from '../model/graph.js';
import type { ObjectRecord } from '../model/object.js';
import type { LabelSelector } from '../model/selector.js';
import type { ScopeTable } from '../model/scope.js';

/** The cross-namespace permission a Gateway API reference needs (a ReferenceGrant in the target namespace). */
export interface GrantRequirement {
  readonly fromGroup: string;
  readonly fromKind: string;
  readonly fromNamespace: string;
  readonly toGroup: string;
  readonly toKind: string;
  readonly toNamespace: string;
  readonly toName: string;
}

/** A Route's attachment to a Gateway: the listener's allowedRoutes decide whether it is permitted. */
export interface AttachmentRequirement {
  readonly routeKind: string;
  readonly routeNamespace: string;
  readonly sectionName?: string;
}

/** A reference from the source object to one named object. */
export interface RefClaim {
  readonly type: EdgeType;
  readonly target: string;
  readonly via: string;
  /** Draw the edge target → source (an owner above its child). */
  readonly reverse?: boolean;
  /** `optional: true` in the reference: no placeholder and no broken edge when the target is absent. */
  readonly optional?: boolean | undefined;
  /** The target is not a Kubernetes object (an ipBlock peer): never missing. */
  readonly synthetic?: { readonly kind: string; readonly name: string };
  readonly uid?: string | undefined;
  readonly controller?: boolean | undefined;
  readonly grant?: GrantRequirement;
  readonly attach?: AttachmentRequirement;
}

/** Which objects a selector claim may select, by the labels that it reads. */
export type SelectableClass = 'pods' | 'clusterroles' | 'serviceaccounts' | 'namespaces';

export type NamespaceScope =
  | { readonly kind: 'same'; readonly namespace: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'selector'; readonly selector: LabelSelector };

export interface SelectorClaim {
  readonly type: EdgeType;
  readonly via: string;
  readonly selector: LabelSelector;
  readonly targetClass: SelectableClass;
  readonly targetKinds: ReadonlySet<string>;
  readonly namespaces: NamespaceScope;
  /** Skip targets whose controller is another workload (a Deployment's ReplicaSets), to keep the view readable. */
  readonly skipControlled?: boolean;
}

export interface Claims {
  readonly refs: RefClaim[];
  readonly selectors: SelectorClaim[];
}

export interface RelationContext {
  readonly scopes: ScopeTable;
}

/** One relation family: the kinds it reads and what it claims from one object. */
export interface RelationFamily {
  readonly name: string;
  /** Source kinds this family reads; `'*'` for every object. */
  readonly kinds: ReadonlySet<string> | '*';
  claim(record: ObjectRecord, claims: Claims, context: RelationContext): void;
}
