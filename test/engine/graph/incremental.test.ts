import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopologyEngine, type InputObject } from '../../../src/engine/graph/engine.js';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { serializeGraph, validateGraph } from '../../../src/engine/graph/validate.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

/** A small universe of objects whose relations cross each other: every change can add, break or mend an edge. */
const namespaces = ['a', 'b'];
const appLabel = fc.constantFrom('web', 'db', 'api');
const ns = fc.constantFrom(...namespaces);
const name = fc.constantFrom('x', 'y');

const objectArb: fc.Arbitrary<KubeObject> = fc.oneof(
  fc
    .record({ ns, name, app: appLabel, tier: fc.option(fc.constantFrom('front', 'back')), owner: fc.option(name), cm: fc.option(name) })
    .map(({ ns: namespace, name: n, app, tier, owner, cm }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `p${n}`,
        namespace,
        labels: { app, ...(tier ? { tier } : {}) },
        ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs${owner}`, controller: true }] } : {}),
      },
      spec: { ...(cm ? { volumes: [{ name: 'v', configMap: { name: `cm${cm}` } }] } : {}), nodeName: 'n1' },
    })),
  fc.record({ ns, name, app: appLabel }).map(({ ns: namespace, name: n, app }) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `rs${n}`, namespace },
    spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app } } } },
  })),
  fc.record({ ns, name, app: fc.option(appLabel) }).map(({ ns: namespace, name: n, app }) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc${n}`, namespace },
    spec: app ? { selector: { app } } : {},
  })),
  fc
    .record({ ns, name })
    .map(({ ns: namespace, name: n }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${n}`, namespace } })),
  fc.record({ n: ns, team: fc.constantFrom('red', 'blue') }).map(({ n, team }) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: n, labels: { team } },
  })),
  fc.record({ ns, name, team: fc.constantFrom('red', 'blue'), expr: fc.boolean() }).map(({ ns: namespace, name: n, team, expr }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${n}`, namespace },
    spec: {
      podSelector: expr ? { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } : {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'api' } } }] }],
    },
  })),
  fc.record({ ns, name }).map(({ ns: namespace, name: n }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `r${n}`, namespace },
    spec: { parentRefs: [{ name: 'gw', namespace: 'a' }], rules: [{ backendRefs: [{ name: 'svcx', namespace: 'b' }] }] },
  })),
  fc.record({ team: fc.constantFrom('red', 'blue') }).map(({ team }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'a' },
    spec: {
      gatewayClassName: 'c',
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team } } } },
        },
      ],
    },
  })),
  fc.record({ from: ns }).map(({ from }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'grant', namespace: 'b' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: from }], to: [{ group: '', kind: 'Service' }] },
  })),
  fc.record({ name, labelled: fc.boolean() }).map(({ name: n, labelled }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `role${n}`, labels: labelled ? { aggregate: 'yes' } : {} },
    ...(n === 'x' ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { aggregate: 'yes' } }] } } : {}),
  })),
);

const eventArb = fc.record({ type: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'delete'), object: objectArb });

const keyOf = (object: KubeObject): string => `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;

describe('incremental apply', () => {
  it('equals a full rebuild after every event, and its deltas replay to the same graph', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 60 }), (events) => {
        const engine = new TopologyEngine();
        const live = new Map<string, InputObject>();
        let replayed = engine.graph();
        for (const event of events) {
          const delta = engine.apply(event);
          if (event.type === 'upsert') live.set(keyOf(event.object), { object: event.object });
          else live.delete(keyOf(event.object));
          const incremental = engine.graph();
          const full = TopologyEngine.build(live.values()).graph();
          expect(serializeGraph(incremental)).toBe(serializeGraph(full));
          expect(validateGraph(incremental)).toEqual([]);
          replayed = applyDelta(replayed, delta);
          expect(serializeGraph(replayed)).toBe(serializeGraph(incremental));
        }
        for (const { object } of [...live.values()]) engine.apply({ type: 'delete', object });
        expect(engine.graph()).toEqual({ nodes: [], edges: [] });
        expect(engine.heldIds).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reports only what changed: a status change is one changed node and nothing else', () => {
    const pod = (phase: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'web' } },
      status: { phase },
    });
    const engine = TopologyEngine.build([
      { object: pod('Pending') },
      { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' } } } },
    ]);
    const delta = engine.apply({ type: 'upsert', object: pod('Running') });
    expect(delta.changedNodes.map((node) => [node.id, node.status])).toEqual([['core/Pod/default/p', 'Running']]);
    expect([...delta.addedNodes, ...delta.addedEdges, ...delta.changedEdges]).toEqual([]);
    expect([...delta.removedNodes, ...delta.removedEdges]).toEqual([]);
  });

  it('reports an edge whose reasons or controller flag changed as changed, with its new value', () => {
    const pod = (volume: string, controller: boolean): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', controller }] },
      spec: { volumes: [{ name: volume, configMap: { name: 'cm' } }] },
    });
    const engine = TopologyEngine.build([
      { object: pod('a', true) },
      { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } } },
    ]);
    const renamed = engine.apply({ type: 'upsert', object: pod('b', true) });
    expect(renamed.changedEdges.map((edge) => [edge.type, edge.via])).toEqual([['mounts', ['volume b']]]);
    const released = engine.apply({ type: 'upsert', object: pod('b', false) });
    expect(released.changedEdges.map((edge) => [edge.type, edge.controller ?? false])).toEqual([['owns', false]]);
    expect([...renamed.addedEdges, ...renamed.removedEdges, ...released.addedEdges, ...released.removedEdges]).toEqual([]);
  });

  it('a CRD that changes a kind scope rebuilds ids and reports the difference', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team' } };
    const engine = TopologyEngine.build([{ object: widget }]);
    expect(engine.graph().nodes.map((node) => node.id)).toEqual(['example.com/Widget/team/w']);
    const delta = engine.apply({
      type: 'upsert',
      object: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget' } },
      },
    });
    expect(delta.removedNodes).toEqual(['example.com/Widget/team/w']);
    expect(delta.addedNodes.map((node) => node.id).sort()).toEqual([
      'apiextensions.k8s.io/CustomResourceDefinition//widgets.example.com',
      'example.com/Widget//w',
    ]);
  });
});

describe('determinism', () => {
  it('the same objects in any order give byte-identical graphs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(objectArb, { selector: keyOf, maxLength: 30 }), fc.integer(), (objects, seed) => {
        const shuffled = [...objects].sort((a, b) => (keyOf(a) + seed).localeCompare(keyOf(b) + seed) || 0).reverse();
        const first = serializeGraph(TopologyEngine.build(objects.map((object) => ({ object }))).graph());
        const second = serializeGraph(TopologyEngine.build(shuffled.map((object) => ({ object }))).graph());
        expect(second).toBe(first);
      }),
      { numRuns: 200 },
    );
  });
});
