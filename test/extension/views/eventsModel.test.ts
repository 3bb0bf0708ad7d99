import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { eventEntryOf, eventEntryOfRecord, type EventEntry } from '../../../src/extension/views/eventEntry.js';
import { EventsModel, type EventItem, type EventRow } from '../../../src/extension/views/eventsModel.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** A core/v1 Event, built fluently: `coreEvent('e1').about('Pod', 'web-1').warning('BackOff').at(3).count(4).build()`. */
function coreEvent(name: string, namespace = 'shop') {
  const event: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    type: 'Normal',
    reason: 'Scheduled',
    message: `message of ${name}`,
    involvedObject: { kind: 'Pod', name: 'web-1', namespace },
    source: { component: 'kubelet' },
  };
  const builder = {
    about: (kind: string, objectName: string, apiVersion = 'v1') => {
      event['involvedObject'] = { apiVersion, kind, name: objectName, namespace };
      return builder;
    },
    warning: (reason: string) => {
      event['type'] = 'Warning';
      event['reason'] = reason;
      return builder;
    },
    reason: (reason: string) => {
      event['reason'] = reason;
      return builder;
    },
    message: (message: string) => {
      event['message'] = message;
      return builder;
    },
    at: (last: number, first = last) => {
      event['firstTimestamp'] = at(first);
      event['lastTimestamp'] = at(last);
      return builder;
    },
    count: (count: number) => {
      event['count'] = count;
      return builder;
    },
    build: (): KubeObject => event as KubeObject,
    entry: (): EventEntry => eventEntryOf(`core/Event/${namespace}/${name}`, event as KubeObject)!,
  };
  return builder;
}

const labels = (items: readonly EventItem[]): string[] =>
  items.map((item) =>
    item.type === 'row' ? `${item.object.name}:${item.reason}` : item.type === 'group' ? item.label : `+${item.hidden}`,
  );

describe('eventEntryOf', () => {
  it('reads a core/v1 Event: involved object, count, first and last seen, source', () => {
    const entry = coreEvent('e1').about('Deployment', 'web', 'apps/v1').warning('FailedCreate').at(5, 1).count(7).entry();
    expect(entry).toMatchObject({
      type: 'Warning',
      reason: 'FailedCreate',
      namespace: 'shop',
      object: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
      source: 'kubelet',
      count: 7,
      firstSeen: Date.parse(at(1)),
      lastSeen: Date.parse(at(5)),
    });
  });

  it('reads an events.k8s.io/v1 Event: regarding, note, series count and last observation, reporting controller', () => {
    const entry = eventEntryOf('events.k8s.io/Event/shop/e2', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e2', namespace: 'shop' },
      type: 'Warning',
      reason: 'BackOff',
      note: 'Back-off restarting failed container',
      regarding: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
      reportingController: 'kubelet',
      eventTime: at(0),
      series: { count: 12, lastObservedTime: at(9) },
    });
    expect(entry).toMatchObject({ message: 'Back-off restarting failed container', count: 12, source: 'kubelet' });
    expect(entry?.firstSeen).toBe(Date.parse(at(0)));
    expect(entry?.lastSeen).toBe(Date.parse(at(9)));
  });

  it('reads the core/v1 view of an Event written through events.k8s.io: series count, eventTime, reporting component', () => {
    // What the session watches (core/v1) of what the scheduler and new-style recorders write: no count, no
    // first/last timestamp, no source component.
    const entry = eventEntryOf('core/Event/shop/e3', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e3', namespace: 'shop' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available',
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'shop' },
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: at(2),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-host',
      series: { count: 4, lastObservedTime: at(7) },
    } as unknown as KubeObject);
    expect(entry).toMatchObject({ count: 4, source: 'default-scheduler', firstSeen: Date.parse(at(2)), lastSeen: Date.parse(at(7)) });
  });

  it("places an Event about a cluster-scoped object on the object, not in the Event's own namespace", () => {
    // Events about Nodes live in `default` and name no namespace for the Node.
    const node = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'n1.1', namespace: 'default' },
      type: 'Normal',
      reason: 'RegisteredNode',
      message: 'Node n1 event: Registered Node n1 in Controller',
      involvedObject: { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n1' },
      source: { component: 'node-controller' },
    } as KubeObject;
    const entry = eventEntryOf('core/Event/default/n1.1', node);
    expect(entry?.object).toEqual({ group: 'core', kind: 'Node', namespace: '', name: 'n1' });
    expect(entry?.namespace).toBe('default');
    // A namespaced object named without its namespace still takes the Event's.
    const pod = { ...node, involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'p' } } as KubeObject;
    expect(eventEntryOf('core/Event/default/p.1', pod)?.object.namespace).toBe('default');
  });

  it('skips an Event that names no object, and reads a stored history row', () => {
    expect(eventEntryOf('x', { kind: 'Event', metadata: { name: 'x' } })).toBeUndefined();
    const stored = eventEntryOfRecord({
      id: 4,
      clusterId: 1,
      objectId: 'apps/Deployment/shop/web',
      type: 'Warning',
      reason: 'X',
      message: 'm',
      count: 3,
      firstSeen: 1,
      lastSeen: 2,
    });
    expect(stored.object).toEqual({ group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' });
  });
});

