import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/syntheticCluster.js';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { TopologyEngine, type ObjectEvent } from '../../../src/engine/graph/engine.js';
import { serializeGraph, validateGraph } from '../../../src/engine/graph/validate.js';
import { computeInsights } from '../../../src/engine/insights.js';
import { isManifestPath } from '../../../src/engine/intake/fileRules.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { eventArb } from './arbitraries.js';

/** Everything a reader sees of an engine: the graph, byte for byte, and the findings on it. */
function seen(engine: TopologyEngine): { graph: string; findings: string } {
  const graph = engine.graph();
  return { graph: serializeGraph(graph), findings: JSON.stringify(computeInsights({ graph, record: (id) => engine.record(id) })) };
}

/** `events` cut into pages at `cuts` (positions, any order, duplicates allowed). */
function pagesOf<T>(events: readonly T[], cuts: readonly number[]): T[][] {
  const ends = [...new Set(cuts.map((cut) => cut % (events.length + 1))), events.length].sort((a, b) => a - b);
  const pages: T[][] = [];
  let start = 0;
  for (const end of ends) {
    if (end > start) pages.push(events.slice(start, end));
    start = Math.max(start, end);
  }
  return pages;
}

/**
 * Applies `before` one by one to both engines, then `pages` one by one to the first and as batches to the second;
 * checks the batch deltas replay to the batch engine's graph. Returns both engines.
 */
function applyBoth(before: readonly ObjectEvent[], pages: readonly ObjectEvent[][]): { single: TopologyEngine; batched: TopologyEngine } {
  const single = new TopologyEngine();
  const batched = new TopologyEngine();
  for (const event of before) {
    single.apply(event);
    batched.apply(event);
  }
  let replayed = batched.graph();
  for (const page of pages) {
    for (const event of page) single.apply(event);
    replayed = applyDelta(replayed, batched.applyBatch(page));
  }
  expect(serializeGraph(replayed)).toBe(serializeGraph(batched.graph()));
  return { single, batched };
}

const upserts = (objects: readonly KubeObject[]): ObjectEvent[] => objects.map((object) => ({ type: 'upsert', object }));

