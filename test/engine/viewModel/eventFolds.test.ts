import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../../src/engine/model/graph';
import type { ViewGraph } from '../../../src/engine/viewModel/viewGraph';
import { deriveView } from '../../../src/engine/viewModel/deriveView';
import { openFold } from '../../../src/engine/viewModel/foldActions';
import { GraphStore } from '../../../src/engine/viewModel/graphStore';
import { firstHit, revealPath, searchView } from '../../../src/engine/viewModel/search';
import type { ViewOptions } from '../../../src/engine/viewModel/viewOptions';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions';
import { BATCH, DEPLOY, NS, POD_A, POD_EVENTS, PODS_FOLD, SVC, event, shop } from './shopEvents';

function storeOf(graph: TopologyGraph): GraphStore {
  const store = new GraphStore();
  store.reset(graph);
  return store;
}

function derive(store: GraphStore, options: Partial<ViewOptions> = {}): ViewGraph {
  return deriveView(store, { ...DEFAULT_VIEW_OPTIONS, level: 'workload', ...options });
}

function lines(view: ViewGraph, id: string): string[] | undefined {
  return view.nodes.find((n) => n.id === id)?.label.split('\n');
}

describe('Events at the workload level', () => {
  it('reads an Event’s type, time and text', () => {
    const warning = shop().nodes.find((n) => n.id === 'core/Event/shop/web-1-a.3');
    expect(warning).toMatchObject({
      warning: true,
      time: '2026-01-05T10:02:00Z',
      detail: 'Warning Unhealthy: Readiness probe failed: 503',
    });
    expect(shop().nodes.find((n) => n.id === 'core/Event/shop/web.1')).toMatchObject({ detail: 'Synced: Service synced' });
  });

  it('folds the Events about each drawn object into one node beside it, with one line to it', () => {
    const view = derive(storeOf(shop()));
    expect(view.nodes.filter((n) => n.kind === 'Event').map((n) => n.id)).toEqual([
      `events:${DEPLOY}`,
      `events:${BATCH}`,
      `events:${SVC}`,
      POD_EVENTS,
    ]);
    // A Pod folded under its Deployment gives its Events to that fold: named after the Deployment's Pods, and each
    // fold with its kind, since a Deployment, its Service and its Pods are all "web".
    expect(lines(view, POD_EVENTS)).toEqual(['EVENTS', 'PODS web', '3 events · 1 warning']);
    expect(lines(view, `events:${SVC}`)).toEqual(['EVENTS', 'SVC web', '1 event']);
    expect(lines(view, `events:${DEPLOY}`)?.[1]).toBe('DEPLOY web');
    expect(view.nodes.find((n) => n.id === POD_EVENTS)).toMatchObject({
      name: 'PODS web (3 events · 1 warning)',
      aggregate: 'events',
      parent: `ns:${NS}`,
      members: ['core/Event/shop/web-1-a.1', 'core/Event/shop/web-1-a.2', 'core/Event/shop/web-1-a.3'],
    });
    const fromFold = view.edges.filter((e) => e.source === POD_EVENTS);
    expect(fromFold.map((e) => [e.type, e.target, e.members.length])).toEqual([['event', PODS_FOLD, 3]]);
  });

  it('opens one fold into its Events and leaves the others folded', () => {
    const store = storeOf(shop());
    const view = derive(store, openFold({ ...DEFAULT_VIEW_OPTIONS, level: 'workload' }, POD_EVENTS));
    expect(view.nodes.some((n) => n.id === POD_EVENTS)).toBe(false);
    expect(view.representative.get('core/Event/shop/web-1-a.3')).toBe('core/Event/shop/web-1-a.3');
    expect(view.representative.get('core/Event/shop/web.1')).toBe(`events:${SVC}`);
  });

  it('draws each Event at the object level, and none at the namespace level', () => {
    const store = storeOf(shop());
    expect(derive(store, { level: 'object' }).nodes.filter((n) => n.kind === 'Event')).toHaveLength(6);
    expect(derive(store, { level: 'namespace' }).nodes.filter((n) => n.kind === 'Event')).toHaveLength(0);
  });

  it('keeps the focused Event drawn as itself', () => {
    const store = storeOf(shop());
    const view = derive(store, { focus: { id: 'core/Event/shop/web-1-a.2', hops: 1 } });
    expect(view.representative.get('core/Event/shop/web-1-a.2')).toBe('core/Event/shop/web-1-a.2');
  });
});

