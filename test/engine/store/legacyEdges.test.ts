/**
 * Snapshots recorded before relation types were renamed (ServiceAccount → token Secret was "mounts", a
 * StatefulSet's governing Service and every serviceAccountName were "uses") load with today's names, from the
 * database and from an exported file, and compare with a live graph of today without false changes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../../../src/engine/graph/delta.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../../../src/engine/store/snapshotFile.js';
import { SnapshotStore } from '../../../src/engine/store/snapshots.js';
import { graphOf } from '../support.js';
import { open, tempDir } from './support.js';

const TODAY = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: db, namespace: data }
secrets: [{ name: db-token }]
---
apiVersion: v1
kind: Secret
metadata: { name: db-token, namespace: data }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template: { metadata: { labels: { app: db } }, spec: { serviceAccountName: db, containers: [{ name: db, image: postgres }] } }
`;

const OLD_NAMES: Readonly<Record<string, string>> = { token: 'mounts', 'governed-by': 'uses', 'runs-as': 'uses' };

/** The same graph as an older release stored it: old type names, ids derived from them. */
function asStoredBefore(graph: TopologyGraph): TopologyGraph {
  const edges = graph.edges.map((e) => {
    const type = OLD_NAMES[e.type] ?? e.type;
    return { ...e, type, id: `${e.source}>${type}>${e.target}` };
  });
  return { nodes: graph.nodes, edges } as unknown as TopologyGraph;
}

describe('snapshots stored with old relation names', () => {
  const { engine: _engine, ...today } = graphOf(TODAY);
  const before = asStoredBefore(today);

  it('the fixture holds every renamed relation under its old name', () => {
    expect(today.edges.map((e) => e.type).sort()).toEqual(['governed-by', 'runs-as', 'token']);
    expect(before.edges.map((e) => e.type as string).sort()).toEqual(['mounts', 'uses', 'uses']);
  });

  it("load from the database with today's names and ids, and differ from today in nothing", async () => {
    const dir = await tempDir();
    const { store } = await open(join(dir, 'kubilitics.db'));
    const snapshots = new SnapshotStore(store);
    const clusterId = new ClusterStore(store).ensure({ context: 'kind', server: 'https://127.0.0.1:6443' }, 0);
    const saved = snapshots.save({ clusterId, graph: before, takenAt: 1, trigger: 'manual' });
    if (!saved.saved) throw new Error('expected a save');
    const loaded = snapshots.load(saved.snapshot.id);
    expect(loaded).toEqual(today);
    const diff = diffGraphs(loaded, today);
    expect([diff.addedEdges, diff.removedEdges, diff.changedEdges]).toEqual([[], [], []]);
  });

  it("import from a snapshot file with today's names", () => {
    const bytes = encodeSnapshotFile({ cluster: { context: 'kind', server: 'https://x' }, takenAt: 1, trigger: 'manual', graph: before });
    expect(decodeSnapshotFile(bytes).graph).toEqual(today);
  });

  it('keeps a "uses" edge that was not renamed', () => {
    const { engine: _e, ...ingress } = graphOf(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec: { ingressClassName: nginx }
`);
    const file = encodeSnapshotFile({ cluster: { context: 'kind', server: 'https://x' }, takenAt: 1, trigger: 'manual', graph: ingress });
    expect(decodeSnapshotFile(file).graph.edges.map((e) => e.type)).toEqual(['uses']);
  });
});
