import { normalizeGroup } from '../model/kinds.js';
import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

/**
 * Gateway API. Route → Gateway attachment across namespaces is governed by the listener's allowedRoutes
 * (checked when the edge is resolved); Route → backend and Gateway → certificate across namespaces need a
 * ReferenceGrant in the target namespace.
 */
export const gatewayRelations: RelationFamily = {
  name: 'gateway-api',
  kinds: new Set(['Gateway', 'BackendTLSPolicy', ...ROUTE_KINDS]),
  claim(record, claims, context) {
    if (record.kind === 'Gateway') return claimGateway(record, claims, context);
    if (record.kind === 'BackendTLSPolicy') return claimPolicy(record, claims, context);
    claimRoute(record, claims, context);
  },
};

function claimGateway(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const className = stringField(record.object, 'spec', 'gatewayClassName');
  if (className) {
    claims.refs.push({ type: 'uses', target: context.scopes.refId(GATEWAY_GROUP, 'GatewayClass', '', className), via: 'gatewayClassName' });
  }
  for (const listener of arrayField(record.object, 'spec', 'listeners')) {
    const listenerName = stringField(listener, 'name') ?? '?';
    for (const ref of arrayField(listener, 'tls', 'certificateRefs')) {
      claimCrossNamespaceRef(
        record,
        ref,
        { group: 'core', kind: 'Secret' },
        'uses',
        `listener ${listenerName} certificate`,
        claims,
        context,
      );
    }
  }
}

function claimRoute(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  for (const parent of arrayField(record.object, 'spec', 'parentRefs')) {
    const name = stringField(parent, 'name');
    if (!name) continue;
    const group = normalizeGroup(stringField(parent, 'group') ?? GATEWAY_GROUP);
    const kind = stringField(parent, 'kind') ?? 'Gateway';
    const namespace = stringField(parent, 'namespace') ?? record.namespace;
    const sectionName = stringField(parent, 'sectionName');
    claims.refs.push({
      type: 'routes',
      target: context.scopes.refId(group, kind, namespace, name),
      via: sectionName ? `parentRef (listener ${sectionName})` : 'parentRef',
      reverse: true,
      ...(kind === 'Gateway'
        ? { attach: { routeKind: record.kind, routeNamespace: record.namespace, ...(sectionName ? { sectionName } : {}) } }
        : {}),
    });
  }
  for (const rule of arrayField(record.object, 'spec', 'rules')) {
    for (const backend of arrayField(rule, 'backendRefs')) {
      claimCrossNamespaceRef(record, backend, { group: 'core', kind: 'Service' }, 'routes', 'backendRef', claims, context);
    }
  }
}

function claimPolicy(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const targets = [...arrayField(record.object, 'spec', 'targetRefs'), field(record.object, 'spec', 'targetRef')];
  for (const target of targets) {
    const name = stringField(target, 'name');
    const kind = stringField(target, 'kind');
    if (!name || !kind) continue;
    const group = normalizeGroup(stringField(target, 'group'));
    claims.refs.push({ type: 'applies-to', target: context.scopes.refId(group, kind, record.namespace, name), via: 'targetRef' });
  }
  for (const ref of arrayField(record.object, 'spec', 'validation', 'caCertificateRefs')) {
    claimCrossNamespaceRef(record, ref, { group: 'core', kind: 'ConfigMap' }, 'uses', 'CA certificate', claims, context);
  }
}

function claimCrossNamespaceRef(
  record: ObjectRecord,
  ref: unknown,
  defaults: { readonly group: string; readonly kind: string },
  type: 'uses' | 'routes',
  via: string,
  claims: Claims,
  context: RelationContext,
): void {
  const name = stringField(ref, 'name');
  if (!name) return;
  const group = normalizeGroup(stringField(ref, 'group') ?? defaults.group);
  const kind = stringField(ref, 'kind') ?? defaults.kind;
  const namespace = stringField(ref, 'namespace') ?? record.namespace;
  const crossNamespace = namespace !== record.namespace;
  claims.refs.push({
    type,
    target: context.scopes.refId(group, kind, namespace, name),
    via: crossNamespace ? `${via} (from ${record.namespace})` : via,
    ...(crossNamespace
      ? {
          grant: {
            fromGroup: record.group,
            fromKind: record.kind,
            fromNamespace: record.namespace,
            toGroup: group,
            toKind: kind,
            toNamespace: namespace,
            toName: name,
          },
        }
      : {}),
  });
}
