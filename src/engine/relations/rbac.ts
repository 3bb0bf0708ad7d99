import { normalizeGroup } from '../model/kinds.js';
import { arrayField, stringField, type ObjectRecord } from '../model/object.js';
import { EVERYTHING, parseLabelSelector } from '../model/selector.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SERVICE_ACCOUNTS: ReadonlySet<string> = new Set(['ServiceAccount']);
const CLUSTER_ROLES: ReadonlySet<string> = new Set(['ClusterRole']);
const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;
const SERVICE_ACCOUNTS_GROUP = /^system:serviceaccounts(?::([^:]+))?$/;

/** (Cluster)RoleBinding → role (roleRef.kind honoured) and → subjects; ClusterRole → the roles it aggregates. */
export const rbacRelations: RelationFamily = {
  name: 'rbac',
  kinds: new Set(['RoleBinding', 'ClusterRoleBinding', 'ClusterRole']),
  claim(record, claims, context) {
    if (record.kind === 'ClusterRole') return claimAggregation(record, claims);
    const roleKind = stringField(record.object, 'roleRef', 'kind');
    const roleName = stringField(record.object, 'roleRef', 'name');
    if (roleName && (roleKind === 'Role' || roleKind === 'ClusterRole')) {
      const group = normalizeGroup(stringField(record.object, 'roleRef', 'apiGroup') ?? RBAC_GROUP);
      claims.refs.push({ type: 'binds', target: context.scopes.refId(group, roleKind, record.namespace, roleName), via: 'roleRef' });
    }
    for (const subject of arrayField(record.object, 'subjects')) claimSubject(record, subject, claims, context);
  },
};

function claimSubject(record: ObjectRecord, subject: unknown, claims: Claims, context: RelationContext): void {
  const kind = stringField(subject, 'kind');
  const name = stringField(subject, 'name');
  if (!name) return;
  if (kind === 'ServiceAccount') {
    const namespace = stringField(subject, 'namespace') ?? record.namespace;
    claims.refs.push({ type: 'binds', target: context.scopes.builtinRef('ServiceAccount', namespace, name), via: 'subject' });
    return;
  }
  const user = kind === 'User' ? SERVICE_ACCOUNT_USER.exec(name) : null;
  if (user) {
    claims.refs.push({
      type: 'binds',
      target: context.scopes.builtinRef('ServiceAccount', user[1]!, user[2]!),
      via: `subject user ${name}`,
    });
    return;
  }
  const group = kind === 'Group' ? SERVICE_ACCOUNTS_GROUP.exec(name) : null;
  if (group) {
    claims.selectors.push({
      type: 'binds',
      via: `subject group ${name}`,
      selector: EVERYTHING,
      targetClass: 'serviceaccounts',
      targetKinds: SERVICE_ACCOUNTS,
      namespaces: group[1] ? { kind: 'same', namespace: group[1] } : { kind: 'all' },
    });
  }
}

function claimAggregation(record: ObjectRecord, claims: Claims): void {
  for (const raw of arrayField(record.object, 'aggregationRule', 'clusterRoleSelectors')) {
    const selector = parseLabelSelector(raw);
    if (!selector) continue;
    claims.selectors.push({
      type: 'aggregates',
      via: 'aggregationRule',
      selector,
      targetClass: 'clusterroles',
      targetKinds: CLUSTER_ROLES,
      namespaces: { kind: 'same', namespace: '' },
    });
  }
}
