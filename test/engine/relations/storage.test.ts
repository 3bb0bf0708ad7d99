import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

describe('storage', () => {
  it('PVC → PV (volumeName and claimRef) → StorageClass → CSIDriver', () => {
    const g = graphOf(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: db, uid: pvc-uid }
spec: { storageClassName: fast, volumeName: pv-1 }
status: { phase: Bound }
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-1 }
spec:
  storageClassName: fast
  claimRef: { namespace: db, name: data, uid: pvc-uid }
  csi: { driver: ebs.csi.aws.com, volumeHandle: vol-1 }
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: fast }
provisioner: ebs.csi.aws.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: legacy }
provisioner: kubernetes.io/aws-ebs
---
apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata: { name: ebs.csi.aws.com }
`);
    expect(edge(g, 'core/PersistentVolumeClaim/db/data', 'claims', 'core/PersistentVolume//pv-1')).toMatchObject({
      via: ['claimRef', 'volumeName'],
    });
    expect(edge(g, 'core/PersistentVolumeClaim/db/data', 'claims', 'core/PersistentVolume//pv-1')?.broken).toBeUndefined();
    expect(edge(g, 'core/PersistentVolumeClaim/db/data', 'uses', 'storage.k8s.io/StorageClass//fast')).toBeDefined();
    expect(edge(g, 'core/PersistentVolume//pv-1', 'uses', 'storage.k8s.io/StorageClass//fast')).toBeDefined();
    expect(edge(g, 'core/PersistentVolume//pv-1', 'uses', 'storage.k8s.io/CSIDriver//ebs.csi.aws.com')).toBeDefined();
    expect(edge(g, 'storage.k8s.io/StorageClass//fast', 'uses', 'storage.k8s.io/CSIDriver//ebs.csi.aws.com')).toBeDefined();
    expect(g.edges.some((e) => e.source === 'storage.k8s.io/StorageClass//legacy')).toBe(false);
  });

  it('a PV bound to a claim in another namespace resolves with claimRef.namespace; an absent claim is broken', () => {
    const g = graphOf(`apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-2 }
spec: { claimRef: { namespace: other, name: gone } }
`);
    expect(edge(g, 'core/PersistentVolumeClaim/other/gone', 'claims', 'core/PersistentVolume//pv-2')).toMatchObject({
      broken: 'missing',
      referrer: 'core/PersistentVolume//pv-2',
    });
  });

  it('VolumeAttachment and CSINode', () => {
    const g = graphOf(`apiVersion: storage.k8s.io/v1
kind: VolumeAttachment
metadata: { name: va }
spec: { attacher: ebs.csi.aws.com, nodeName: n1, source: { persistentVolumeName: pv-1 } }
`);
    expect(edge(g, 'storage.k8s.io/VolumeAttachment//va', 'runs-on', 'core/Node//n1')).toBeDefined();
    expect(edge(g, 'storage.k8s.io/VolumeAttachment//va', 'uses', 'core/PersistentVolume//pv-1')).toBeDefined();
    expect(edge(g, 'storage.k8s.io/VolumeAttachment//va', 'uses', 'storage.k8s.io/CSIDriver//ebs.csi.aws.com')).toBeDefined();
  });
});

describe('StatefulSet and HPA', () => {
  it('StatefulSet → governing Service and the claims of its templates, when they exist', () => {
    const g = graphOf(`apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db-headless
  replicas: 2
  volumeClaimTemplates: [{ metadata: { name: data } }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data-db-0 }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data-db-7 }
`);
    expect(edge(g, 'apps/StatefulSet/default/db', 'governed-by', 'core/Service/default/db-headless')?.broken).toBe('missing');
    expect(edge(g, 'apps/StatefulSet/default/db', 'claims', 'core/PersistentVolumeClaim/default/data-db-0')).toBeDefined();
    expect(edge(g, 'apps/StatefulSet/default/db', 'claims', 'core/PersistentVolumeClaim/default/data-db-1')).toBeUndefined();
    expect(edge(g, 'apps/StatefulSet/default/db', 'claims', 'core/PersistentVolumeClaim/default/data-db-7')).toBeUndefined();
  });

  it('HPA → scaleTargetRef of any kind, apiVersion honoured', () => {
    const g = graphOf(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: rollout }
spec: { scaleTargetRef: { apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
`);
    expect(edge(g, 'autoscaling/HorizontalPodAutoscaler/default/web', 'scales', 'apps/Deployment/default/web')?.broken).toBeUndefined();
    expect(edge(g, 'autoscaling/HorizontalPodAutoscaler/default/rollout', 'scales', 'argoproj.io/Rollout/default/web')?.broken).toBe(
      'missing',
    );
  });
});
