import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../../bench/syntheticCluster.js';
import { diffGraphs } from '../../../src/engine/graph/delta.js';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { SnapshotFormatError, SnapshotNotFoundError } from '../../../src/engine/store/errors.js';
import { decodeGraph, encodeGraph, encodeGraphInSlices } from '../../../src/engine/store/graphCodec.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { deployment, graphOfObjects, open, pod, tempDir } from './support.js';

async function snapshotStore(): Promise<{ snapshots: SnapshotStore; clusterId: number; dir: string }> {
  const dir = await tempDir();
  const { store } = await open(join(dir, 'kubilitics.db'));
  return {
    snapshots: new SnapshotStore(store),
    clusterId: new ClusterStore(store).ensure({ context: 'kind', server: 'https://127.0.0.1:6443' }, 0),
    dir,
  };
}

const shop = (replicas: number, phase = 'Running'): TopologyGraph =>
  graphOfObjects([deployment('web', replicas), pod('web-1', phase), pod('web-2', 'Running', 'node-2')]);

const byteSize = (graph: TopologyGraph): number => Buffer.byteLength(serializeGraph(graph));

/** Nodes and edges with awkward strings, optional fields, numbers and any key order. */
const arbitraryGraph = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc
      .record({
        nodes: fc.constant(ids).chain((list) =>
          fc.tuple(
            ...list.map((id) =>
              fc.record(
                {
                  id: fc.constant(id),
                  kind: fc.constantFrom('Pod', 'Secret', 'Service'),
                  labels: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
                  detail: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
                  source: fc.option(fc.record({ file: fc.string(), line: fc.integer() }), { nil: undefined }),
                  missing: fc.option(fc.boolean(), { nil: undefined }),
                },
                { requiredKeys: ['id', 'kind', 'labels'] },
              ),
            ),
          ),
        ),
        edges: fc.array(
          fc.record({
            source: fc.constantFrom(...ids),
            type: fc.constantFrom('owns', 'selects'),
            target: fc.constantFrom(...ids),
            via: fc.array(fc.string()),
            weight: fc.double(),
          }),
          { maxLength: 10 },
        ),
      })
      .map(
        ({ nodes, edges }) =>
          ({
            nodes,
            edges: edges.map((edge, index) => ({
              id: index % 3 === 0 ? `custom-${index}` : `${edge.source}>${edge.type}>${edge.target}`,
              ...edge,
            })),
          }) as unknown as TopologyGraph,
      ),
  );

