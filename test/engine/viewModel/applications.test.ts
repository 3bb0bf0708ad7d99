import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine';
import type { EdgeType, TopologyEdge, TopologyGraph, TopologyNode } from '../../../src/engine/model/graph';
import { edgeId } from '../../../src/engine/model/graph';
import { applicationGroups } from '../../../src/engine/viewModel/applications';
import type { ViewGraph } from '../../../src/engine/viewModel/viewGraph';
import { deriveView } from '../../../src/engine/viewModel/deriveView';
import { foldGroupBox, openFold } from '../../../src/engine/viewModel/foldActions';
import { GraphStore } from '../../../src/engine/viewModel/graphStore';
import { firstHit, revealPath } from '../../../src/engine/viewModel/search';
import type { DetailLevel, ViewOptions } from '../../../src/engine/viewModel/viewOptions';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions';
import { foldStatus } from '../../../src/webview/components/foldStatus';
import { syntheticCluster } from '../../../bench/syntheticCluster';

const PART_OF = 'app.kubernetes.io/part-of';
const INSTANCE = 'app.kubernetes.io/instance';

/** Nodes as the engine makes them: `partOf` / `instance` read from the labels. */
class AppsBuilder {
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];

  node(kind: string, namespace: string, name: string, labels: Record<string, string> = {}, extra: Partial<TopologyNode> = {}): string {
    const id = `g/${kind}/${namespace}/${name}`;
    const partOf = labels[PART_OF];
    const instance = labels[INSTANCE];
    this.nodes.push({ id, kind, group: 'g', namespace, name, labels, status: 'Running', partOf, instance, ...extra });
    return id;
  }

  edge(source: string, type: EdgeType, target: string, extra: Partial<TopologyEdge> = {}): void {
    this.edges.push({ id: edgeId(source, type, target), source, target, type, via: [], ...extra });
  }

  graph(): TopologyGraph {
    return { nodes: this.nodes, edges: this.edges };
  }
}

type StoreIds = Readonly<
  Record<
    | 'web'
    | 'rs'
    | 'svc'
    | 'ingress'
    | 'hpa'
    | 'config'
    | 'shared'
    | 'gone'
    | 'event'
    | 'sa'
    | 'role'
    | 'binding'
    | 'cache'
    | 'loner'
    | 'worker'
    | 'legacy'
    | 'canary'
    | 'pod0'
    | 'edge'
    | 'clusterRole'
    | 'remote',
    string
  >
>;

