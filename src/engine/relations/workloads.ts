import { groupOfApiVersion } from '../model/kinds.js';
import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';

/** StatefulSet → governing Service and the claims of its volumeClaimTemplates; HPA → its scale target. */
export const workloadRelations: RelationFamily = {
  name: 'workloads',
  kinds: new Set(['StatefulSet', 'HorizontalPodAutoscaler']),
  claim(record, claims, context) {
    if (record.kind === 'StatefulSet') claimStatefulSet(record, claims, context);
    else claimScaleTarget(record, claims, context);
  },
};

function claimStatefulSet(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const service = stringField(record.object, 'spec', 'serviceName');
  if (service) {
    claims.refs.push({ type: 'governed-by', target: context.scopes.builtinRef('Service', record.namespace, service), via: 'serviceName' });
  }
  const replicas = field(record.object, 'spec', 'replicas');
  const count = typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? Math.min(replicas, 1000) : 1;
  for (const template of arrayField(record.object, 'spec', 'volumeClaimTemplates')) {
    const templateName = stringField(template, 'metadata', 'name');
    if (!templateName) continue;
    for (let ordinal = 0; ordinal < count; ordinal++) {
      // The controller creates these claims; manifests never contain them, so they are linked only when present.
      claims.refs.push({
        type: 'claims',
        via: `volumeClaimTemplate ${templateName}`,
        optional: true,
        target: context.scopes.builtinRef('PersistentVolumeClaim', record.namespace, `${templateName}-${record.name}-${ordinal}`),
      });
    }
  }
}

function claimScaleTarget(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const target = field(record.object, 'spec', 'scaleTargetRef');
  const kind = stringField(target, 'kind');
  const name = stringField(target, 'name');
  if (!kind || !name) return;
  const { group } = groupOfApiVersion(stringField(target, 'apiVersion'));
  claims.refs.push({ type: 'scales', target: context.scopes.refId(group, kind, record.namespace, name), via: 'scaleTargetRef' });
}
