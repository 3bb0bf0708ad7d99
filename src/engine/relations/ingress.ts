import { normalizeGroup } from '../model/kinds.js';
import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';

const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Ingress → Services and resource backends, → TLS Secrets, → IngressClass; IngressClass → its parameters. */
export const ingressRelations: RelationFamily = {
  name: 'ingress',
  kinds: new Set(['Ingress', 'IngressClass']),
  claim(record, claims, context) {
    if (record.kind === 'IngressClass') return claimParameters(record, claims, context);
    const spec = field(record.object, 'spec');
    claimBackend(record, field(spec, 'defaultBackend') ?? field(spec, 'backend'), 'default backend', claims, context);
    for (const rule of arrayField(spec, 'rules')) {
      const host = stringField(rule, 'host') ?? '*';
      for (const path of arrayField(rule, 'http', 'paths')) {
        claimBackend(record, field(path, 'backend'), `${host}${stringField(path, 'path') ?? '/'}`, claims, context);
      }
    }
    for (const tls of arrayField(spec, 'tls')) {
      const secret = stringField(tls, 'secretName');
      if (secret) claims.refs.push({ type: 'uses', target: context.scopes.builtinRef('Secret', record.namespace, secret), via: 'tls' });
    }
    const className = stringField(spec, 'ingressClassName');
    const legacyClass = record.object.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
    if (className) {
      claims.refs.push({ type: 'uses', target: context.scopes.builtinRef('IngressClass', '', className), via: 'ingressClassName' });
    } else if (legacyClass) {
      // The annotation predates IngressClass objects: many controllers answer to it without one.
      claims.refs.push({
        type: 'uses',
        target: context.scopes.builtinRef('IngressClass', '', legacyClass),
        via: LEGACY_CLASS_ANNOTATION,
        optional: true,
      });
    }
  },
};

function claimBackend(record: ObjectRecord, backend: unknown, via: string, claims: Claims, context: RelationContext): void {
  if (backend === undefined || backend === null) return;
  const service = stringField(backend, 'service', 'name') ?? stringField(backend, 'serviceName');
  if (service) {
    claims.refs.push({ type: 'routes', target: context.scopes.builtinRef('Service', record.namespace, service), via });
    return;
  }
  const kind = stringField(backend, 'resource', 'kind');
  const name = stringField(backend, 'resource', 'name');
  if (kind && name) {
    const group = normalizeGroup(stringField(backend, 'resource', 'apiGroup'));
    claims.refs.push({ type: 'routes', target: context.scopes.refId(group, kind, record.namespace, name), via });
  }
}

function claimParameters(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const parameters = field(record.object, 'spec', 'parameters');
  const kind = stringField(parameters, 'kind');
  const name = stringField(parameters, 'name');
  if (!kind || !name) return;
  const group = normalizeGroup(stringField(parameters, 'apiGroup'));
  const namespace = stringField(parameters, 'scope') === 'Namespace' ? (stringField(parameters, 'namespace') ?? '') : '';
  claims.refs.push({ type: 'uses', target: context.scopes.refId(group, kind, namespace, name), via: 'parameters' });
}
