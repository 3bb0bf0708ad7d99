import { describe, expect, it } from 'vitest';
import type { EdgeType, NodeStatus, TopologyEdge, TopologyGraph, TopologyNode } from '../../../src/engine/model/graph';
import { edgeId } from '../../../src/engine/model/graph';
import type { ViewGraph } from '../../../src/engine/viewModel/viewGraph';
import { deriveView } from '../../../src/engine/viewModel/deriveView';
import { foldGroupBox, openFold } from '../../../src/engine/viewModel/foldActions';
import { GraphStore } from '../../../src/engine/viewModel/graphStore';
import { layoutViewHeadless } from '../../../src/engine/viewModel/headlessLayout';
import { firstHit, revealPath } from '../../../src/engine/viewModel/search';
import type { DetailLevel, ViewOptions } from '../../../src/engine/viewModel/viewOptions';
import { AUTO_NAMESPACE_THRESHOLD, DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions';
import { syntheticGraph } from '../../webview/syntheticGraph';

/** A small cluster built by hand: two namespaces, some cluster infrastructure, one failing pod, one broken reference. */
class ClusterBuilder {
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];

  node(kind: string, namespace: string, name: string, extra: Partial<TopologyNode> = {}): string {
    const id = `g/${kind}/${namespace}/${name}`;
    this.nodes.push({ id, kind, group: 'g', namespace, name, labels: {}, status: 'Running', ...extra });
    return id;
  }

  edge(source: string, type: EdgeType, target: string, extra: Partial<TopologyEdge> = {}): void {
    this.edges.push({ id: edgeId(source, type, target), source, target, type, via: [], ...extra });
  }

  graph(): TopologyGraph {
    return { nodes: this.nodes, edges: this.edges };
  }
}

interface ClusterIds {
  readonly worker: string;
  readonly deploy: string;
  readonly rs: string;
  readonly svc: string;
  readonly pod0: string;
  readonly pod1: string;
  readonly dbPod: string;
  readonly missing: string;
}

function smallCluster(failingStatus: NodeStatus = 'CrashLoopBackOff'): { graph: TopologyGraph; ids: ClusterIds } {
  const b = new ClusterBuilder();
  const worker = b.node('Node', '', 'worker-1');
  const role = b.node('ClusterRole', '', 'view');
  b.edge(b.node('ClusterRoleBinding', '', 'view-all'), 'binds', role);
  b.node('StorageClass', '', 'standard');
  b.node('Namespace', '', 'shop');
  const deploy = b.node('Deployment', 'shop', 'web');
  const rs = b.node('ReplicaSet', 'shop', 'web-1', { controller: deploy });
  b.edge(deploy, 'owns', rs, { controller: true });
  const svc = b.node('Service', 'shop', 'web');
  const pods = ['a', 'b', 'c'].map((suffix, i) =>
    b.node('Pod', 'shop', `web-1-${suffix}`, { controller: rs, status: i === 0 ? failingStatus : 'Running' }),
  );
  for (const pod of pods) {
    b.edge(rs, 'owns', pod, { controller: true });
    b.edge(svc, 'selects', pod);
    b.edge(pod, 'runs-on', worker);
  }
  const dbPod = b.node('Pod', 'data', 'db-0');
  const dbSvc = b.node('Service', 'data', 'db');
  b.edge(dbSvc, 'selects', dbPod);
  b.edge(dbPod, 'runs-on', worker);
  b.edge(pods[1] ?? '', 'env', dbSvc); // a cross-namespace reference, counted on the shop → data edge
  const missing = b.node('Secret', 'data', 'gone', { missing: true, status: 'Missing' });
  b.edge(dbPod, 'env', missing, { broken: 'missing', referrer: dbPod });
  return { graph: b.graph(), ids: { worker, deploy, rs, svc, pod0: pods[0] ?? '', pod1: pods[1] ?? '', dbPod, missing } };
}

function storeOf(graph: TopologyGraph): GraphStore {
  const store = new GraphStore();
  store.reset(graph);
  return store;
}

function derive(store: GraphStore, options: Partial<ViewOptions>): ViewGraph {
  return deriveView(store, { ...DEFAULT_VIEW_OPTIONS, ...options });
}

function represented(view: ViewGraph): number {
  return view.nodes.reduce((sum, n) => sum + n.members.length, 0);
}

