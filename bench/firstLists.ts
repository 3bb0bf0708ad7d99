import { TopologyEngine, type ObjectEvent } from '../src/engine/graph/engine.js';
import type { KubeObject } from '../src/engine/model/object.js';
import { leastBuild } from './leastBuild.js';
import { syntheticCluster } from './syntheticCluster.js';
import { bestOf } from './stats.js';

export interface FirstListsRow {
  readonly objects: number;
  /** Every object applied one by one, as a session did before applyBatch. */
  readonly oneByOneMs: number;
  /** The same objects as pages of `pageSize`, one applyBatch each (what a session does now). */
  readonly batchMs: number;
  /** A full build of the same objects, for scale: a batch also makes the delta a build does not. */
  readonly buildMs: number;
  /** The least build of the same graph (leastBuild.ts): one pass, nothing kept for later events, no delta. */
  readonly leastMs: number;
}

/** Kind by kind, as informers list them, in pages of the informers' size. */
function listPages(objects: readonly KubeObject[], pageSize: number): ObjectEvent[][] {
  const byKind = [...objects].sort((a, b) => (a.kind! < b.kind! ? -1 : a.kind! > b.kind! ? 1 : 0));
  const pages: ObjectEvent[][] = [];
  for (let start = 0; start < byKind.length; start += pageSize) {
    pages.push(byKind.slice(start, start + pageSize).map((object) => ({ type: 'upsert', object })));
  }
  return pages;
}

/** Engine time for a live connection's first lists at `size` objects: one by one against one batch per page. */
export function benchFirstLists(size: number, pageSize = 500): FirstListsRow {
  const pages = listPages(syntheticCluster(size), pageSize);
  const rounds = size >= 100_000 ? 2 : 4;
  const oneByOneMs = bestOf(
    rounds,
    () => new TopologyEngine(),
    (engine) => {
      for (const page of pages) for (const event of page) engine.apply(event);
    },
  );
  const batchMs = bestOf(
    rounds,
    () => new TopologyEngine(),
    (engine) => {
      for (const page of pages) engine.applyBatch(page);
    },
  );
  const buildMs = bestOf(
    rounds,
    () => pages.flat(),
    (events) => TopologyEngine.build(events),
  );
  const leastMs = bestOf(
    rounds,
    () => pages.flat(),
    (events) => leastBuild(events),
  );
  return { objects: size, oneByOneMs, batchMs, buildMs, leastMs };
}
