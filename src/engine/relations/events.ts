import { groupOfApiVersion } from '../model/kinds.js';
import { loose, text } from '../model/object.js';
import type { RefClaim, RelationFamily } from './types.js';

/** Event (core: involvedObject; events.k8s.io: regarding) → the object it is about. */
export const eventRelations: RelationFamily = {
  name: 'events',
  kinds: new Set(['Event']),
  claim(record, claims, { scopes }) {
    const event = loose(record.object);
    const subject = record.group === 'events.k8s.io' ? event?.['regarding'] : event?.['involvedObject'];
    const kind = text(subject?.['kind']);
    const name = text(subject?.['name']);
    if (!kind || !name) return;
    const { group } = groupOfApiVersion(text(subject?.['apiVersion']));
    const uid = text(subject?.['uid']);
    // Events outlive their objects by design (an hour by default): an event about a deleted object is not broken.
    const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = {
      type: 'event',
      target: scopes.refId(group, kind, text(subject?.['namespace']) ?? record.namespace, name),
      via: text(event?.['reason']) ?? 'event',
      optional: true,
    };
    if (uid) claim.uid = uid;
    claims.refs.push(claim);
  },
};
