import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopologyEngine, type InputObject } from '../../../src/engine/graph/engine.js';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { serializeGraph, validateGraph } from '../../../src/engine/graph/validate.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { eventArb, keyOf, objectArb } from './arbitraries.js';

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
