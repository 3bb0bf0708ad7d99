import { groupOfApiVersion, normalizeGroup } from '../model/kinds.js';
import { stringField } from '../model/object.js';
import type { EdgeType } from '../model/graph.js';
import type { RelationFamily } from './types.js';

/**
 * Fields of custom resources that name an object. Extend this table to teach the engine a CRD:
 * `kinds` are `group/Kind`; `kind` is the target kind (its group follows `kindFrom` or the built-ins).
 */
export interface CustomRefRule {
  readonly kinds: readonly string[];
  readonly path: readonly string[];
  readonly kind: string;
  readonly type: EdgeType;
  /** Read the target kind (and group) from sibling fields of the named path, e.g. an issuerRef; `same`: the source's group. */
  /** Where a cluster-scoped source's namespaced target lives (cert-manager's --cluster-resource-namespace default). */
  readonly clusterNamespace?: string;
  readonly kindFrom?: { readonly kindField: string; readonly groupField?: string; readonly defaultGroup: string };
}

const CERT_MANAGER = ['cert-manager.io', 'certmanager.k8s.io'];
const each = (groups: readonly string[], kind: string): string[] => groups.map((group) => `${group}/${kind}`);

export const CUSTOM_REF_RULES: readonly CustomRefRule[] = [
  { kinds: each(CERT_MANAGER, 'Certificate'), path: ['spec', 'secretName'], kind: 'Secret', type: 'provisions' },
  {
    kinds: each(CERT_MANAGER, 'Certificate'),
    path: ['spec', 'issuerRef', 'name'],
    kind: 'Issuer',
    type: 'uses',
    kindFrom: { kindField: 'kind', groupField: 'group', defaultGroup: 'same' },
  },
  {
    kinds: [...each(CERT_MANAGER, 'Issuer'), ...each(CERT_MANAGER, 'ClusterIssuer')],
    path: ['spec', 'ca', 'secretName'],
    kind: 'Secret',
    type: 'uses',
    clusterNamespace: 'cert-manager',
  },
  {
    kinds: [...each(CERT_MANAGER, 'Issuer'), ...each(CERT_MANAGER, 'ClusterIssuer')],
    path: ['spec', 'acme', 'privateKeySecretRef', 'name'],
    kind: 'Secret',
    type: 'uses',
    clusterNamespace: 'cert-manager',
  },
  {
    kinds: ['autoscaling.k8s.io/VerticalPodAutoscaler'],
    path: ['spec', 'targetRef', 'name'],
    kind: 'Deployment',
    type: 'scales',
    kindFrom: { kindField: 'kind', groupField: 'apiVersion', defaultGroup: 'apps' },
  },
  { kinds: ['external-secrets.io/ExternalSecret'], path: ['spec', 'target', 'name'], kind: 'Secret', type: 'provisions' },
  {
    kinds: ['monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/Alertmanager'],
    path: ['spec', 'serviceAccountName'],
    kind: 'ServiceAccount',
    type: 'runs-as',
  },
];

const RULES = new Map<string, CustomRefRule[]>();
for (const rule of CUSTOM_REF_RULES) for (const kind of rule.kinds) RULES.set(kind, [...(RULES.get(kind) ?? []), rule]);

export const customRelations: RelationFamily = {
  name: 'custom-resources',
  kinds: new Set([...RULES.keys()].map((key) => key.slice(key.indexOf('/') + 1))),
  claim(record, claims, { scopes }) {
    for (const rule of RULES.get(`${record.group}/${record.kind}`) ?? []) {
      const name = stringField(record.object, ...rule.path);
      if (!name) continue;
      const parent = rule.path.slice(0, -1);
      let kind = rule.kind;
      let group: string | undefined;
      if (rule.kindFrom) {
        kind = stringField(record.object, ...parent, rule.kindFrom.kindField) ?? rule.kind;
        const groupValue = rule.kindFrom.groupField ? stringField(record.object, ...parent, rule.kindFrom.groupField) : undefined;
        const fallback = rule.kindFrom.defaultGroup === 'same' ? record.group : rule.kindFrom.defaultGroup;
        group = normalizeGroup(groupValue ? groupOfApiVersion(groupValue.includes('/') ? groupValue : `${groupValue}/v1`).group : fallback);
      }
      const namespace = record.namespace || rule.clusterNamespace || '';
      const target = group ? scopes.refId(group, kind, namespace, name) : scopes.builtinRef(kind, namespace, name);
      claims.refs.push({ type: rule.type, target, via: rule.path.join('.') });
    }
  },
};
