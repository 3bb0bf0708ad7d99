/**
 * Every relation type with its two readings: forward, in the direction the arrow is drawn (legend, outgoing
 * relations, exports), and reverse, from the target back (incoming relations in the details panel). A new type
 * without both readings fails here; so does a type drawn from a different end than its reading starts from.
 */
import { describe, expect, it } from 'vitest';
import type { EdgeType, TopologyGraph } from '../../../src/engine/model/graph.js';
import { EDGE_TYPES } from '../../../src/engine/model/graph.js';
import { EDGE_VISUALS } from '../../../src/engine/visual/edges.js';
import { EXAMPLE, graphOfPaths } from '../export/support.js';
import { graphOf } from '../support.js';

/** type → [an example source kind, its target kind, forward reading, reverse reading]. */
const READINGS: Readonly<Record<EdgeType, readonly [string, string, string, string]>> = {
  owns: ['ReplicaSet', 'Pod', 'owns', 'owned by'],
  selects: ['Service', 'Deployment', 'selects (label selector)', 'selected by'],
  routes: ['Ingress', 'Service', 'routes traffic to', 'gets traffic from'],
  mounts: ['Deployment', 'ConfigMap', 'mounts (volume)', 'mounted by'],
  env: ['Deployment', 'Secret', 'reads env from', 'env source of'],
  pulls: ['ServiceAccount', 'Secret', 'pulls images with', 'image pull secret of'],
  uses: ['Ingress', 'IngressClass', 'uses', 'used by'],
  'runs-on': ['Pod', 'Node', 'runs on', 'hosts'],
  binds: ['RoleBinding', 'Role', 'binds (role to subjects)', 'bound by'],
  scales: ['HorizontalPodAutoscaler', 'Deployment', 'scales', 'scaled by'],
  allows: ['NetworkPolicy', 'Deployment', 'allows traffic with (peer)', 'allowed as a peer by'],
  'applies-to': ['NetworkPolicy', 'Deployment', 'applies to', 'subject to'],
  endpoint: ['Service', 'EndpointSlice', 'has endpoints in', 'endpoints of'],
  serves: ['Service', 'ValidatingWebhookConfiguration', 'serves', 'served by'],
  aggregates: ['ClusterRole', 'ClusterRole', 'aggregates rules of', 'aggregated into'],
  claims: ['PersistentVolumeClaim', 'PersistentVolume', 'claims', 'claimed by'],
  provisions: ['Certificate', 'Secret', 'writes (provisions)', 'written by'],
  event: ['Event', 'Pod', 'event about', 'has event'],
  token: ['ServiceAccount', 'Secret', 'keeps its token in', 'token of'],
  'governed-by': ['StatefulSet', 'Service', 'is governed by (serviceName)', 'governs (DNS of)'],
  'runs-as': ['Deployment', 'ServiceAccount', 'runs as', 'identity of'],
};

/** The relations examples/shop lacks: an owned Pod on a Node with an Event, a slice, a token, a certificate. */
const EXTRA = `
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-1, namespace: shop, uid: rs1 }
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-a
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: rs1, controller: true }]
spec: { nodeName: node-a, containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: web-x1, namespace: shop, labels: { kubernetes.io/service-name: web } }
endpoints: [{ addresses: [10.0.0.1], targetRef: { kind: Pod, name: web-1-a, namespace: shop } }]
---
apiVersion: v1
kind: Event
metadata: { name: web-1-a.1, namespace: shop }
involvedObject: { kind: Pod, name: web-1-a, namespace: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: builder, namespace: shop }
secrets: [{ name: builder-token }]
---
apiVersion: v1
kind: Secret
metadata: { name: builder-token, namespace: shop }
type: kubernetes.io/service-account-token
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: site, namespace: shop }
spec: { secretName: site-tls, issuerRef: { name: ca } }
`;

function kindOf(id: string): string {
  return id.split('/')[1] ?? '';
}

function kindPairs(graphs: readonly TopologyGraph[], type: EdgeType): string[] {
  return graphs.flatMap((g) => g.edges.filter((e) => e.type === type).map((e) => `${kindOf(e.source)} → ${kindOf(e.target)}`));
}

describe('relation readings', () => {
  it('names every relation type forward and in reverse, and no two types alike', () => {
    expect(Object.keys(READINGS).sort()).toEqual([...EDGE_TYPES].sort());
    for (const type of EDGE_TYPES) {
      const [, , forward, reverse] = READINGS[type];
      expect([type, EDGE_VISUALS[type].label, EDGE_VISUALS[type].reverse]).toEqual([type, forward, reverse]);
      expect(forward).not.toBe(reverse);
    }
    const forwards = EDGE_TYPES.map((t) => EDGE_VISUALS[t].label);
    expect(new Set(forwards).size).toBe(forwards.length);
  });

  it('draws each type from the end its forward reading starts at', async () => {
    const graphs = [await graphOfPaths(EXAMPLE), graphOf(EXTRA)];
    for (const type of EDGE_TYPES) {
      const [source, target] = READINGS[type];
      expect(kindPairs(graphs, type), type).toContain(`${source} → ${target}`);
    }
  });

  it('calls a ServiceAccount token and a governing Service by their own names', async () => {
    const graphs = [await graphOfPaths(EXAMPLE), graphOf(EXTRA)];
    expect(kindPairs(graphs, 'mounts')).not.toContain('ServiceAccount → Secret');
    expect(kindPairs(graphs, 'uses')).not.toContain('StatefulSet → Service');
    expect(kindPairs(graphs, 'uses')).not.toContain('Deployment → ServiceAccount');
  });
});
