import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../../src/engine/model/graph';
import { deriveView } from '../../../src/engine/viewModel/deriveView';
import { GraphStore } from '../../../src/engine/viewModel/graphStore';
import { searchView } from '../../../src/engine/viewModel/search';
import type { ViewOptions } from '../../../src/engine/viewModel/viewOptions';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions';

const FIXTURE = JSON.parse(readFileSync(resolve(__dirname, '../../webview/fixtures/small-graph.json'), 'utf8')) as TopologyGraph;
const RS = 'apps/ReplicaSet/shop/web-7d9f';
const DEPLOY = 'apps/Deployment/shop/web';

function view(options: Partial<ViewOptions> = {}): ReturnType<typeof deriveView> {
  const store = new GraphStore();
  store.reset(FIXTURE);
  return deriveView(store, { ...DEFAULT_VIEW_OPTIONS, ...options });
}

describe('deriveView', () => {
  it('folds the ReplicaSet and its pods under the Deployment and re-points their edges, de-duplicated', () => {
    const v = view();
    const pods = v.nodes.find((n) => n.id === `pods:${DEPLOY}`);
    expect(pods?.name).toBe('web (1 ReplicaSet, 3 pods)');
    expect(pods?.tag).toBe('RUNS');
    expect(pods?.status).toBe('CrashLoopBackOff'); // the worst member
    expect(pods?.members).toHaveLength(4);
    expect(v.nodes.some((n) => n.id === RS)).toBe(false);
    expect(v.edges.filter((e) => e.source === DEPLOY && e.target === `pods:${DEPLOY}`).map((e) => e.type)).toEqual(['owns']);
    const env = v.edges.filter((e) => e.source === `pods:${DEPLOY}` && e.type === 'env');
    expect(env).toHaveLength(1);
    expect(env[0]?.broken).toBe('missing');
    expect(env[0]?.members).toHaveLength(3);
    expect(v.representative.get('core/Pod/shop/web-7d9f-x2k4p')).toBe(`pods:${DEPLOY}`);
    expect(v.representative.get(RS)).toBe(`pods:${DEPLOY}`);
  });

  it('shows what an owner runs one by one when it is expanded', () => {
    const v = view({ expandedOwners: [DEPLOY] });
    expect(v.nodes.filter((n) => n.kind === 'Pod' && n.namespace === 'shop')).toHaveLength(3);
    expect(v.nodes.some((n) => n.id === RS)).toBe(true);
  });

  it('keeps every edge whose ends are both visible, and only those', () => {
    const v = view({ hiddenNamespaces: ['data'], hiddenKinds: ['Secret'] });
    const ids = new Set(v.nodes.map((n) => n.id));
    expect(v.nodes.some((n) => n.namespace === 'data' || n.kind === 'Secret')).toBe(false);
    for (const e of v.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(v.edges.some((e) => e.type === 'allows')).toBe(false); // the NetworkPolicy lives in data
  });

  it('hides relation types', () => {
    expect(view({ hiddenEdgeTypes: ['runs-on', 'uses'] }).edges.some((e) => e.type === 'runs-on' || e.type === 'uses')).toBe(false);
  });

  it('limits focus mode to the n-hop neighbourhood in both directions', () => {
    const one = view({ focus: { id: 'apps/Deployment/shop/web', hops: 1 } });
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['apps/Deployment/shop/web', RS, 'autoscaling/HorizontalPodAutoscaler/shop/web']);
    const two = view({ focus: { id: 'apps/Deployment/shop/web', hops: 2 } });
    expect(two.nodes.map((n) => n.id)).toContain(`pods:${DEPLOY}`);
  });

  it('groups by namespace, with a box for cluster-scoped objects, or not at all', () => {
    expect(view().groups.map((g) => g.id)).toEqual(['ns:', 'ns:data', 'ns:shop']);
    const flat = view({ groupByNamespace: false });
    expect(flat.groups).toEqual([]);
    expect(flat.nodes.every((n) => n.parent === undefined)).toBe(true);
  });

  it('collapses a namespace into one node carrying its edges to the outside', () => {
    const v = view({ collapsedNamespaces: ['data'] });
    const ns = v.nodes.find((n) => n.id === 'nsc:data');
    expect(ns?.name).toBe('data');
    expect(ns?.summary?.objects).toBe(10);
    expect(ns?.label.split('\n').slice(0, 3)).toEqual(['NAMESPACE', 'data', '10 objects']);
    expect(v.edges.some((e) => e.source === 'nsc:data' && e.target === `pods:${DEPLOY}` && e.type === 'allows')).toBe(true);
    expect(v.edges.some((e) => e.source === e.target)).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(view())).toBe(JSON.stringify(view()));
  });
});

describe('search', () => {
  it('matches names, labels and kinds, and marks aggregates by their members', () => {
    const store = new GraphStore();
    store.reset(FIXTURE);
    const v = deriveView(store, DEFAULT_VIEW_OPTIONS);
    expect(searchView(store, v, '')).toBeNull();
    expect([...(searchView(store, v, 'tier=frontend') ?? [])]).toEqual(['apps/Deployment/shop/web']);
    expect(searchView(store, v, 'c5v7n')?.has(`pods:${DEPLOY}`)).toBe(true);
    expect(searchView(store, v, 'PersistentVolume')?.size).toBe(2);
  });
});
