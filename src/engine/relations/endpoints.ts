import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import type { Claims, RefClaim, RelationContext, RelationFamily } from './types.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Service ↔ Endpoints (same name) and EndpointSlice (service-name label); each endpoint → its Pod by targetRef. */
export const endpointRelations: RelationFamily = {
  name: 'endpoints',
  kinds: new Set(['Endpoints', 'EndpointSlice']),
  claim(record, claims, context) {
    if (record.kind === 'Endpoints') {
      // Endpoints without a Service exist (manual endpoints, old leader election): not a broken reference.
      claims.refs.push({ type: 'endpoint', target: context.scopes.builtinRef('Service', record.namespace, record.name),
        via: 'same name', reverse: true, optional: true });
      for (const subset of arrayField(record.object, 'subsets')) {
        for (const address of [...arrayField(subset, 'addresses'), ...arrayField(subset, 'notReadyAddresses')]) {
          claimTargetRef(record, field(address, 'targetRef'), claims, context);
        }
      }
      return;
    }
    const service = record.labels[SERVICE_NAME_LABEL];
    if (service) {
      claims.refs.push({ type: 'endpoint', target: context.scopes.builtinRef('Service', record.namespace, service),
        via: SERVICE_NAME_LABEL, reverse: true });
    }
    for (const endpoint of arrayField(record.object, 'endpoints')) claimTargetRef(record, field(endpoint, 'targetRef'), claims, context);
  },
};

function claimTargetRef(record: ObjectRecord, ref: unknown, claims: Claims, context: RelationContext): void {
  const kind = stringField(ref, 'kind');
  const name = stringField(ref, 'name');
  if (!kind || !name) return;
  const uid = stringField(ref, 'uid');
  const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } =
    { type: 'endpoint', target: context.scopes.builtinRef(kind, stringField(ref, 'namespace') ?? record.namespace, name), via: 'targetRef' };
  if (uid) claim.uid = uid;
  claims.refs.push(claim);
}
