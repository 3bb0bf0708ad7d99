import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { unpackBlob } from '../../../src/engine/store/codec.js';
import { HistoryStore } from '../../../src/engine/store/history.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { loadSqlJs } from '../../../src/engine/store/sqlJs.js';
import { graphOfObjects, open, secret, tempDir } from './support.js';

const CANARY = 'kubilitics-canary-7f3a9c';
const CANARY_B64 = Buffer.from(CANARY).toString('base64');

/** Every byte the database holds, plus every blob decompressed: the canary must be in none of them. */
async function everythingStored(path: string): Promise<string> {
  const file = await readFile(path);
  const db = new (await loadSqlJs()).Database(file);
  const parts = [file.toString('latin1')];
  for (const [table, column] of [
    ['snapshots', 'graph'],
    ['history', 'diff'],
  ] as const) {
    for (const row of db.exec(`SELECT ${column} FROM ${table}`)[0]?.values ?? [])
      parts.push(Buffer.from(unpackBlob(row[0] as Uint8Array)).toString('utf8'));
  }
  db.close();
  return parts.join('\n');
}

describe('Secret data', () => {
  it('never reaches the database, through history or snapshots, however it is passed', async () => {
    const path = join(await tempDir(), 'kubilitics.db');
    const { store } = await open(path);
    const clusterId = new ClusterStore(store).ensure({ context: 'c', server: 's' }, 0);
    const history = new HistoryStore(store);
    const withData = secret('db-password', { password: CANARY_B64 });
    const withStringData = { ...secret('api-key', {}), stringData: { key: CANARY } } as KubeObject;
    const lastApplied = {
      ...secret('applied', { token: CANARY_B64 }),
      metadata: {
        name: 'applied',
        namespace: 'shop',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { token: CANARY } }) },
      },
    } as KubeObject;
    // A list item without kind: only the object id says it is a Secret.
    const kindless = { metadata: { name: 'kindless', namespace: 'shop' }, data: { x: CANARY_B64 } } as KubeObject;
    history.recordMany([
      { clusterId, objectId: 'core/Secret/shop/db-password', change: 'added', at: 1, after: withData },
      {
        clusterId,
        objectId: 'core/Secret/shop/db-password',
        change: 'modified',
        at: 2,
        before: secret('db-password', { password: 'b2xk' }),
        after: withData,
      },
      { clusterId, objectId: 'core/Secret/shop/api-key', change: 'added', at: 3, after: withStringData },
      { clusterId, objectId: 'core/Secret/shop/applied', change: 'added', at: 4, after: lastApplied },
      {
        clusterId,
        objectId: 'core/Secret/shop/kindless',
        change: 'modified',
        at: 5,
        before: { metadata: { name: 'kindless' } },
        after: kindless,
      },
      { clusterId, objectId: 'core/Secret/shop/db-password', change: 'deleted', at: 6, before: withData },
    ]);
    const graph = graphOfObjects([withData, withStringData]);
    // A careless caller that put the data on the node itself.
    const leaky: TopologyGraph = {
      nodes: graph.nodes.map((node) => ({ ...node, data: { password: CANARY_B64 }, stringData: { key: CANARY } })),
      edges: graph.edges,
    };
    new SnapshotStore(store).save({ clusterId, graph: leaky, takenAt: 1, trigger: 'manual' });
    await store.close();

    const stored = await everythingStored(path);
    expect(stored).toContain('db-password');
    expect(stored).not.toContain(CANARY);
    expect(stored).not.toContain(CANARY_B64);
  });
});
