import { groupOfApiVersion } from '../model/kinds.js';
import { list, loose, text } from '../model/object.js';
import type { RelationFamily } from './types.js';

/** metadata.ownerReferences: owner → child, every ref (controller marked), cluster-scoped owners included. */
export const ownerRelations: RelationFamily = {
  name: 'owners',
  kinds: '*',
  claim(record, claims, { scopes }) {
    // Every object of a cluster passes here: written-out reads (see `Loose`).
    for (const ref of list(loose(record.object)?.metadata?.ownerReferences)) {
      // A reference without a kind or a name names nothing (the API server refuses it; a manifest may have it).
      const kind = text(ref?.kind);
      const name = text(ref?.name);
      if (!kind || !name) continue;
      const apiVersion: unknown = ref?.apiVersion;
      const { group } = groupOfApiVersion(typeof apiVersion === 'string' ? apiVersion : undefined);
      const uid: unknown = ref?.uid;
      const controller = (ref?.controller as unknown) === true;
      // Every field in the literal: one shape for the claims every object of a cluster makes.
      claims.refs.push({ type: 'owns', target: scopes.refId(group, kind, record.namespace, name), via: controller ? 'controller' : 'owner',
        reverse: true, uid: typeof uid === 'string' && uid ? uid : undefined, controller });
    }
  },
};
