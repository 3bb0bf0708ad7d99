import { arrayField, stringField, type ObjectRecord } from '../model/object.js';
import type { EdgeType } from '../model/graph.js';
import type { Claims, RelationContext, RelationFamily } from './types.js';

/** A storage reference: which field names which kind, and whether the target must exist. */
interface StorageRule {
  readonly from: string;
  readonly path: readonly string[];
  readonly kind: string;
  readonly type: EdgeType;
  readonly via: string;
  readonly reverse?: boolean;
  /** Provisioner names such as `kubernetes.io/aws-ebs` are not CSIDriver objects. */
  readonly optional?: boolean;
}

const STORAGE_RULES: readonly StorageRule[] = [
  { from: 'PersistentVolumeClaim', path: ['spec', 'volumeName'], kind: 'PersistentVolume', type: 'claims', via: 'volumeName' },
  { from: 'PersistentVolumeClaim', path: ['spec', 'storageClassName'], kind: 'StorageClass', type: 'uses', via: 'storageClassName' },
  { from: 'PersistentVolume', path: ['spec', 'storageClassName'], kind: 'StorageClass', type: 'uses', via: 'storageClassName' },
  { from: 'PersistentVolume', path: ['spec', 'csi', 'driver'], kind: 'CSIDriver', type: 'uses', via: 'csi driver' },
  { from: 'StorageClass', path: ['provisioner'], kind: 'CSIDriver', type: 'uses', via: 'provisioner', optional: true },
  { from: 'VolumeAttachment', path: ['spec', 'attacher'], kind: 'CSIDriver', type: 'uses', via: 'attacher' },
  { from: 'VolumeAttachment', path: ['spec', 'nodeName'], kind: 'Node', type: 'runs-on', via: 'nodeName' },
  { from: 'VolumeAttachment', path: ['spec', 'source', 'persistentVolumeName'], kind: 'PersistentVolume', type: 'uses', via: 'source' },
  { from: 'CSIStorageCapacity', path: ['storageClassName'], kind: 'StorageClass', type: 'uses', via: 'storageClassName' },
];

const RULES_BY_KIND = new Map<string, StorageRule[]>();
for (const rule of STORAGE_RULES) RULES_BY_KIND.set(rule.from, [...(RULES_BY_KIND.get(rule.from) ?? []), rule]);

/** PVC → PV → StorageClass → CSIDriver, and the CSI objects around them. */
export const storageRelations: RelationFamily = {
  name: 'storage',
  kinds: new Set([...RULES_BY_KIND.keys(), 'CSINode']),
  claim(record, claims, context) {
    for (const rule of RULES_BY_KIND.get(record.kind) ?? []) {
      const name = stringField(record.object, ...rule.path);
      if (!name) continue;
      claims.refs.push({
        type: rule.type,
        target: context.scopes.builtinRef(rule.kind, record.namespace, name),
        via: rule.via,
        ...(rule.optional ? { optional: true } : {}),
      });
    }
    if (record.kind === 'PersistentVolume') claimClaimRef(record, claims, context);
    if (record.kind === 'CSINode') {
      for (const driver of arrayField(record.object, 'spec', 'drivers')) {
        const name = stringField(driver, 'name');
        if (name)
          claims.refs.push({ type: 'uses', target: context.scopes.builtinRef('CSIDriver', '', name), via: 'driver', optional: true });
      }
    }
  },
};

/** PV.spec.claimRef names the claim it is bound to (with its namespace): the same PVC → PV edge, seen from the volume. */
function claimClaimRef(record: ObjectRecord, claims: Claims, context: RelationContext): void {
  const name = stringField(record.object, 'spec', 'claimRef', 'name');
  const namespace = stringField(record.object, 'spec', 'claimRef', 'namespace');
  if (!name || !namespace) return;
  const uid = stringField(record.object, 'spec', 'claimRef', 'uid');
  claims.refs.push({
    type: 'claims',
    target: context.scopes.builtinRef('PersistentVolumeClaim', namespace, name),
    via: 'claimRef',
    reverse: true,
    ...(uid ? { uid } : {}),
  });
}
