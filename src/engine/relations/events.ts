import { groupOfApiVersion } from '../model/kinds.js';
import { field, stringField } from '../model/object.js';
import type { RefClaim, RelationFamily } from './types.js';

/** Event (core: involvedObject; events.k8s.io: regarding) → the object it is about. */
export const eventRelations: RelationFamily = {
  name: 'events',
  kinds: new Set(['Event']),
  claim(record, claims, { scopes }) {
    const subject = field(record.object, record.group === 'events.k8s.io' ? 'regarding' : 'involvedObject');
    const kind = stringField(subject, 'kind');
    const name = stringField(subject, 'name');
    if (!kind || !name) return;
    const { group } = groupOfApiVersion(stringField(subject, 'apiVersion'));
    const uid = stringField(subject, 'uid');
    // Events outlive their objects by design (an hour by default): an event about a deleted object is not broken.
    const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = { type: 'event',
      target: scopes.refId(group, kind, stringField(subject, 'namespace') ?? record.namespace, name), via: stringField(record.object, 'reason') ?? 'event', optional: true };
    if (uid) claim.uid = uid;
    claims.refs.push(claim);
  },
};
