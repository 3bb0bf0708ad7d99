import { describe, expect, it } from 'vitest';
import { DeltaCoalescer } from '../../../src/engine/graph/coalescer.js';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ResourceTreeModel, type ResourceItem } from '../../../src/extension/views/resourceTreeModel.js';

const pod = (name: string, namespace: string, phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'c',
        image: 'nginx',
        env: [
          {
            name: 'X',
            valueFrom: {
              configMapKeyRef: { name: 'absent', key: 'k' },
            },
          },
        ],
      },
    ],
  },
  status: { phase },
});
const service = (name: string, namespace: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app: 'web' } },
});
const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** The engine and coalescer as a session runs them: events in, one coalesced delta per flush out to the model. */
function cluster(objects: readonly KubeObject[] = []): {
  model: ResourceTreeModel;
  flush: (...events: Array<['upsert' | 'delete', KubeObject]>) => Set<ResourceItem>;
} {
  const engine = new TopologyEngine();
  const coalescer = new DeltaCoalescer();
  for (const object of objects) engine.apply({ type: 'upsert', object });
  const graph = engine.graph();
  coalescer.reset(
    graph.nodes.map((node) => node.id),
    graph.edges.map((edge) => edge.id),
  );
  const model = new ResourceTreeModel(engine);
  return {
    model,
    flush: (...events) => {
      for (const [type, object] of events) coalescer.push(engine.apply({ type, object }));
      const delta = coalescer.flush();
      return delta ? model.apply(delta) : new Set();
    },
  };
}

/** Elements named by what a person sees, for readable expectations. */
function labelsOf(items: Iterable<ResourceItem>): string[] {
  return [...items]
    .map((item) => {
      switch (item.type) {
        case 'object':
          return `object ${item.id}`;
        case 'kind':
          return `kind ${item.kind} in ${item.scope.replace('\u0000', '')}`;
        case 'namespace':
          return `namespace ${item.namespace}`;
        default:
          return item.type;
      }
    })
    .sort();
}

function find(model: ResourceTreeModel, path: readonly string[]): ResourceItem {
  let item: ResourceItem = model.context;
  for (const step of path) {
    const next = model.children(item).find((child) => labelsOf([child])[0]!.includes(step));
    if (!next) throw new Error(`no ${step} under ${labelsOf([item])[0]}`);
    item = next;
  }
  return item;
}

describe('the Resources tree fed deltas', () => {
  const base = [
    namespace('shop'),
    namespace('ops'),
    service('web', 'shop'),
    pod('web-1', 'shop'),
    pod('web-2', 'shop'),
    pod('agent', 'ops'),
  ];

  it('builds context → namespaces, cluster-scoped → kinds → objects from the engine', () => {
    const { model } = cluster(base);
    expect(labelsOf(model.children(model.context))).toEqual(['cluster-scoped', 'namespace ops', 'namespace shop']);
    expect(labelsOf(model.children(find(model, ['namespace shop'])))).toEqual(['kind Pod in shop', 'kind Service in shop']);
    expect(labelsOf(model.children(find(model, ['namespace shop', 'kind Pod'])))).toEqual([
      'object core/Pod/shop/web-1',
      'object core/Pod/shop/web-2',
    ]);
    expect(model.size).toBe(6);
  });

  it('a changed object refreshes its own row only, and it is the very element the tree handed out', () => {
    const { model, flush } = cluster(base);
    const row = model.children(find(model, ['namespace shop', 'kind Pod']))[0]!;
    const changed = flush(['upsert', pod('web-1', 'shop', 'Failed')]);
    expect(labelsOf(changed)).toEqual(['object core/Pod/shop/web-1']);
    expect([...changed][0]).toBe(row);
  });

  it('an object added to a kind refreshes that kind (its count and children), not its namespace', () => {
    const { model, flush } = cluster(base);
    const kind = find(model, ['namespace shop', 'kind Pod']);
    const changed = flush(['upsert', pod('web-3', 'shop')]);
    expect(labelsOf(changed)).toEqual(['kind Pod in shop']);
    expect([...changed][0]).toBe(kind);
    expect(model.count(kind as Extract<ResourceItem, { type: 'kind' }>)).toBe(3);
  });

  it('a new kind refreshes its namespace; a new namespace refreshes the context row', () => {
    const { model, flush } = cluster(base);
    expect(labelsOf(flush(['upsert', service('agent', 'ops')]))).toEqual(['kind Service in ops', 'namespace ops']);
    expect(labelsOf(flush(['upsert', pod('first', 'new-team')]))).toEqual(['context', 'kind Pod in new-team', 'namespace new-team']);
    expect(labelsOf(model.children(model.context))).toContain('namespace new-team');
  });

  it('a removal refreshes the nearest element that still exists', () => {
    const { model, flush } = cluster(base);
    expect(labelsOf(flush(['delete', pod('web-2', 'shop')]))).toEqual(['kind Pod in shop']);
    expect(labelsOf(flush(['delete', service('web', 'shop')]))).toEqual(['namespace shop']);
    expect(labelsOf(flush(['delete', pod('agent', 'ops')]))).toEqual(['context']);
    expect(labelsOf(model.children(model.context))).toEqual(['cluster-scoped', 'namespace shop']);
  });

  it('ignores stand-ins for missing objects the graph draws (the ConfigMap the pods refer to)', () => {
    const { model } = cluster(base);
    const all = model
      .children(model.context)
      .flatMap((scope) => model.children(scope))
      .flatMap((kind) => model.children(kind));
    expect(all.map((item) => (item as { id: string }).id)).not.toContain('core/ConfigMap/shop/absent');
  });

  it('an object added and removed before a flush changes nothing', () => {
    const { flush } = cluster(base);
    const engineEvents: Array<['upsert' | 'delete', KubeObject]> = [
      ['upsert', pod('blip', 'shop')],
      ['delete', pod('blip', 'shop')],
    ];
    expect(labelsOf(flush(...engineEvents))).toEqual([]);
  });

  it("knows each element's parent, for reveal and for VS Code to merge refreshes", () => {
    const { model } = cluster(base);
    const object = model.objectItem('core/Pod/shop/web-1')!;
    const kind = model.parent(object)!;
    expect(labelsOf([kind])).toEqual(['kind Pod in shop']);
    expect(labelsOf([model.parent(kind)!])).toEqual(['namespace shop']);
    expect(model.parent(model.parent(kind)!)).toBe(model.context);
  });

  it('applies the filter to objects that arrive later too', () => {
    const engine = new TopologyEngine();
    for (const object of base) engine.apply({ type: 'upsert', object });
    const model = new ResourceTreeModel(engine, 'web');
    expect(model.size).toBe(3);
    const delta = engine.apply({ type: 'upsert', object: pod('db-1', 'shop') });
    expect(model.apply(delta).size).toBe(0);
    expect(model.apply(engine.apply({ type: 'upsert', object: pod('web-9', 'shop') })).size).toBe(1);
    expect(model.size).toBe(4);
  });

  it('hands out the very namespace element it shows (a metrics poll redraws it), and none for a namespace it does not hold', () => {
    const { model } = cluster([pod('web-1', 'shop'), namespace('shop')]);
    const shown = model.children(model.context).find((item) => item.type === 'namespace');
    expect(shown).toBeDefined();
    expect(model.namespaceItem('shop')).toBe(shown);
    expect(model.namespaceItem('other')).toBeUndefined();
    expect(model.namespaceItem('')).toBeUndefined();
  });
});
