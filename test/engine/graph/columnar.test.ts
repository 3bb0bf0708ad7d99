import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopologyEngine, type InputObject } from '../../../src/engine/graph/engine.js';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

/**
 * The edge table keeps a list per source and switches to a map past a dozen edges; ids are reference-counted
 * numbers. These universes are wide (one NetworkPolicy and one Service over up to 40 pods) so both paths and
 * every recycling step run.
 */
const pod = (index: number, app: string, cm: boolean): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p${index}`, namespace: 'a', labels: { app } },
  spec: { nodeName: `n${index % 3}`, ...(cm ? { volumes: [{ name: 'v', configMap: { name: 'settings' } }] } : {}) },
});
const policy: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'all', namespace: 'a' },
  spec: { podSelector: {} },
};
const service = (app: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'a' },
  spec: { selector: { app } },
});
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'a' } };

const objectArb: fc.Arbitrary<KubeObject> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ index: fc.integer({ min: 0, max: 39 }), app: fc.constantFrom('web', 'db'), cm: fc.boolean() })
      .map(({ index, app, cm }) => pod(index, app, cm)),
  },
  { weight: 1, arbitrary: fc.constant(policy) },
  { weight: 1, arbitrary: fc.constantFrom('web', 'db').map(service) },
  { weight: 1, arbitrary: fc.constant(configMap) },
);
const eventArb = fc.record({ type: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'upsert', 'delete'), object: objectArb });
const keyOf = (object: KubeObject): string => `${object.kind}/${object.metadata?.name}`;

describe('columnar graph state', () => {
  it('wide fan-out: incremental equals a full rebuild, and deleting everything releases every id', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 20, maxLength: 150 }), (events) => {
        const engine = new TopologyEngine();
        const live = new Map<string, InputObject>();
        let replayed = engine.graph();
        for (const event of events) {
          replayed = applyDelta(replayed, engine.apply(event));
          if (event.type === 'upsert') live.set(keyOf(event.object), { object: event.object });
          else live.delete(keyOf(event.object));
          expect(serializeGraph(engine.graph())).toBe(serializeGraph(TopologyEngine.build(live.values()).graph()));
        }
        expect(serializeGraph(replayed)).toBe(serializeGraph(engine.graph()));
        for (const { object } of [...live.values()]) engine.apply({ type: 'delete', object });
        expect(engine.graph()).toEqual({ nodes: [], edges: [] });
        expect(engine.heldIds).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('a policy over 40 pods draws 40 edges, and removing pods one by one removes exactly their edges', () => {
    const pods = Array.from({ length: 40 }, (_, index) => pod(index, 'web', false));
    const engine = TopologyEngine.build([policy, ...pods].map((object) => ({ object })));
    const policyEdges = (): number => engine.graph().edges.filter((edge) => edge.source === 'networking.k8s.io/NetworkPolicy/a/all').length;
    expect(policyEdges()).toBe(40);
    for (const [index, object] of pods.slice(0, 35).entries()) {
      const delta = engine.apply({ type: 'delete', object });
      expect(delta.removedEdges).toContain(`networking.k8s.io/NetworkPolicy/a/all>applies-to>core/Pod/a/p${index}`);
      expect(policyEdges()).toBe(39 - index);
    }
    // Ids left are exactly those a fresh build of the remaining objects holds: nothing leaked from the 35 deletes.
    expect(engine.heldIds).toBe(TopologyEngine.build([policy, ...pods.slice(35)].map((object) => ({ object }))).heldIds);
    expect(engine.heldIds).toBeGreaterThanOrEqual(1 + 5 + 3);
  });
});
