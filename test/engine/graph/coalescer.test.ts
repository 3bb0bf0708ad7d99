import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeltaCoalescer } from '../../../src/engine/graph/coalescer.js';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

const objectArb: fc.Arbitrary<KubeObject> = fc.oneof(
  fc
    .record({ name: fc.constantFrom('a', 'b', 'c'), app: fc.constantFrom('x', 'y'), phase: fc.constantFrom('Running', 'Pending') })
    .map(({ name, app, phase }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app } },
      spec: { nodeName: 'n' },
      status: { phase },
    })),
  fc
    .record({ name: fc.constantFrom('s', 't'), app: fc.constantFrom('x', 'y') })
    .map(({ name, app }) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app } } })),
);

describe('DeltaCoalescer', () => {
  it('replaying flushed deltas always reproduces the engine graph, whatever is folded between flushes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ type: fc.constantFrom<'upsert' | 'delete'>('upsert', 'upsert', 'delete'), object: objectArb, flush: fc.boolean() }),
          { maxLength: 80 },
        ),
        (events) => {
          const engine = new TopologyEngine();
          const coalescer = new DeltaCoalescer();
          let receiver = engine.graph();
          coalescer.reset([], []);
          for (const event of events) {
            coalescer.push(engine.apply(event));
            if (event.flush) {
              const delta = coalescer.flush();
              if (delta) receiver = applyDelta(receiver, delta);
            }
          }
          const last = coalescer.flush();
          if (last) receiver = applyDelta(receiver, last);
          expect(serializeGraph(receiver)).toBe(serializeGraph(engine.graph()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an object added and removed between flushes is never sent', () => {
    const engine = new TopologyEngine();
    const coalescer = new DeltaCoalescer();
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    coalescer.push(engine.apply({ type: 'upsert', object: pod }));
    coalescer.push(engine.apply({ type: 'delete', object: pod }));
    expect(coalescer.flush()).toBeUndefined();
  });

  it('a node changed many times is sent once, as it is last', () => {
    const engine = new TopologyEngine();
    const coalescer = new DeltaCoalescer();
    coalescer.push(engine.apply({ type: 'upsert', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } }));
    coalescer.flush();
    for (const phase of ['Pending', 'Running', 'Failed']) {
      coalescer.push(
        engine.apply({ type: 'upsert', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase } } }),
      );
    }
    const delta = coalescer.flush();
    expect(delta?.changedNodes.map((n) => n.status)).toEqual(['Failed']);
    expect(delta?.addedNodes).toEqual([]);
  });
});
