import { POD_TEMPLATE_PATHS } from '../model/kinds.js';
import { arrayAt, arrayField, fieldAt, recordField, stringAt, stringField, type ObjectRecord } from '../model/object.js';
import type { EdgeType } from '../model/graph.js';
import type { Claims, RefClaim, RelationContext, RelationFamily } from './types.js';

/** A named reference inside a pod spec: where the name is, what kind it names, and how the pod uses it. */
interface PodRefRule {
  readonly kind: string;
  readonly type: EdgeType;
  readonly name: readonly string[];
  readonly optional?: readonly string[];
}

const VOLUME_RULES: readonly (PodRefRule & { readonly label: string })[] = [
  { label: 'volume', kind: 'ConfigMap', type: 'mounts', name: ['configMap', 'name'], optional: ['configMap', 'optional'] },
  { label: 'volume', kind: 'Secret', type: 'mounts', name: ['secret', 'secretName'], optional: ['secret', 'optional'] },
  { label: 'volume', kind: 'PersistentVolumeClaim', type: 'mounts', name: ['persistentVolumeClaim', 'claimName'] },
  { label: 'csi volume', kind: 'CSIDriver', type: 'uses', name: ['csi', 'driver'] },
  { label: 'csi volume', kind: 'Secret', type: 'mounts', name: ['csi', 'nodePublishSecretRef', 'name'] },
];

const PROJECTED_RULES: readonly PodRefRule[] = [
  { kind: 'ConfigMap', type: 'mounts', name: ['configMap', 'name'], optional: ['configMap', 'optional'] },
  { kind: 'Secret', type: 'mounts', name: ['secret', 'name'], optional: ['secret', 'optional'] },
];

const ENV_RULES: readonly PodRefRule[] = [
  { kind: 'ConfigMap', type: 'env', name: ['valueFrom', 'configMapKeyRef', 'name'], optional: ['valueFrom', 'configMapKeyRef', 'optional'] },
  { kind: 'Secret', type: 'env', name: ['valueFrom', 'secretKeyRef', 'name'], optional: ['valueFrom', 'secretKeyRef', 'optional'] },
];

const ENV_FROM_RULES: readonly PodRefRule[] = [
  { kind: 'ConfigMap', type: 'env', name: ['configMapRef', 'name'], optional: ['configMapRef', 'optional'] },
  { kind: 'Secret', type: 'env', name: ['secretRef', 'name'], optional: ['secretRef', 'optional'] },
];

const SCALAR_RULES: readonly (PodRefRule & { readonly label: string; readonly alwaysPresent?: ReadonlySet<string> })[] = [
  { label: 'node', kind: 'Node', type: 'runs-on', name: ['nodeName'] },
  { label: 'priority class', kind: 'PriorityClass', type: 'uses', name: ['priorityClassName'],
    alwaysPresent: new Set(['system-cluster-critical', 'system-node-critical']) },
  { label: 'runtime class', kind: 'RuntimeClass', type: 'uses', name: ['runtimeClassName'] },
];

const CONTAINER_LISTS = [['initContainers'], ['containers'], ['ephemeralContainers']] as const;
const SPEC_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Pod', ['spec']], ...[...POD_TEMPLATE_PATHS].map(([kind, path]) => [kind, [...path, 'spec']] as const),
]);
const VOLUMES = ['volumes'];
const PROJECTED_SOURCES = ['projected', 'sources'];
const NAME = ['name'];
const ENV = ['env'];
const ENV_FROM = ['envFrom'];

/** The pod spec of a Pod, or of any workload's pod template (CronJob's jobTemplate included). */
export function podSpecOf(record: ObjectRecord): unknown {
  const path = SPEC_PATHS.get(record.kind);
  return path ? fieldAt(record.object, path) : undefined;
}

export const podSpecRelations: RelationFamily = {
  name: 'pod-spec',
  kinds: new Set(['Pod', ...POD_TEMPLATE_PATHS.keys()]),
  claim(record, claims, context) {
    const spec = podSpecOf(record);
    if (!recordField(spec)) return;
    claimVolumes(record, spec, claims, context);
    claimContainers(record, spec, claims, context);
    claimScalars(record, spec, claims, context);
  },
};

function push(record: ObjectRecord, claims: Claims, context: RelationContext, rule: PodRefRule, from: unknown, via: string): void {
  const name = stringAt(from, rule.name);
  if (!name) return;
  const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = { type: rule.type, target: context.scopes.builtinRef(rule.kind, record.namespace, name), via };
  if (rule.optional && fieldAt(from, rule.optional) === true) claim.optional = true;
  claims.refs.push(claim);
}

function claimVolumes(record: ObjectRecord, spec: unknown, claims: Claims, context: RelationContext): void {
  for (const volume of arrayAt(spec, VOLUMES)) {
    const volumeName = stringAt(volume, NAME) ?? '?';
    for (const rule of VOLUME_RULES) if (recordField(volume, rule.name[0]!)) push(record, claims, context, rule, volume, `${rule.label} ${volumeName}`);
    for (const source of arrayAt(volume, PROJECTED_SOURCES)) {
      for (const rule of PROJECTED_RULES) push(record, claims, context, rule, source, `projected volume ${volumeName}`);
    }
    if (record.kind === 'Pod' && recordField(volume, 'ephemeral', 'volumeClaimTemplate')) {
      // The ephemeral volume controller names the claim <pod>-<volume>; it exists only while the pod does.
      claims.refs.push({ type: 'mounts', target: context.scopes.builtinRef('PersistentVolumeClaim', record.namespace,
        `${record.name}-${volumeName}`), via: `ephemeral volume ${volumeName}`, optional: true });
    }
  }
}

function claimContainers(record: ObjectRecord, spec: unknown, claims: Claims, context: RelationContext): void {
  for (const list of CONTAINER_LISTS) {
    for (const container of arrayAt(spec, list)) {
      const containerName = stringAt(container, NAME) ?? '?';
      for (const env of arrayAt(container, ENV)) {
        if (!recordField(env, 'valueFrom')) continue;
        const variable = stringAt(env, NAME) ?? '?';
        for (const rule of ENV_RULES) push(record, claims, context, rule, env, `env ${variable} (${containerName})`);
      }
      for (const source of arrayAt(container, ENV_FROM)) {
        for (const rule of ENV_FROM_RULES) push(record, claims, context, rule, source, `envFrom (${containerName})`);
      }
    }
  }
  for (const secret of arrayField(spec, 'imagePullSecrets')) {
    push(record, claims, context, { kind: 'Secret', type: 'pulls', name: ['name'] }, secret, 'imagePullSecrets');
  }
}

function claimScalars(record: ObjectRecord, spec: unknown, claims: Claims, context: RelationContext): void {
  const account = stringField(spec, 'serviceAccountName') ?? stringField(spec, 'serviceAccount');
  // Every namespace has a `default` account that manifests never list: link it only when it is known.
  const serviceAccount: { -readonly [K in keyof RefClaim]: RefClaim[K] } =
    { type: 'uses', target: context.scopes.builtinRef('ServiceAccount', record.namespace, account ?? 'default'), via: 'service account' };
  if (!account) serviceAccount.optional = true;
  claims.refs.push(serviceAccount);
  for (const rule of SCALAR_RULES) {
    const name = stringAt(spec, rule.name);
    if (!name) continue;
    const claim: { -readonly [K in keyof RefClaim]: RefClaim[K] } = { type: rule.type, target: context.scopes.builtinRef(rule.kind, record.namespace, name), via: rule.label };
    if (rule.alwaysPresent?.has(name)) claim.optional = true;
    claims.refs.push(claim);
  }
}