/** One labelled application in `shop` with everything a user would call part of it, and objects that are not. */
function storefront(): { graph: TopologyGraph; ids: StoreIds } {
  const b = new AppsBuilder();
  b.node('Namespace', '', 'shop', { [PART_OF]: 'store' });
  const web = b.node('Deployment', 'shop', 'web', { [PART_OF]: 'store' });
  const rs = b.node('ReplicaSet', 'shop', 'web-1', {}, { controller: web });
  b.edge(web, 'owns', rs, { controller: true });
  const pods = ['a', 'b'].map((s, i) =>
    b.node('Pod', 'shop', `web-1-${s}`, {}, { controller: rs, status: i === 0 ? 'Failed' : 'Running' }),
  );
  const svc = b.node('Service', 'shop', 'web');
  const ingress = b.node('Ingress', 'shop', 'web');
  const hpa = b.node('HorizontalPodAutoscaler', 'shop', 'web');
  const config = b.node('ConfigMap', 'shop', 'web-config');
  const shared = b.node('Secret', 'shop', 'registry');
  const gone = b.node('Secret', 'shop', 'gone', {}, { missing: true, status: 'Missing' });
  const event = b.node('Event', 'shop', 'web-1-a.1');
  const sa = b.node('ServiceAccount', 'shop', 'web');
  const role = b.node('Role', 'shop', 'reader');
  const binding = b.node('RoleBinding', 'shop', 'web-reads');
  for (const pod of pods) {
    b.edge(rs, 'owns', pod, { controller: true });
    b.edge(svc, 'selects', pod);
    b.edge(pod, 'env', config);
    b.edge(pod, 'pulls', shared);
    b.edge(pod, 'runs-as', sa);
  }
  b.edge(pods[0] ?? '', 'mounts', gone, { broken: 'missing', referrer: pods[0] ?? '' });
  b.edge(ingress, 'routes', svc);
  b.edge(hpa, 'scales', web);
  b.edge(event, 'event', pods[0] ?? '');
  b.edge(binding, 'binds', role);
  b.edge(binding, 'binds', sa);
  // Not the store's: another app's pod pulls with the same Secret, a Deployment named by `app` only, a database.
  const cache = b.node('Deployment', 'shop', 'cache', { [INSTANCE]: 'cache-1' });
  const cachePod = b.node('Pod', 'shop', 'cache-0', { [INSTANCE]: 'cache-1' });
  b.edge(cachePod, 'pulls', shared);
  const loner = b.node('Deployment', 'shop', 'loner', { app: 'loner' });
  // An instance whose other objects say part-of=store joins the store; Helm 2 release+heritage names an app.
  const worker = b.node('Deployment', 'shop', 'worker', { [INSTANCE]: 'store-prod' });
  b.node('Job', 'shop', 'migrate', { [INSTANCE]: 'store-prod', [PART_OF]: 'store' });
  const legacy = b.node('Deployment', 'shop', 'legacy', { release: 'old', heritage: 'Tiller' });
  const canary = b.node('Deployment', 'shop', 'canary', { release: 'canary' });
  // The same application in another namespace, and its cluster-scoped part.
  const edge = b.node('Deployment', 'edge', 'proxy', { [PART_OF]: 'store' });
  const clusterRole = b.node('ClusterRole', '', 'store-reader', { [PART_OF]: 'store' });
  // A ConfigMap in edge used by a shop pod: ties across namespaces never join.
  const remote = b.node('ConfigMap', 'edge', 'remote');
  b.edge(pods[1] ?? '', 'env', remote);
  const ids = { web, rs, svc, ingress, hpa, config, shared, gone, event, sa, role, binding, cache, loner, worker, legacy, canary };
  return { graph: b.graph(), ids: { ...ids, pod0: pods[0] ?? '', edge, clusterRole, remote } };
}

function storeOf(graph: TopologyGraph): GraphStore {
  const store = new GraphStore();
  store.reset(graph);
  return store;
}

function derive(store: GraphStore, options: Partial<ViewOptions>): ViewGraph {
  return deriveView(store, { ...DEFAULT_VIEW_OPTIONS, ...options });
}

