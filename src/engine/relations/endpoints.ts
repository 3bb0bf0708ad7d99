import { list, loose, text, type Loose, type ObjectRecord } from '../model/object.js';
import type { Claims, RefClaim, RelationContext, RelationFamily } from './types.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Service ↔ Endpoints (same name) and EndpointSlice (service-name label); each endpoint → its Pod by targetRef. */
export const endpointRelations: RelationFamily = {
  name: 'endpoints',
  kinds: new Set(['Endpoints', 'EndpointSlice']),
  claim(record, claims, context) {
    if (record.kind === 'Endpoints') {
      // Endpoints without a Service exist (manual endpoints, old leader election): not a broken reference.
      claims.refs.push({
        type: 'endpoint',
        target: context.scopes.builtinRef('Service', record.namespace, record.name),
        via: 'same name',
        reverse: true,
        optional: true,
      });
      for (const subset of list(loose(record.object)?.['subsets'])) {
        for (const address of list(subset?.['addresses'])) claimTargetRef(record, address?.['targetRef'], claims, context);
        for (const address of list(subset?.['notReadyAddresses'])) claimTargetRef(record, address?.['targetRef'], claims, context);
      }
      return;
    }
    const service = record.labels[SERVICE_NAME_LABEL];
    if (service) {
      claims.refs.push({
        type: 'endpoint',
        target: context.scopes.builtinRef('Service', record.namespace, service),
        via: SERVICE_NAME_LABEL,
        reverse: true,
      });
    }
    for (const endpoint of list(loose(record.object)?.['endpoints'])) claimTargetRef(record, endpoint?.['targetRef'], claims, context);
  },
};

function claimTargetRef(record: ObjectRecord, ref: Loose, claims: Claims, context: RelationContext): void {
  const kind = text(ref?.['kind']);
  const name = text(ref?.['name']);
  if (!kind || !name) return;
  const uid = text(ref?.['uid']);
  const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = {
    type: 'endpoint',
    target: context.scopes.builtinRef(kind, text(ref?.['namespace']) ?? record.namespace, name),
    via: 'targetRef',
  };
  if (uid) claim.uid = uid;
  claims.refs.push(claim);
}
