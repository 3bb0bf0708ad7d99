import { admissionRelations } from './admission.js';
import { customRelations } from './custom.js';
import { endpointRelations } from './endpoints.js';
import { eventRelations } from './events.js';
import { gatewayRelations } from './gateway.js';
import { ingressRelations } from './ingress.js';
import { networkPolicyRelations } from './networkPolicy.js';
import { ownerRelations } from './owners.js';
import { podSpecRelations } from './podSpec.js';
import { rbacRelations } from './rbac.js';
import { selectorRelations } from './selectors.js';
import { serviceAccountRelations } from './serviceAccount.js';
import { storageRelations } from './storage.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';
import { workloadRelations } from './workloads.js';
import type { ObjectRecord } from '../model/object.js';

/** Every relation family, in a fixed order (claims are merged per edge, so the order does not change the graph). */
export const RELATION_FAMILIES: readonly RelationFamily[] = [
  ownerRelations,
  selectorRelations,
  networkPolicyRelations,
  endpointRelations,
  ingressRelations,
  gatewayRelations,
  podSpecRelations,
  serviceAccountRelations,
  storageRelations,
  workloadRelations,
  rbacRelations,
  admissionRelations,
  eventRelations,
  customRelations,
];

const UNIVERSAL = RELATION_FAMILIES.filter((family) => family.kinds === '*');
const BY_KIND = new Map<string, RelationFamily[]>();
for (const family of RELATION_FAMILIES) {
  if (family.kinds === '*') continue;
  for (const kind of family.kinds) BY_KIND.set(kind, [...(BY_KIND.get(kind) ?? []), family]);
}

/**
 * What `record` claims, written into `claims` (emptied first): the engine reuses one pair of arrays for every object,
 * since it reads the claims once, as they are made, and keeps none of the arrays.
 */
export function claimsInto(claims: Claims, record: ObjectRecord, context: RelationContext): Claims {
  claims.refs.length = 0;
  claims.selectors.length = 0;
  for (const family of UNIVERSAL) family.claim(record, claims, context);
  for (const family of BY_KIND.get(record.kind) ?? []) family.claim(record, claims, context);
  return claims;
}