describe('levels of detail', () => {
  it('folds each namespace and each infrastructure family into one summary with its counts', () => {
    const { graph } = smallCluster();
    const view = derive(storeOf(graph), { level: 'namespace' });
    expect(view.level).toBe('namespace');
    expect(view.nodes.map((n) => n.id)).toEqual(['infra:nodes', 'infra:rbac', 'infra:storage', 'nsc:data', 'nsc:shop']);
    const shop = view.nodes.find((n) => n.id === 'nsc:shop');
    // The Namespace object folds with what it contains: 6 objects in shop + the Namespace itself.
    expect(shop?.summary?.objects).toBe(7);
    expect(shop?.summary?.topKinds).toEqual([
      { kind: 'Pod', count: 3 },
      { kind: 'Deployment', count: 1 },
      { kind: 'Namespace', count: 1 },
    ]);
    expect(shop?.label.split('\n')).toEqual(['NAMESPACE', 'shop', '7 objects · 1 failing', '3 POD · 1 DEPLOY · 1 NS']);
    expect(view.nodes.find((n) => n.id === 'infra:rbac')?.summary?.objects).toBe(2);
    expect(view.nodes.every((n) => n.parent === undefined)).toBe(true);
    expect(view.groups).toEqual([]);
  });

  it('lists what runs in a namespace before its Events, however many Events there are', () => {
    const b = new ClusterBuilder();
    b.node('Deployment', 'shop', 'web');
    b.node('Service', 'shop', 'web');
    b.node('ConfigMap', 'shop', 'settings');
    for (let i = 0; i < 5; i++) b.node('Event', 'shop', `web.${i}`);
    const view = derive(storeOf(b.graph()), { level: 'namespace' });
    const kinds = view.nodes.find((n) => n.id === 'nsc:shop')?.summary?.topKinds.map((k) => k.kind);
    expect(kinds).toEqual(['ConfigMap', 'Deployment', 'Service']);
  });

  it('lays summaries out without their counted lines, and reports every counted line cross-cutting, unrouted', async () => {
    const view = derive(storeOf(syntheticGraph(2_000)), { level: 'namespace' });
    const counted = view.edges.filter((e) => e.count !== undefined).map((e) => e.id);
    expect(counted.length).toBeGreaterThan(5);
    const layout = await layoutViewHeadless(view);
    expect(new Set(layout.crossCutting)).toEqual(new Set(counted));
    expect(counted.filter((id) => id in layout.routes)).toEqual([]);
    expect(Object.keys(layout.positions).sort()).toEqual(view.nodes.map((n) => n.id).sort());
  });

  it('marks a group with its worst member: one failing pod makes the namespace failing', () => {
    const failing = derive(storeOf(smallCluster('CrashLoopBackOff').graph), { level: 'namespace' });
    const healthy = derive(storeOf(smallCluster('Running').graph), { level: 'namespace' });
    const shopOf = (v: ViewGraph): ViewGraph['nodes'][number] | undefined => v.nodes.find((n) => n.id === 'nsc:shop');
    expect(shopOf(failing)?.status).toBe('CrashLoopBackOff');
    expect(shopOf(failing)?.summary?.failing).toBe(1);
    expect(shopOf(healthy)?.status).toBe('Running');
    expect(shopOf(healthy)?.summary?.failing).toBe(0);
  });

  it('counts broken references and missing placeholders in the group that holds the referrer', () => {
    const view = derive(storeOf(smallCluster().graph), { level: 'namespace' });
    const data = view.nodes.find((n) => n.id === 'nsc:data');
    expect(data?.summary).toMatchObject({ objects: 3, broken: 1, failing: 1, worst: 'Missing' });
    expect(data?.label.split('\n')[2]).toBe('3 objects · 1 failing · 1 broken');
  });

  it('draws one edge per pair of groups and edge family, labelled with how many edges it stands for', () => {
    const { graph } = smallCluster();
    const view = derive(storeOf(graph), { level: 'namespace' });
    const placement = view.edges.filter((e) => e.source === 'nsc:shop' && e.target === 'infra:nodes');
    expect(placement).toHaveLength(1);
    expect(placement[0]).toMatchObject({ type: 'runs-on', count: 3 });
    expect(view.edges.find((e) => e.source === 'nsc:shop' && e.target === 'nsc:data')).toMatchObject({ type: 'env', count: 1 });
    // Every real edge between two different groups is counted exactly once; edges inside a group are not drawn.
    const groupOf = view.representative;
    const crossing = graph.edges.filter((e) => groupOf.get(e.source) !== groupOf.get(e.target)).length;
    expect(view.edges.reduce((sum, e) => sum + (e.count ?? 0), 0)).toBe(crossing);
    expect(view.edges.every((e) => e.count === e.members.length)).toBe(true);
  });

  it('opens one group in place: its objects at the workload level, every other summary unchanged', () => {
    const { graph, ids } = smallCluster();
    const store = storeOf(graph);
    const folded = derive(store, { level: 'namespace' });
    const opened = derive(store, openFold({ ...DEFAULT_VIEW_OPTIONS, level: 'namespace' }, 'nsc:shop'));
    expect(opened.nodes.some((n) => n.id === 'nsc:shop')).toBe(false);
    expect(opened.representative.get(ids.deploy)).toBe(ids.deploy);
    expect(opened.representative.get(ids.pod0)).toBe(`pods:${ids.deploy}`);
    const others = (v: ViewGraph): unknown[] => v.nodes.filter((n) => n.id !== 'nsc:shop' && n.aggregate === 'namespace');
    expect(others(opened)).toEqual(others(folded));
    expect(opened.groups.map((g) => g.id)).toEqual(['ns:shop']);
    // Edges from an opened object to a folded group are counted too.
    expect(opened.edges.find((e) => e.source === ids.svc && e.target === 'infra:nodes')).toBeUndefined();
    expect(opened.edges.find((e) => e.source === `pods:${ids.deploy}` && e.target === 'infra:nodes')).toMatchObject({ count: 3 });
    const closed = foldGroupBox(openFold({ ...DEFAULT_VIEW_OPTIONS, level: 'namespace' }, 'nsc:shop'), 'namespace', 'ns:shop');
    expect(closed.openedGroups).toEqual([]);
  });

  it('returns the path of folds to open for an object inside a folded group, and opening it shows the object', () => {
    const { graph, ids } = smallCluster();
    const store = storeOf(graph);
    const options: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'namespace' };
    const reveal = revealPath(store, options, ids.pod0);
    expect(reveal.path).toEqual(['nsc:shop', `pods:${ids.deploy}`]);
    expect(derive(store, reveal.options).representative.get(ids.pod0)).toBe(ids.pod0);
    expect(revealPath(store, options, ids.worker).path).toEqual(['infra:nodes']);
    expect(firstHit(store, derive(store, options), 'db-0')).toBe(ids.dbPod);
    expect(firstHit(store, derive(store, options), 'no-such-object')).toBeUndefined();
  });

  it('search finds the object named, not the Event about it or a longer name that starts the same', () => {
    const b = new ClusterBuilder();
    // In view order the Events and the longer name come first (namespace 'a' sorts before 'b').
    b.node('Event', 'a', 'web-1.17a2f');
    b.node('Deployment', 'a', 'web-1-canary');
    const pod = b.node('Pod', 'b', 'web-1');
    const store = storeOf(b.graph());
    const view = derive(store, { level: 'namespace' });
    expect(firstHit(store, view, 'web-1')).toBe(pod);
    expect(firstHit(store, view, 'WEB-1')).toBe(pod);
    expect(firstHit(store, view, 'web-1-c')).toBe('g/Deployment/a/web-1-canary');
    expect(firstHit(store, view, '17a2f')).toBe('g/Event/a/web-1.17a2f');
  });

  it('resolves auto by size: the namespace level above the threshold, the workload level at or below it', () => {
    const at = storeOf(syntheticGraph(AUTO_NAMESPACE_THRESHOLD));
    const above = storeOf(syntheticGraph(AUTO_NAMESPACE_THRESHOLD + 40));
    expect(at.nodes.size).toBeLessThanOrEqual(AUTO_NAMESPACE_THRESHOLD + 10);
    const atView = derive(at, { level: 'auto' });
    expect(atView.level).toBe(at.nodes.size > AUTO_NAMESPACE_THRESHOLD ? 'namespace' : 'workload');
    expect(derive(above, { level: 'auto' }).level).toBe('namespace');
  });

  it('the object level draws every object as itself', () => {
    const { graph } = smallCluster();
    const view = derive(storeOf(graph), { level: 'object' });
    expect(view.nodes).toHaveLength(graph.nodes.length);
    expect(view.nodes.every((n) => n.aggregate === undefined)).toBe(true);
  });

  it.each<DetailLevel>(['namespace', 'application', 'workload', 'object'])(
    'drops no object at the %s level of a 2,000-object cluster',
    (level) => {
      const graph = syntheticGraph(2000);
      const store = storeOf(graph);
      const view = derive(store, { level });
      expect(represented(view)).toBe(store.nodes.size);
      expect(view.representative.size).toBe(store.nodes.size);
      const shown = new Set(view.nodes.map((n) => n.id));
      for (const id of store.nodes.keys()) expect(shown.has(view.representative.get(id) ?? '')).toBe(true);
      // Every object can be reached: its reveal path ends with the object drawn as itself.
      const sample = [...store.nodes.keys()].filter((_, i) => i % 97 === 0);
      for (const id of sample) {
        const { options } = revealPath(store, { ...DEFAULT_VIEW_OPTIONS, level }, id);
        expect(derive(store, options).representative.get(id)).toBe(id);
      }
    },
  );

  it('a namespace-level view of 2,000 objects is a few dozen nodes', () => {
    const view = derive(storeOf(syntheticGraph(2000)), { level: 'namespace' });
    const namespaces = new Set(
      syntheticGraph(2000)
        .nodes.map((n) => n.namespace)
        .filter((ns) => ns !== ''),
    );
    expect(view.nodes).toHaveLength(namespaces.size + 1); // + the cluster's Nodes
  });
});
