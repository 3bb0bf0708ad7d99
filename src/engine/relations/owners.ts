import { groupOfApiVersion } from '../model/kinds.js';
import { arrayField, recordField } from '../model/object.js';
import type { RefClaim, RelationFamily } from './types.js';

/** metadata.ownerReferences: owner → child, every ref (controller marked), cluster-scoped owners included. */
export const ownerRelations: RelationFamily = {
  name: 'owners',
  kinds: '*',
  claim(record, claims, { scopes }) {
    for (const entry of arrayField(record.object, 'metadata', 'ownerReferences')) {
      const ref = recordField(entry);
      const kind = ref?.['kind'];
      const name = ref?.['name'];
      if (typeof kind !== 'string' || typeof name !== 'string') continue;
      const { group } = groupOfApiVersion(typeof ref?.['apiVersion'] === 'string' ? ref['apiVersion'] : undefined);
      const uid = typeof ref?.['uid'] === 'string' ? ref['uid'] : undefined;
      const controller = ref?.['controller'] === true;
      const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } =
        { type: 'owns', target: scopes.refId(group, kind, record.namespace, name), via: controller ? 'controller' : 'owner', reverse: true };
      if (uid) claim.uid = uid;
      if (controller) claim.controller = true;
      claims.refs.push(claim);
    }
  },
};