/** Reorders `items` by a seeded shuffle (deterministic). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe('applyBatch', () => {
  it('gives the graph and findings of applying the same events one by one, for any pages, after any events', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 20 }),
        fc.array(eventArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (before, events, cuts) => {
          const { single, batched } = applyBoth(before, pagesOf(events, cuts));
          expect(seen(batched)).toEqual(seen(single));
          expect(validateGraph(batched.graph())).toEqual([]);
          for (const record of [...batched.objects()]) batched.applyBatch([{ type: 'delete', object: record.object }]);
          expect(batched.graph()).toEqual({ nodes: [], edges: [] });
          expect(batched.heldIds).toBe(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a synthetic cluster listed in pages, in kind order and shuffled, equals it applied one by one and built whole', () => {
    const objects = syntheticCluster(3000, 7);
    const built = seen(TopologyEngine.build(objects.map((object) => ({ object }))));
    for (const order of [objects, shuffled(objects, 1), shuffled(objects, 2)]) {
      const { single, batched } = applyBoth([], pagesOf(upserts(order), [500, 1000, 1500, 2000, 2500]));
      expect(seen(batched)).toEqual(seen(single));
      expect(seen(batched)).toEqual(built);
    }
  });

  it('a page after the graph already has objects: changed, moved and deleted objects, and new ones', () => {
    const objects = syntheticCluster(2000, 3);
    const changed = objects.slice(0, 600).map((object, index): ObjectEvent => {
      if (index % 3 === 0) return { type: 'delete', object };
      const copy = structuredClone(object) as KubeObject & { metadata: { labels?: Record<string, string> } };
      copy.metadata.labels = { ...copy.metadata.labels, app: `moved-${index % 5}` };
      return { type: 'upsert', object: copy };
    });
    const page = shuffled([...changed, ...upserts(syntheticCluster(400, 9))], 4);
    const { single, batched } = applyBoth(upserts(objects), [page]);
    expect(seen(batched)).toEqual(seen(single));
  });

  it('first lists, then relists mixing adds, updates and deletes: batched = one by one = a build, every id let go', () => {
    // Kind order: Pods come before their ReplicaSets (owners after children), Services and ServiceAccounts after the
    // pods they select or serve, Events before the pods they are about (references into later pages).
    const objects = syntheticCluster(3000, 11);
    const byKind = [...objects].sort((a, b) => (a.kind! < b.kind! ? -1 : a.kind! > b.kind! ? 1 : 0));
    const relabel = (object: KubeObject, app: string): KubeObject => {
      const copy = structuredClone(object) as KubeObject & { metadata: { labels?: Record<string, string> } };
      copy.metadata.labels = { ...copy.metadata.labels, app };
      return copy;
    };
    const mixed = byKind.map((object, index): ObjectEvent[] => {
      if (index % 7 === 0) return [{ type: 'delete', object }];
      if (index % 7 === 1) return [{ type: 'upsert', object: relabel(object, `moved-${index % 3}`) }];
      // The same object twice in one page: deleted then listed again, or listed changed then deleted.
      if (index % 7 === 2)
        return [
          { type: 'delete', object },
          { type: 'upsert', object },
        ];
      if (index % 7 === 3)
        return [
          { type: 'upsert', object: relabel(object, 'gone') },
          { type: 'delete', object },
        ];
      return index % 7 === 4 ? [{ type: 'upsert', object }] : [];
    });
    // Objects never held before, and deletes of objects never held.
    const extra = syntheticCluster(300, 12).map((object, index): ObjectEvent => ({ type: index % 4 ? 'upsert' : 'delete', object }));
    const relist = [...mixed.flat(), ...extra];
    const { single, batched } = applyBoth([], [...pagesOf(upserts(byKind), [500, 1000, 1500, 2000, 2500]), ...pagesOf(relist, [333, 999])]);
    expect(seen(batched)).toEqual(seen(single));
    const held = [...single.objects()].map((record) => ({ object: record.object }));
    expect(held.length).toBeGreaterThan(2000);
    expect(seen(batched)).toEqual(seen(TopologyEngine.build(held)));
    const deletes = [...batched.objects()].map((record): ObjectEvent => ({ type: 'delete', object: record.object }));
    for (const page of pagesOf(shuffled(deletes, 5), [100, 700, 1500])) batched.applyBatch(page);
    expect(batched.graph()).toEqual({ nodes: [], edges: [] });
    expect(batched.heldIds).toBe(0);
  });

  it('a page that changes a kind scope (a CRD) goes one by one and folds into one delta', () => {
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team' } };
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget' } },
    };
    const { single, batched } = applyBoth([{ type: 'upsert', object: widget }], [upserts([crd, widget])]);
    expect(seen(batched)).toEqual(seen(single));
    expect(batched.graph().nodes.map((node) => node.id)).toContain('example.com/Widget//w');
  });

  const CORPUS = resolve(__dirname, '../../../../shared/corpus');
  (existsSync(CORPUS) ? it : it.skip)('the corpus, each project a page in shuffled order, equals it applied one by one', () => {
    const events: ObjectEvent[] = [];
    for (const entry of readdirSync(CORPUS, { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !isManifestPath(file.slice(CORPUS.length + 1))) continue;
      for (const input of parseManifestText(readFileSync(file, 'utf8'), file).objects) events.push({ type: 'upsert', ...input });
    }
    expect(events.length).toBeGreaterThan(500);
    for (const seed of [1, 2]) {
      const order = shuffled(events, seed);
      const { single, batched } = applyBoth(
        [],
        pagesOf(order, [order.length / 4, order.length / 2, (order.length * 3) / 4].map(Math.floor)),
      );
      expect(seen(batched)).toEqual(seen(single));
    }
  });
});