describe('graph encoding', () => {
  it('round-trips any graph to identical JSON and counts its JSON bytes exactly', () => {
    fc.assert(
      fc.property(arbitraryGraph, (graph) => {
        const encoded = encodeGraph(graph);
        expect(serializeGraph(decodeGraph(encoded.bytes))).toBe(serializeGraph(graph));
        expect(encoded.jsonBytes).toBe(byteSize(graph));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a "__proto__" key as data, as JSON.parse does', () => {
    const graph = JSON.parse('{"nodes":[{"id":"a","kind":"Pod","labels":{"__proto__":"x"}}],"edges":[]}') as TopologyGraph;
    const decoded = decodeGraph(encodeGraph(graph).bytes);
    expect(serializeGraph(decoded)).toBe(serializeGraph(graph));
    expect(Object.getPrototypeOf(decoded.nodes[0]!.labels)).toBe(Object.prototype);
  });

  it('refuses bytes it did not write', () => {
    expect(() => decodeGraph(new Uint8Array([5, 1, 2, 3]))).toThrow(SnapshotFormatError);
    const valid = encodeGraph(shop(2)).bytes;
    expect(() => decodeGraph(valid.subarray(0, valid.length - 3))).toThrow(SnapshotFormatError);
  });
});

describe('snapshots', () => {
  it('saved in slices: the same bytes, with the event loop given back between slices, and unchanged graphs skipped', async () => {
    const { snapshots, clusterId } = await snapshotStore();
    const graph = graphOfObjects(syntheticCluster(2000));
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses++;
      await new Promise((resolve) => setImmediate(resolve));
    };
    expect(Buffer.from((await encodeGraphInSlices(graph, pause, 1000)).bytes).equals(Buffer.from(encodeGraph(graph).bytes))).toBe(true);
    expect(pauses).toBe(Math.ceil((graph.nodes.length + graph.edges.length) / 1000));
    const result = await snapshots.saveInSlices({ clusterId, graph, takenAt: 1000, trigger: 'interval' }, pause);
    if (!result.saved) throw new Error('expected a save');
    expect(serializeGraph(snapshots.load(result.snapshot.id))).toBe(serializeGraph(graph));
    expect(snapshots.save({ clusterId, graph, takenAt: 2000, trigger: 'manual' }).saved).toBe(false);
    expect((await snapshots.saveInSlices({ clusterId, graph, takenAt: 3000, trigger: 'interval' }, pause)).saved).toBe(false);
  });

  it('load back byte-identical to the graph saved, for a realistic cluster', async () => {
    const { snapshots, clusterId } = await snapshotStore();
    const graph = graphOfObjects(syntheticCluster(2000));
    const result = snapshots.save({ clusterId, graph, takenAt: 1000, trigger: 'manual' });
    if (!result.saved) throw new Error('expected a save');
    expect(serializeGraph(snapshots.load(result.snapshot.id))).toBe(serializeGraph(graph));
    expect(result.snapshot).toMatchObject({
      clusterId,
      takenAt: 1000,
      trigger: 'manual',
      nodeCount: graph.nodes.length,
      edgeCount: graph.edges.length,
      jsonBytes: byteSize(graph),
    });
    expect(result.snapshot.storedBytes).toBeLessThan(result.snapshot.jsonBytes * 0.1);
  });

  it('are skipped when the graph equals the cluster’s previous snapshot', async () => {
    const { snapshots, clusterId } = await snapshotStore();
    const first = snapshots.save({ clusterId, graph: shop(2), takenAt: 1, trigger: 'interval' });
    const same = snapshots.save({ clusterId, graph: shop(2), takenAt: 2, trigger: 'interval' });
    expect(same).toMatchObject({ saved: false, reason: 'unchanged', previous: { id: first.saved ? first.snapshot.id : -1 } });
    expect(snapshots.save({ clusterId, graph: shop(3), takenAt: 3, trigger: 'changes' }).saved).toBe(true);
    // Back to an earlier state is a change from the latest one, so it is kept: the timeline shows the rollback.
    expect(snapshots.save({ clusterId, graph: shop(2), takenAt: 4, trigger: 'changes' }).saved).toBe(true);
    expect(snapshots.list({ clusterId }).map((meta) => meta.takenAt)).toEqual([1, 3, 4]);
  });

  it('list metadata in time order, filter by cluster and time, and delete', async () => {
    const { snapshots, clusterId } = await snapshotStore();
    for (const [takenAt, replicas] of [
      [30, 3],
      [10, 1],
      [20, 2],
    ] as const)
      snapshots.save({ clusterId, graph: shop(replicas), takenAt, trigger: 'manual' });
    const list = snapshots.list();
    expect(list.map((meta) => meta.takenAt)).toEqual([10, 20, 30]);
    expect(Object.keys(list[0]!)).not.toContain('graph');
    expect(snapshots.list({ since: 15, until: 25 }).map((meta) => meta.takenAt)).toEqual([20]);
    expect(snapshots.list({ clusterId: clusterId + 1 })).toEqual([]);
    expect(snapshots.atOrBefore(clusterId, 25)?.takenAt).toBe(20);
    expect(snapshots.atOrBefore(clusterId, 5)).toBeUndefined();
    expect(snapshots.latest(clusterId)?.takenAt).toBe(30);
    expect(snapshots.delete(list[0]!.id)).toBe(true);
    expect(snapshots.delete(list[0]!.id)).toBe(false);
    expect(() => snapshots.load(list[0]!.id)).toThrow(SnapshotNotFoundError);
    expect(snapshots.totalBytes()).toBe(list[1]!.storedBytes + list[2]!.storedBytes);
  });

  it('diff to exactly what diffGraphs says about the two graphs', async () => {
    const { snapshots, clusterId } = await snapshotStore();
    const before = shop(2);
    const after = graphOfObjects([deployment('web', 3, { image: 'web:2' }), pod('web-1', 'Failed'), pod('web-3', 'Pending')]);
    const a = snapshots.save({ clusterId, graph: before, takenAt: 1, trigger: 'manual' });
    const b = snapshots.save({ clusterId, graph: after, takenAt: 2, trigger: 'manual' });
    if (!a.saved || !b.saved) throw new Error('expected saves');
    const delta = snapshots.diff(a.snapshot.id, b.snapshot.id);
    expect(delta).toEqual(diffGraphs(before, after));
    expect(delta.removedNodes).toContain('core/Pod/shop/web-2');
    expect(snapshots.diff(b.snapshot.id, a.snapshot.id)).toEqual(diffGraphs(after, before));
  });

  it('survive a close and reopen of the file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kubilitics.db');
    const first = await open(path);
    const clusterId = new ClusterStore(first.store).ensure({ context: 'kind', server: 's' }, 0);
    const saved = new SnapshotStore(first.store).save({ clusterId, graph: shop(2), takenAt: 5, trigger: 'connect' });
    await first.store.close();
    const { store } = await open(path);
    expect(serializeGraph(new SnapshotStore(store).load(saved.saved ? saved.snapshot.id : -1))).toBe(serializeGraph(shop(2)));
  });
});