describe('EventsModel', () => {
  const three = (): EventEntry[] => [
    coreEvent('a').about('Pod', 'web-1').warning('BackOff').at(3).count(5).entry(),
    coreEvent('b').about('Pod', 'web-2').reason('Pulled').at(1).entry(),
    coreEvent('c', 'ops').about('Node', 'n1').warning('NodeNotReady').at(2).entry(),
  ];

  it('lists newest first', () => {
    const model = new EventsModel();
    model.apply(three());
    expect(labels(model.children())).toEqual(['web-1:BackOff', 'n1:NodeNotReady', 'web-2:Pulled']);
  });

  it('moves an updated Event to its new place and keeps its row element', () => {
    const model = new EventsModel();
    model.apply(three());
    const row = model.children().find((item) => item.type === 'row' && item.object.name === 'web-2');
    const changes = model.apply([coreEvent('b').about('Pod', 'web-2').reason('Pulled').at(9, 1).count(2).entry()]);
    const first = model.children()[0] as EventRow;
    expect(first).toBe(row);
    expect(first).toMatchObject({ count: 2, firstSeen: Date.parse(at(1)), lastSeen: Date.parse(at(9)) });
    expect(changes.root).toBe(true);
    expect(changes.grown).toEqual([row]);
  });

  it('folds a series: Events with the same object, type, reason and message are one row with their counts summed', () => {
    const model = new EventsModel();
    model.apply([
      coreEvent('x1').warning('BackOff').message('back-off').at(1).count(3).entry(),
      coreEvent('x2').warning('BackOff').message('back-off').at(4).count(2).entry(),
    ]);
    const [row] = model.children() as EventRow[];
    expect(model.children()).toHaveLength(1);
    expect(row).toMatchObject({ count: 5, events: 2, firstSeen: Date.parse(at(1)), lastSeen: Date.parse(at(4)) });
    model.apply([], ['core/Event/shop/x2']);
    expect(model.children()[0]).toMatchObject({ count: 3, events: 1 });
    model.apply([], ['core/Event/shop/x1']);
    expect(model.children()).toEqual([]);
    expect(model.size).toBe(0);
  });

  it('filters by type, namespace, kind, reason and text, and keeps filtering as Events arrive', () => {
    const model = new EventsModel();
    model.apply(three());
    model.setFilter({ types: new Set(['Warning']) });
    expect(labels(model.children())).toEqual(['web-1:BackOff', 'n1:NodeNotReady']);
    model.setFilter({ namespaces: new Set(['ops']) });
    expect(labels(model.children())).toEqual(['n1:NodeNotReady']);
    model.setFilter({ kinds: new Set(['Pod']), reasons: new Set(['Pulled']) });
    expect(labels(model.children())).toEqual(['web-2:Pulled']);
    model.setFilter({ text: 'WEB-1' });
    expect(labels(model.children())).toEqual(['web-1:BackOff']);
    model.setFilter({ types: new Set(['Warning']) });
    model.apply([coreEvent('d').about('Pod', 'web-3').reason('Started').at(8).entry()]);
    model.apply([coreEvent('e').about('Pod', 'web-4').warning('Failed').at(7).entry()]);
    expect(labels(model.children())).toEqual(['web-4:Failed', 'web-1:BackOff', 'n1:NodeNotReady']);
    expect(model.shown).toBe(3);
    expect(model.size).toBe(5);
  });

  it('groups by namespace, object or reason; groups ordered by their newest row, with counts', () => {
    const model = new EventsModel();
    model.apply(three());
    model.setGrouping('namespace');
    const groups = model.children();
    expect(labels(groups)).toEqual(['shop', 'ops']);
    expect(groups[0]).toMatchObject({ size: 2, warnings: 1 });
    expect(labels(model.children(groups[0]))).toEqual(['web-1:BackOff', 'web-2:Pulled']);
    expect(model.parent(model.children(groups[0])[0]!)).toBe(groups[0]);
    model.setGrouping('object');
    expect(labels(model.children())).toEqual(['Pod shop/web-1', 'Node ops/n1', 'Pod shop/web-2']);
    model.setGrouping('reason');
    expect(labels(model.children())).toEqual(['BackOff', 'NodeNotReady', 'Pulled']);
  });

  it('refreshes only the group an update stays in; a change in group order refreshes the root', () => {
    const model = new EventsModel();
    model.apply(three());
    model.setGrouping('namespace');
    const [shop, ops] = model.children();
    const within = model.apply([coreEvent('b').about('Pod', 'web-2').reason('Pulled').at(2.5).entry()]);
    expect(within.root).toBe(false);
    expect([...within.groups]).toEqual([shop]);
    const reorder = model.apply([coreEvent('c', 'ops').about('Node', 'n1').warning('NodeNotReady').at(9).entry()]);
    expect(reorder.root).toBe(true);
    expect(model.children()).toEqual([ops, shop]);
    // The last row of a group moving within it keeps the group element.
    model.apply([coreEvent('c', 'ops').about('Node', 'n1').warning('NodeNotReady').at(10).entry()]);
    expect(model.children()[0]).toBe(ops);
    model.apply([], ['core/Event/ops/c']);
    expect(labels(model.children())).toEqual(['shop']);
  });

  it('shows at most `limit` rows and a "more" item', () => {
    const model = new EventsModel(2);
    model.apply(three());
    expect(labels(model.children())).toEqual(['web-1:BackOff', 'n1:NodeNotReady', '+1']);
  });

  it('counts the values present, for pick lists', () => {
    const model = new EventsModel();
    model.apply(three());
    const facets = model.facets();
    expect(Object.fromEntries(facets.types)).toEqual({ Warning: 2, Normal: 1 });
    expect(Object.fromEntries(facets.kinds)).toEqual({ Pod: 2, Node: 1 });
  });

  it('keeps the same order as a full sort after many random updates', () => {
    const model = new EventsModel(10_000);
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let step = 0; step < 2000; step++) {
      const name = `e${random(200)}`;
      if (random(10) === 0) model.apply([], [`core/Event/ns${random(3)}/${name}`]);
      else
        model.apply([
          coreEvent(name, `ns${random(3)}`)
            .about('Pod', `p${random(50)}`)
            .reason(`R${random(4)}`)
            .at(random(1000))
            .entry(),
        ]);
    }
    const rows = model.children() as EventRow[];
    const sorted = [...rows].sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? -1 : 1));
    expect(rows).toEqual(sorted);
    model.setGrouping('namespace');
    const total = model.children().reduce((sum, group) => sum + model.children(group).length, 0);
    expect(total).toBe(rows.length);
  });

  it('reads a large list in one sort, in the same order as one by one', () => {
    const entries = Array.from({ length: 600 }, (_, i) =>
      coreEvent(`b${i}`, `ns${i % 3}`)
        .about('Pod', `p${i % 40}`)
        .reason(`R${i % 5}`)
        .message('same')
        .at((i * 37) % 100)
        .entry(),
    );
    const bulk = new EventsModel(10_000);
    bulk.setFilter({ namespaces: new Set(['ns1']) });
    bulk.setGrouping('reason');
    const changes = bulk.apply(entries);
    const single = new EventsModel(10_000);
    single.setFilter({ namespaces: new Set(['ns1']) });
    single.setGrouping('reason');
    for (const entry of entries) single.apply([entry]);
    expect(changes.root).toBe(true);
    expect(labels(bulk.children())).toEqual(labels(single.children()));
    expect(labels(bulk.children(bulk.children()[0]))).toEqual(labels(single.children(single.children()[0])));
    expect(bulk.size).toBe(single.size);
  });
});