describe('Warning Events and status', () => {
  it('draws an object a recent Warning is about Degraded, unless it is worse already; old Warnings do not count', () => {
    const view = derive(storeOf(shop()), { level: 'object' });
    const status = (id: string): string | undefined => view.nodes.find((n) => n.id === id)?.status;
    expect(status(POD_A)).toBe('Degraded');
    expect(status('core/Pod/shop/web-1-b')).toBe('Running');
    expect(status(BATCH)).toBe('Failed');
    expect(status(SVC)).toBe('Unknown');
    // Its Warning is more than an hour older than the newest Event in the graph.
    expect(status(DEPLOY)).toBe('Ready');
    expect(status('core/Event/shop/web-1-a.3')).toBe('Degraded');
    expect(status('core/Event/shop/web.2')).toBe('Unknown');
  });

  it('folds carry the worst status of what they hold, Warnings included', () => {
    const view = derive(storeOf(shop()));
    const status = (id: string): string | undefined => view.nodes.find((n) => n.id === id)?.status;
    expect(status(PODS_FOLD)).toBe('Degraded');
    expect(status(POD_EVENTS)).toBe('Degraded');
    expect(status(`events:${SVC}`)).toBe('Unknown');
    expect(derive(storeOf(shop()), { level: 'namespace' }).nodes.find((n) => n.id === `nsc:${NS}`)?.status).toBe('Failed');
  });

  it('measures recent from the newest Event in the graph, not the clock: without the newer Events the old Warning counts', () => {
    const graph = shop();
    const older = { nodes: graph.nodes.filter((n) => n.kind !== 'Event' || n.name === 'web.2'), edges: graph.edges };
    const view = derive(storeOf(older), { level: 'object' });
    expect(view.nodes.find((n) => n.id === DEPLOY)?.status).toBe('Degraded');
  });

  it('counts a Warning without a time', () => {
    const graph = shop([event('web-1-b.1', 'Pod/web-1-b', 'Warning', 'Evicted', 'low on memory', '')]);
    expect(graph.nodes.find((n) => n.name === 'web-1-b.1')?.time).toBeUndefined();
    const view = derive(storeOf(graph), { level: 'object' });
    expect(view.nodes.find((n) => n.id === 'core/Pod/shop/web-1-b')?.status).toBe('Degraded');
  });
});

describe('searching Events', () => {
  it('finds an Event by its text and opens only its fold', () => {
    const store = storeOf(shop());
    const options: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'workload' };
    const view = derive(store, options);
    expect([...(searchView(store, view, 'readiness probe') ?? [])]).toEqual([POD_EVENTS]);
    const hit = firstHit(store, view, 'readiness probe');
    expect(hit).toBe('core/Event/shop/web-1-a.3');
    const reveal = revealPath(store, options, hit ?? '');
    expect(reveal.path).toEqual([POD_EVENTS]);
    expect(reveal.options.expandedOwners).toEqual([]);
    const opened = derive(store, reveal.options);
    expect(opened.representative.get(hit ?? '')).toBe(hit);
    expect(opened.nodes.filter((n) => n.id.startsWith('events:')).map((n) => n.id)).toEqual([
      `events:${DEPLOY}`,
      `events:${BATCH}`,
      `events:${SVC}`,
    ]);
  });

  it('finds an Event by its name, after the object it is named after', () => {
    const store = storeOf(shop());
    const view = derive(store);
    expect(firstHit(store, view, 'web-1-a.2')).toBe('core/Event/shop/web-1-a.2');
    expect(firstHit(store, view, 'web-1-a')).toBe(POD_A);
  });
});

describe('Warning badges and the warnings-only filter', () => {
  it('counts recent Warnings per drawn node, a fold summing its members, Events and old Warnings counting none', () => {
    const extra = event('web-1-b.1', 'Pod/web-1-b', 'Warning', 'Unhealthy', 'Liveness probe failed', '2026-01-05T10:01:30Z');
    const view = derive(storeOf(shop([extra])));
    const warnings = (id: string): number | undefined => view.nodes.find((n) => n.id === id)?.warnings;
    expect(warnings(PODS_FOLD)).toBe(2);
    expect(warnings(BATCH)).toBe(1);
    expect(warnings(DEPLOY)).toBeUndefined();
    expect(warnings(POD_EVENTS)).toBeUndefined();
  });

  it('keeps only warned objects, their recent Warnings and their neighbours', () => {
    const view = derive(storeOf(shop()), { warningsOnly: true, level: 'object' });
    const ids = view.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([BATCH, POD_A, SVC, DEPLOY, 'core/Event/shop/web-1-a.3', 'core/Event/shop/batch.1']));
    // Normal Events, the Service's Event and the Deployment's old Warning are not neighbours.
    expect(ids).not.toContain('core/Event/shop/web-1-a.1');
    expect(ids).not.toContain('core/Event/shop/web.1');
    expect(ids).not.toContain('core/Event/shop/web.2');
    expect(ids).not.toContain('core/Pod/shop/web-1-b');
  });
});