describe('snapshot files', () => {
  it('export and import round trip into another database under the same cluster', async () => {
    const source = await snapshotStore();
    const saved = source.snapshots.save({ clusterId: source.clusterId, graph: shop(4), takenAt: 77, trigger: 'manual' });
    const file = join(source.dir, 'shop.kubsnap');
    await source.snapshots.exportFile(saved.saved ? saved.snapshot.id : -1, file);
    const document = JSON.parse((await import('node:zlib')).gunzipSync(await readFile(file)).toString()) as Record<string, unknown>;
    expect(document).toMatchObject({ format: 'kubilitics.snapshot', version: 1, takenAt: 77, cluster: { context: 'kind' } });

    const target = await snapshotStore();
    const imported = await target.snapshots.importFile(file);
    if (!imported.saved) throw new Error('expected an import');
    expect(imported.snapshot).toMatchObject({ takenAt: 77, trigger: 'import' });
    expect(serializeGraph(target.snapshots.load(imported.snapshot.id))).toBe(serializeGraph(shop(4)));
  });

  it('refuse garbage with a message that says what is wrong', async () => {
    const { snapshots, dir } = await snapshotStore();
    const cases: [string, Uint8Array, RegExp][] = [
      ['random', Buffer.from('PK\u0003\u0004 definitely a zip'), /not gzip-compressed JSON/],
      ['not json', gzipSync('hello'), /not gzip-compressed JSON/],
      ['other json', gzipSync(JSON.stringify({ kind: 'List', items: [] })), /"format" is not "kubilitics.snapshot"/],
      ['future', gzipSync(JSON.stringify({ format: 'kubilitics.snapshot', version: 7 })), /version 7.*Update Kubilitics/],
      [
        'bad graph',
        gzipSync(
          JSON.stringify({
            format: 'kubilitics.snapshot',
            version: 1,
            cluster: { context: 'c', server: 's' },
            takenAt: 1,
            trigger: 'manual',
            graph: { nodes: [{ id: 'a' }], edges: [] },
          }),
        ),
        /nodes\[0\]\.kind is not a string/,
      ],
      [
        'dangling edge',
        gzipSync(
          JSON.stringify({
            format: 'kubilitics.snapshot',
            version: 1,
            cluster: { context: 'c', server: 's' },
            takenAt: 1,
            trigger: 'manual',
            graph: { nodes: [], edges: [{ id: 'e', source: 'a', target: 'b', type: 'owns', via: [] }] },
          }),
        ),
        /starts at absent node a/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const file = join(dir, `${name}.kubsnap`);
      await writeFile(file, bytes);
      const error = await snapshots.importFile(file).catch((caught: unknown) => caught);
      expect(error, name).toBeInstanceOf(SnapshotFormatError);
      expect((error as Error).message, name).toMatch(message);
    }
    expect(snapshots.list()).toEqual([]);
  });
});
