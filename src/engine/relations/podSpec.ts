import { POD_TEMPLATES } from '../model/kinds.js';
import { isRecord, list, loose, text, type Loose, type ObjectRecord } from '../model/object.js';
import type { EdgeType } from '../model/graph.js';
import type { Claims, RefClaim, RelationContext, RelationFamily } from './types.js';

/**
 * A named reference inside a pod spec: what kind it names, how the pod uses it, and where the name (and its
 * `optional` flag) sit in one volume, projected source, env entry or envFrom entry. Written-out reads, not paths:
 * every pod and pod template of a cluster goes through these.
 */
interface PodRefRule {
  readonly kind: string;
  readonly type: EdgeType;
  readonly name: (from: Loose) => unknown;
  readonly optional?: (from: Loose) => unknown;
}

const VOLUME_RULES: readonly (PodRefRule & { readonly label: string })[] = [
  {
    label: 'volume',
    kind: 'ConfigMap',
    type: 'mounts',
    name: (v) => v?.['configMap']?.['name'],
    optional: (v) => v?.['configMap']?.['optional'],
  },
  {
    label: 'volume',
    kind: 'Secret',
    type: 'mounts',
    name: (v) => v?.['secret']?.['secretName'],
    optional: (v) => v?.['secret']?.['optional'],
  },
  { label: 'volume', kind: 'PersistentVolumeClaim', type: 'mounts', name: (v) => v?.['persistentVolumeClaim']?.['claimName'] },
  { label: 'csi volume', kind: 'CSIDriver', type: 'uses', name: (v) => v?.['csi']?.['driver'] },
  { label: 'csi volume', kind: 'Secret', type: 'mounts', name: (v) => v?.['csi']?.['nodePublishSecretRef']?.['name'] },
];

const PROJECTED_RULES: readonly PodRefRule[] = [
  { kind: 'ConfigMap', type: 'mounts', name: (s) => s?.['configMap']?.['name'], optional: (s) => s?.['configMap']?.['optional'] },
  { kind: 'Secret', type: 'mounts', name: (s) => s?.['secret']?.['name'], optional: (s) => s?.['secret']?.['optional'] },
];

const ENV_RULES: readonly PodRefRule[] = [
  {
    kind: 'ConfigMap',
    type: 'env',
    name: (e) => e?.['valueFrom']?.['configMapKeyRef']?.['name'],
    optional: (e) => e?.['valueFrom']?.['configMapKeyRef']?.['optional'],
  },
  {
    kind: 'Secret',
    type: 'env',
    name: (e) => e?.['valueFrom']?.['secretKeyRef']?.['name'],
    optional: (e) => e?.['valueFrom']?.['secretKeyRef']?.['optional'],
  },
];

const ENV_FROM_RULES: readonly PodRefRule[] = [
  { kind: 'ConfigMap', type: 'env', name: (e) => e?.['configMapRef']?.['name'], optional: (e) => e?.['configMapRef']?.['optional'] },
  { kind: 'Secret', type: 'env', name: (e) => e?.['secretRef']?.['name'], optional: (e) => e?.['secretRef']?.['optional'] },
];

const PULL_SECRET_RULE: PodRefRule = { kind: 'Secret', type: 'pulls', name: (entry) => entry?.['name'] };

const SCALAR_RULES: readonly (PodRefRule & { readonly label: string; readonly alwaysPresent?: ReadonlySet<string> })[] = [
  { label: 'node', kind: 'Node', type: 'runs-on', name: (spec) => spec?.['nodeName'] },
  {
    label: 'priority class',
    kind: 'PriorityClass',
    type: 'uses',
    name: (spec) => spec?.['priorityClassName'],
    alwaysPresent: new Set(['system-cluster-critical', 'system-node-critical']),
  },
  { label: 'runtime class', kind: 'RuntimeClass', type: 'uses', name: (spec) => spec?.['runtimeClassName'] },
];

const CONTAINER_LISTS: readonly ((spec: Loose) => unknown)[] = [
  (spec) => spec?.['initContainers'],
  (spec) => spec?.['containers'],
  (spec) => spec?.['ephemeralContainers'],
];

/** The pod spec of a Pod, or of any workload's pod template (CronJob's jobTemplate included). */
export function podSpecOf(record: ObjectRecord): Loose {
  if (record.kind === 'Pod') return loose(record.object)?.['spec'];
  return POD_TEMPLATES.get(record.kind)?.(loose(record.object))?.['spec'];
}