describe('applications', () => {
  it('joins an application by its labels, then by owners, what it serves, and who alone uses it', () => {
    const { graph, ids } = storefront();
    const apps = applicationGroups(storeOf(graph));
    const store = 'app:shop/store';
    for (const id of [ids.web, ids.rs, ids.pod0, ids.svc, ids.ingress, ids.hpa, ids.config, ids.gone, ids.event, ids.sa, ids.role])
      expect(apps.get(id), id).toBe(store);
    expect(apps.get(ids.binding)).toBe(store);
    expect(apps.get(ids.worker)).toBe(store);
    expect(apps.get(ids.cache)).toBe('app:shop/cache-1');
    expect(apps.get(ids.legacy)).toBe('app:shop/old');
    expect(apps.get(ids.edge)).toBe('app:edge/store');
    expect(apps.get(ids.clusterRole)).toBe('app:/store');
    // Shared with another app, named by `app` only, a release label without Helm's heritage, across a namespace.
    for (const id of [ids.shared, ids.loner, ids.canary, ids.remote]) expect(apps.get(id), id).toBeUndefined();
    expect(apps.get('g/Namespace//shop')).toBeUndefined();
  });

  it('draws each application as a summary in its namespace box, beside the rest of that namespace', () => {
    const { graph } = storefront();
    const view = derive(storeOf(graph), { level: 'application' });
    expect(view.level).toBe('application');
    expect(view.nodes.map((n) => `${n.id} in ${n.parent ?? '-'}`)).toEqual([
      'app:/store in ns:',
      'app:edge/store in ns:edge',
      'app:shop/cache-1 in ns:shop',
      'app:shop/old in ns:shop',
      'app:shop/store in ns:shop',
      'nsc:edge in ns:edge',
      'nsc:shop in ns:shop',
    ]);
    const store = view.nodes.find((n) => n.id === 'app:shop/store');
    expect(store?.label.split('\n')).toEqual(['APP', 'store', '15 objects · 2 failing · 1 broken', '2 DEPLOY · 2 POD · 1 CM']);
    expect(store?.status).toBe('Failed');
    expect(store?.kind).toBe('Deployment');
    expect(
      view.nodes
        .find((n) => n.id === 'nsc:shop')
        ?.label.split('\n')
        .slice(0, 3),
    ).toEqual(['NOT IN AN APP', 'shop', '4 objects']);
    // Lines between summaries are counted: the cache pod and two store pods pull the shared Secret.
    expect(view.edges.find((e) => e.source === 'app:shop/store' && e.target === 'nsc:shop')).toMatchObject({ type: 'pulls', count: 2 });
    expect(view.edges.find((e) => e.source === 'app:shop/cache-1' && e.target === 'nsc:shop')).toMatchObject({ count: 1 });
    expect(view.nodes.reduce((sum, n) => sum + n.members.length, 0)).toBe(graph.nodes.length);
    expect(foldStatus(view)).toBe('5 applications and the rest of 2 namespaces folded — double-click one to open');
  });

  it('opens an application into its workloads, keeps the rest still, and folds back with its box', () => {
    const { graph, ids } = storefront();
    const store = storeOf(graph);
    const base: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'application' };
    const folded = derive(store, base);
    const opened = derive(store, openFold(base, 'app:shop/store'));
    expect(opened.representative.get(ids.web)).toBe(ids.web);
    expect(opened.representative.get(ids.pod0)).toBe(`pods:${ids.web}`);
    expect(opened.nodes.find((n) => n.id === `pods:${ids.web}`)?.parent).toBe('ns:shop');
    const others = (v: ViewGraph): unknown[] => v.nodes.filter((n) => n.id !== 'app:shop/store' && n.aggregate === 'namespace');
    expect(others(opened)).toEqual(others(folded));
    expect(foldGroupBox(openFold(base, 'app:shop/store'), 'application', 'ns:shop').openedGroups).toEqual([]);
    expect(
      foldGroupBox({ ...base, openedGroups: ['app:/store', 'app:shop/old', 'infra:rbac'] }, 'application', 'ns:').openedGroups,
    ).toEqual(['app:shop/old']);
  });

  it('keeps a namespace folded by hand folded at the application level, its applications inside it', () => {
    const { graph, ids } = storefront();
    const store = storeOf(graph);
    // Folded by hand at the workload level (its box double-clicked), then the level switched to applications.
    const handFolded = foldGroupBox({ ...DEFAULT_VIEW_OPTIONS, level: 'workload' }, 'workload', 'ns:shop');
    const options: ViewOptions = { ...handFolded, level: 'application' };
    const view = derive(store, options);
    expect(view.nodes.map((n) => `${n.id} in ${n.parent ?? '-'}`)).toEqual([
      'app:/store in ns:',
      'app:edge/store in ns:edge',
      'nsc:edge in ns:edge',
      'nsc:shop in -',
    ]);
    for (const id of [ids.web, ids.pod0, ids.cache, ids.legacy, ids.config]) expect(view.representative.get(id), id).toBe('nsc:shop');
    const shop = view.nodes.find((n) => n.id === 'nsc:shop');
    // Every object in shop, and the Namespace object itself.
    expect(shop?.members).toHaveLength(graph.nodes.filter((n) => n.namespace === 'shop').length + 1);
    expect(shop?.label.split('\n').slice(0, 2)).toEqual(['NAMESPACE', 'shop']);
    // Opening it gives the applications back.
    const opened = derive(store, openFold(options, 'nsc:shop'));
    expect(opened.representative.get(ids.web)).toBe('app:shop/store');
  });

  it('search reaches an object inside a folded application, and a namespace without apps says so', () => {
    const { graph, ids } = storefront();
    const store = storeOf(graph);
    const options: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'application' };
    expect(firstHit(store, derive(store, options), 'web-1-a')).toBe(ids.pod0);
    const reveal = revealPath(store, options, ids.pod0);
    expect(reveal.path).toEqual(['app:shop/store', `pods:${ids.web}`]);
    expect(derive(store, reveal.options).representative.get(ids.pod0)).toBe(ids.pod0);
    const plain = new AppsBuilder();
    plain.node('Deployment', 'default', 'frontend', { app: 'frontend' });
    expect(foldStatus(derive(storeOf(plain.graph()), options))).toBe(
      'No app.kubernetes.io/part-of or instance labels here, so namespaces stand in: 1 namespace folded — double-click one to open',
    );
  });

  it.each<DetailLevel>(['namespace', 'application', 'workload', 'object'])(
    'drops no object at the %s level of a 2,000-object cluster with application labels',
    (level) => {
      const graph = TopologyEngine.build(syntheticCluster(2000).map((object) => ({ object }))).graph();
      const store = storeOf(graph);
      const view = derive(store, { level });
      expect(view.nodes.reduce((sum, n) => sum + n.members.length, 0)).toBe(store.nodes.size);
      const shown = new Set(view.nodes.map((n) => n.id));
      for (const id of store.nodes.keys()) expect(shown.has(view.representative.get(id) ?? '')).toBe(true);
      if (level === 'application') expect(view.nodes.filter((n) => n.id.startsWith('app:')).length).toBeGreaterThan(10);
      const sample = [...store.nodes.keys()].filter((_, i) => i % 131 === 0);
      for (const id of sample) {
        const { options } = revealPath(store, { ...DEFAULT_VIEW_OPTIONS, level }, id);
        expect(derive(store, options).representative.get(id), id).toBe(id);
      }
    },
  );
});

