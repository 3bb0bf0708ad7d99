/**
 * The Events view's model at the size of one noisy namespace (20K Events; Headlamp's users measured ~12 s for 21K):
 * read every Event, list newest first, filter, group, then 1,000 live updates each followed by the read a tree refresh
 * does. Run alone: `npx tsx bench/events.ts [count]`; `npm run bench` prints the same row.
 */
import type { KubeObject } from '../src/engine/model/object.js';
import { eventEntryOf, type EventEntry } from '../src/extension/views/eventEntry.js';
import { EventsModel } from '../src/extension/views/eventsModel.js';
import { fixed, time } from './stats.js';

const REASONS = [
  'Scheduled',
  'Pulling',
  'Pulled',
  'Created',
  'Started',
  'Killing',
  'BackOff',
  'Unhealthy',
  'FailedMount',
  'FailedScheduling',
];
const WARNINGS = new Set(['BackOff', 'Unhealthy', 'FailedMount', 'FailedScheduling']);
const T0 = Date.parse('2024-05-01T10:00:00Z');

function syntheticEvent(index: number, minute: number, count: number): KubeObject {
  const reason = REASONS[index % REASONS.length]!;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web-${index % 2000}.${index.toString(16)}`, namespace: 'noisy' },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'noisy', name: `web-${index % 2000}` },
    type: WARNINGS.has(reason) ? 'Warning' : 'Normal',
    reason,
    message: `${reason} for container app of pod web-${index % 2000} (attempt ${index})`,
    source: { component: 'kubelet', host: `node-${index % 50}` },
    count,
    firstTimestamp: new Date(T0 + (minute - count) * 1000).toISOString(),
    lastTimestamp: new Date(T0 + minute * 1000).toISOString(),
  };
}

export interface EventsBenchRow {
  readonly events: number;
  readonly readMs: number;
  readonly listMs: number;
  readonly filterMs: number;
  readonly groupMs: number;
  readonly updatesMs: number;
  readonly updateP99Ms: number;
  readonly shown: number;
}

export function benchEvents(count = 20_000, updates = 1_000): EventsBenchRow {
  const objects = Array.from({ length: count }, (_, index) => syntheticEvent(index, (index * 7919) % count, 1 + (index % 5)));
  let entries: EventEntry[] = [];
  const readMs = time(() => {
    entries = objects.map((object, index) => eventEntryOf(`core/Event/noisy/${String(index)}`, object)!);
  });
  const model = new EventsModel(500);
  const listMs = time(() => {
    model.apply(entries);
    model.children();
  });
  const filterMs = time(() => {
    model.setFilter({ types: new Set(['Warning']), text: 'web-1' });
    model.children();
    model.setFilter({ reasons: new Set(['BackOff', 'Unhealthy']) });
    model.children();
  });
  const groupMs = time(() => {
    model.setGrouping('object');
    for (const group of model.children().slice(0, 10)) model.children(group);
    model.setGrouping('none');
  });
  const each: number[] = [];
  const updatesMs = time(() => {
    for (let step = 0; step < updates; step++) {
      const index = (step * 104729) % count;
      const object = syntheticEvent(index, count + step, 2 + step);
      each.push(
        time(() => {
          model.apply([eventEntryOf(`core/Event/noisy/${String(index)}`, object)!]);
          model.children();
        }),
      );
    }
  });
  each.sort((a, b) => a - b);
  return {
    events: count,
    readMs,
    listMs,
    filterMs,
    groupMs,
    updatesMs,
    updateP99Ms: each[Math.floor(each.length * 0.99)] ?? NaN,
    shown: model.shown,
  };
}

export function printEventsRow(row: EventsBenchRow): void {
  console.log('events   read ms  list ms  filter ms (2)  group ms  1,000 updates ms  update p99 ms  total ms');
  const total = row.readMs + row.listMs + row.filterMs + row.updatesMs;
  console.log(
    [
      String(row.events).padEnd(8),
      fixed(row.readMs).padEnd(8),
      fixed(row.listMs).padEnd(8),
      fixed(row.filterMs).padEnd(14),
      fixed(row.groupMs).padEnd(9),
      fixed(row.updatesMs).padEnd(17),
      fixed(row.updateP99Ms, 3).padEnd(14),
      fixed(total),
    ].join(' '),
  );
}

if (process.argv[1]?.endsWith('events.ts')) {
  console.log('Events view model: read, list newest first, filter, group, live updates (target: 20K in ≤ 1,200 ms, 10× Headlamp)');
  printEventsRow(benchEvents(Number(process.argv[2] ?? 20_000)));
}
