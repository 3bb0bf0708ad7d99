import { describe, expect, it } from 'vitest';
import { DeltaTracker, applyDelta, sortGraph } from '../../../src/engine/graph/delta.js';
import { GraphState } from '../../../src/engine/graph/graphState.js';
import { HeldObjects } from '../../../src/engine/graph/heldObjects.js';
import { IdTable } from '../../../src/engine/graph/idTable.js';
import { HeldResolveContext } from '../../../src/engine/graph/resolve.js';
import type { GraphDelta, TopologyGraph } from '../../../src/engine/model/graph.js';
import { ScopeTable, admitObject } from '../../../src/engine/model/scope.js';
import type { RefClaim } from '../../../src/engine/relations/types.js';

/**
 * The delta tracker notes an edge drawn before a change by the slot that drew it. A slot freed in the change may be
 * given to another edge, and the first edge drawn again in another slot: the delta must still say what changed. No
 * relation family drafts one edge from both of its ends today, so these cases are built here on the graph state.
 */
function world(): { state: GraphState; ids: IdTable; number: (name: string) => number; graph: () => TopologyGraph } {
  const ids = new IdTable();
  const held = new HeldObjects(ids);
  const scopes = new ScopeTable();
  const state = new GraphState(ids, new HeldResolveContext(held, new Set()), held);
  for (const name of ['a', 'b', 'c']) {
    const admitted = admitObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'n' } }, scopes, 'n');
    if (!('record' in admitted)) throw new Error(admitted.problem);
    held.add(admitted.record, scopes);
    state.refreshNode(admitted.record.id);
  }
  return {
    state,
    ids,
    number: (name) => ids.lookup(`core/ConfigMap/n/${name}`)!,
    graph: () => sortGraph(state.allNodes(), state.allEdges()),
  };
}

const ref = (target: string, via: string, reverse = false): RefClaim => ({
  type: 'uses',
  target: `core/ConfigMap/n/${target}`,
  via,
  ...(reverse ? { reverse: true } : {}),
});

/** Runs `change` under a tracker; checks its delta turns the graph before into the graph after. */
function tracked(w: ReturnType<typeof world>, change: () => void): GraphDelta {
  const before = w.graph();
  const tracker = new DeltaTracker();
  w.state.tracker = tracker;
  change();
  w.state.tracker = undefined;
  const delta = tracker.finish(w.state);
  expect(applyDelta(before, delta)).toEqual(w.graph());
  return delta;
}

describe('graph state deltas by slot', () => {
  it('an edge freed and drawn again in the same slot is reported changed (or not at all), never added', () => {
    for (const via of ['again', 'first']) {
      const w = world();
      const touched = new Set<number>();
      // a drafts b -uses-> a (reversed), as an owner edge is drawn from the owner.
      w.state.addRef(w.number('a'), ref('b', 'first', true), touched);
      w.state.materialize(touched);
      const delta = tracked(w, () => {
        const freed = new Set<number>();
        w.state.clearProducer(w.number('a'), freed);
        w.state.materialize(freed);
        // b drafts the same edge forwards: it takes the freed slot again.
        const drawn = new Set<number>();
        w.state.addRef(w.number('b'), ref('a', via), drawn);
        w.state.materialize(drawn);
      });
      expect(delta.addedEdges).toEqual([]);
      expect(delta.removedEdges).toEqual([]);
      expect(delta.changedEdges.map((edge) => edge.via)).toEqual(via === 'first' ? [] : [['again']]);
    }
  });

  it('a freed slot given to another edge while the first is drawn again elsewhere', () => {
    const w = world();
    const touched = new Set<number>();
    w.state.addRef(w.number('a'), ref('b', 'first', true), touched);
    w.state.materialize(touched);
    const delta = tracked(w, () => {
      const freed = new Set<number>();
      w.state.clearProducer(w.number('a'), freed);
      w.state.materialize(freed);
      const drawn = new Set<number>();
      w.state.addRef(w.number('c'), ref('a', 'other'), drawn);
      w.state.addRef(w.number('b'), ref('a', 'again'), drawn);
      w.state.materialize(drawn);
    });
    expect(delta.addedEdges.map((edge) => edge.id)).toEqual(['core/ConfigMap/n/c>uses>core/ConfigMap/n/a']);
    expect(delta.changedEdges.map((edge) => [edge.id, edge.via])).toEqual([['core/ConfigMap/n/b>uses>core/ConfigMap/n/a', ['again']]]);
    expect(delta.removedEdges).toEqual([]);
  });

  it('an edge freed and not drawn again is removed, by id, after its ends lost their numbers', () => {
    const w = world();
    const touched = new Set<number>();
    w.state.addRef(w.number('a'), ref('gone', 'first'), touched);
    w.state.materialize(touched);
    const delta = tracked(w, () => {
      const freed = new Set<number>();
      w.state.clearProducer(w.number('a'), freed);
      w.state.materialize(freed);
    });
    expect(w.ids.lookup('core/ConfigMap/n/gone')).toBeUndefined();
    expect(delta.removedEdges).toEqual(['core/ConfigMap/n/a>uses>core/ConfigMap/n/gone']);
    expect(delta.removedNodes).toEqual(['core/ConfigMap/n/gone']);
  });
});