export const podSpecRelations: RelationFamily = {
  name: 'pod-spec',
  kinds: new Set(['Pod', ...POD_TEMPLATES.keys()]),
  claim(record, claims, context) {
    const spec = podSpecOf(record);
    if (!isRecord(spec)) return;
    claimVolumes(record, spec, claims, context);
    claimContainers(record, spec, claims, context);
    claimScalars(record, spec, claims, context);
  },
};

/**
 * The claim of `rule`, whose name was found in `from` (callers make `via` only then: most rules find nothing). Vias of
 * several parts are joined into one flat string: drafts keep them for the graph's life.
 */
function push(
  record: ObjectRecord,
  claims: Claims,
  context: RelationContext,
  rule: PodRefRule,
  from: Loose,
  name: string,
  via: string,
): void {
  // Every field in the literal: one shape, no property store added afterwards (drafts keep these for the graph's life).
  const optional = rule.optional?.(from) === true;
  claims.refs.push({ type: rule.type, target: context.scopes.builtinRef(rule.kind, record.namespace, name), via, optional });
}

function claimVolumes(record: ObjectRecord, spec: Loose, claims: Claims, context: RelationContext): void {
  for (const volume of list(spec?.['volumes'])) {
    if (!isRecord(volume)) continue;
    const volumeName = text(volume['name']) ?? '?';
    for (const rule of VOLUME_RULES) {
      const name = text(rule.name(volume));
      if (name) push(record, claims, context, rule, volume, name, `${rule.label} ${volumeName}`);
    }
    for (const source of list(volume['projected']?.['sources'])) {
      for (const rule of PROJECTED_RULES) {
        const name = text(rule.name(source));
        if (name) push(record, claims, context, rule, source, name, `projected volume ${volumeName}`);
      }
    }
    if (record.kind === 'Pod' && isRecord(volume['ephemeral']?.['volumeClaimTemplate'])) {
      // The ephemeral volume controller names the claim <pod>-<volume>; it exists only while the pod does.
      claims.refs.push({
        type: 'mounts',
        target: context.scopes.builtinRef('PersistentVolumeClaim', record.namespace, `${record.name}-${volumeName}`),
        via: `ephemeral volume ${volumeName}`,
        optional: true,
      });
    }
  }
}

function claimContainers(record: ObjectRecord, spec: Loose, claims: Claims, context: RelationContext): void {
  for (const containers of CONTAINER_LISTS) {
    for (const container of list(containers(spec))) {
      const containerName = text(container?.['name']) ?? '?';
      for (const env of list(container?.['env'])) {
        if (!isRecord(env?.['valueFrom'])) continue;
        const variable = text(env?.['name']) ?? '?';
        for (const rule of ENV_RULES) {
          const name = text(rule.name(env));
          if (name) push(record, claims, context, rule, env, name, ['env ', variable, ' (', containerName, ')'].join(''));
        }
      }
      for (const source of list(container?.['envFrom'])) {
        for (const rule of ENV_FROM_RULES) {
          const name = text(rule.name(source));
          if (name) push(record, claims, context, rule, source, name, ['envFrom (', containerName, ')'].join(''));
        }
      }
    }
  }
  for (const secret of list(spec?.['imagePullSecrets'])) {
    const name = text(PULL_SECRET_RULE.name(secret));
    if (name) push(record, claims, context, PULL_SECRET_RULE, secret, name, 'imagePullSecrets');
  }
}

function claimScalars(record: ObjectRecord, spec: Loose, claims: Claims, context: RelationContext): void {
  const account = text(spec?.['serviceAccountName']) ?? text(spec?.['serviceAccount']);
  // Every namespace has a `default` account that manifests never list: link it only when it is known.
  const serviceAccount: { -readonly [K in keyof RefClaim]: RefClaim[K] } = {
    type: 'runs-as',
    target: context.scopes.builtinRef('ServiceAccount', record.namespace, account ?? 'default'),
    via: 'service account',
  };
  if (!account) serviceAccount.optional = true;
  claims.refs.push(serviceAccount);
  for (const rule of SCALAR_RULES) {
    const name = text(rule.name(spec));
    if (!name) continue;
    const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = {
      type: rule.type,
      target: context.scopes.builtinRef(rule.kind, record.namespace, name),
      via: rule.label,
    };
    if (rule.alwaysPresent?.has(name)) claim.optional = true;
    claims.refs.push(claim);
  }
}