describe('workload level folds', () => {
  it('folds Jobs and their Pods under the CronJob, a lone Job’s Pods under it, and leaves a single Pod alone', () => {
    const b = new AppsBuilder();
    const cron = b.node('CronJob', 'ops', 'backup');
    for (const n of [1, 2]) {
      const job = b.node('Job', 'ops', `backup-${n}`, {}, { controller: cron });
      b.edge(cron, 'owns', job, { controller: true });
      const pod = b.node('Pod', 'ops', `backup-${n}-x`, {}, { controller: job, status: n === 2 ? 'Failed' : 'Succeeded' });
      b.edge(job, 'owns', pod, { controller: true });
    }
    const lone = b.node('Job', 'ops', 'seed');
    for (const s of ['a', 'b']) b.node('Pod', 'ops', `seed-${s}`, {}, { controller: lone });
    const sts = b.node('StatefulSet', 'ops', 'db');
    const single = b.node('Pod', 'ops', 'db-0', {}, { controller: sts });
    const view = derive(storeOf(b.graph()), { level: 'workload' });
    const cronFold = view.nodes.find((n) => n.id === `pods:${cron}`);
    expect(cronFold?.label.split('\n')).toEqual(['RUNS', 'backup', '2 Jobs, 2 pods']);
    expect(cronFold?.status).toBe('Failed');
    expect(view.nodes.find((n) => n.id === `pods:${lone}`)?.label.split('\n')).toEqual(['PODS', 'seed', '2 pods']);
    expect(view.representative.get(single)).toBe(single);
    expect(view.edges.find((e) => e.source === cron)).toMatchObject({ target: `pods:${cron}`, type: 'owns' });
    expect(derive(storeOf(b.graph()), { level: 'workload', expandedOwners: [cron] }).nodes.filter((n) => n.kind === 'Job')).toHaveLength(3);
  });
});
