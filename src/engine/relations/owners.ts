import { groupOfApiVersion } from '../model/kinds.js';
import { list, loose, text, type Loose } from '../model/object.js';
import type { ScopeTable } from '../model/scope.js';
import type { RelationFamily } from './types.js';

/**
 * The id an ownerReference names, read as every reader of owners reads it: a kind and a name as text (a reference
 * without them names nothing: the API server refuses it, a manifest may have it), the group from its apiVersion, in
 * the child's namespace unless the owner's kind is cluster-scoped.
 */
export function ownerReferenceId(ref: Loose, namespace: string, scopes: ScopeTable): string | undefined {
  const kind = text(ref?.['kind']);
  const name = text(ref?.['name']);
  return kind && name ? scopes.refId(groupOfApiVersion(text(ref?.['apiVersion'])).group, kind, namespace, name) : undefined;
}

/** metadata.ownerReferences: owner → child, every ref (controller marked), cluster-scoped owners included. */
export const ownerRelations: RelationFamily = {
  name: 'owners',
  kinds: '*',
  claim(record, claims, { scopes }) {
    // Every object of a cluster passes here: written-out reads (see `Loose`).
    for (const ref of list(loose(record.object)?.['metadata']?.['ownerReferences'])) {
      const target = ownerReferenceId(ref, record.namespace, scopes);
      if (!target) continue;
      const controller = (ref?.['controller'] as unknown) === true;
      // Every field in the literal: one shape for the claims every object of a cluster makes.
      claims.refs.push({
        type: 'owns',
        target,
        via: controller ? 'controller' : 'owner',
        reverse: true,
        uid: text(ref?.['uid']),
        controller,
      });
    }
  },
};
