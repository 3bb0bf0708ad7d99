import { describe, expect, it } from 'vitest';
import { figuresOfDrawn, isMeasuredId, sumMeasures } from '../../../src/engine/metrics/aggregate.js';
import type { MetricsFigures } from '../../../src/engine/metrics/metricsModel.js';
import { buildOverlay, heatLevel, type DrawnView } from '../../../src/engine/metrics/overlay.js';

const DEPLOY = 'apps/Deployment/shop/web';
const RS = 'apps/ReplicaSet/shop/web-1';
const POD_A = 'core/Pod/shop/web-a';
const POD_B = 'core/Pod/shop/web-b';
const LONE = 'core/Pod/shop/lone';
const NODE = 'core/Node//n1';
const FOLD = `pods:${DEPLOY}`;

const figures: Record<string, MetricsFigures> = {
  [POD_A]: { cpu: { used: 100, request: 250, limit: 500 }, memory: { used: 60, request: 64 }, pods: 1 },
  [POD_B]: { cpu: { used: 300, request: 250, limit: 500 }, memory: { used: 10, request: 64 }, pods: 1 },
  [DEPLOY]: { cpu: { used: 400, request: 500, limit: 1000 }, memory: { used: 70, request: 128 }, pods: 2 },
  [LONE]: { cpu: { used: 50 }, memory: { used: 200 }, pods: 1 },
  [NODE]: { cpu: { used: 3000, allocatable: 4000, request: 600 }, memory: { used: 1000, allocatable: 8000 }, pods: 3 },
};

/** The Deployment beside the fold of what it runs (its ReplicaSet and Pods), a lone Pod, a Node, a Service. */
const view = (nodes: DrawnView['nodes'], representative: [string, string][]): DrawnView => ({
  nodes,
  representative: new Map(representative),
});
const folded = view(
  [
    { id: DEPLOY, kind: 'Deployment', members: [DEPLOY] },
    { id: FOLD, kind: 'Pod', aggregate: 'pods', members: [POD_A, POD_B, RS] },
    { id: LONE, kind: 'Pod', members: [LONE] },
    { id: NODE, kind: 'Node', members: [NODE] },
    { id: 'core/Service/shop/web', kind: 'Service', members: ['core/Service/shop/web'] },
  ],
  [
    [DEPLOY, DEPLOY],
    [POD_A, FOLD],
    [POD_B, FOLD],
    [RS, FOLD],
    [LONE, LONE],
    [NODE, NODE],
  ],
);

describe('aggregates of drawn nodes', () => {
  it('sums uses; a request where any is set, a limit only when all are', () => {
    expect(sumMeasures([{ used: 1, request: 2, limit: 3 }, { used: 4 }])).toEqual({ used: 5, request: 2 });
    expect(
      sumMeasures([
        { used: 1, limit: 3 },
        { used: 4, limit: 5 },
      ]),
    ).toEqual({ used: 5, limit: 8 });
  });

  it('a fold sums its Pods only (not its ReplicaSet), an events fold has none, a plain node its own', () => {
    const fold = figuresOfDrawn({ id: FOLD, aggregate: 'pods', members: [POD_A, POD_B, RS] }, { ...figures, [RS]: figures[DEPLOY]! });
    expect(fold).toEqual({ cpu: { used: 400, request: 500, limit: 1000 }, memory: { used: 70, request: 128 }, pods: 2 });
    expect(figuresOfDrawn({ id: 'events:x', aggregate: 'events', members: [POD_A] }, figures)).toBeUndefined();
    expect(figuresOfDrawn({ id: NODE, members: [NODE] }, figures)).toBe(figures[NODE]);
    expect(figuresOfDrawn({ id: 'ns:infra', aggregate: 'namespace', members: [NODE, 'core/Node//gone'] }, figures)?.cpu.used).toBe(3000);
  });

  it('knows the measured kinds by id', () => {
    expect([DEPLOY, 'batch/CronJob/shop/nightly', 'core/Namespace//shop', NODE].every(isMeasuredId)).toBe(true);
    expect(isMeasuredId('core/Service/shop/web')).toBe(false);
  });
});

describe('the metrics overlay', () => {
  it('steps ratios into five levels; over 100 % only against a request', () => {
    expect([0.1, 0.25, 0.5, 0.8, 1, 1.2].map((r) => heatLevel(r, 'request'))).toEqual([0, 1, 2, 3, 3, 4]);
    expect(heatLevel(1.2, 'max-in-view')).toBe(3);
  });

  it('measures against the request, a Node against its allocatable, the rest against the largest in view', () => {
    const cpu = buildOverlay(folded, figures, 'cpu');
    expect(cpu.entries.get(DEPLOY)).toMatchObject({ ratio: 0.8, basis: 'request', level: 3 });
    expect(cpu.entries.get(FOLD)).toMatchObject({ ratio: 0.8, basis: 'request', level: 3 });
    expect(cpu.entries.get(NODE)).toMatchObject({ ratio: 0.75, basis: 'allocatable', level: 3 });
    // The lone Pod requests nothing: it is the only one without a request, so it is the largest in view.
    expect(cpu.maxInView).toBe(50);
    expect(cpu.entries.get(LONE)).toMatchObject({ ratio: 1, basis: 'max-in-view', level: 3 });
    expect(cpu.entries.has('core/Service/shop/web')).toBe(false);
    const memory = buildOverlay(folded, figures, 'memory');
    expect(memory.entries.get(FOLD)).toMatchObject({ level: 2 });
    expect(memory.entries.get(NODE)).toMatchObject({ level: 0 });
  });

  it('lists the top consumers by the Pods they show: the fold, not the Deployment beside it, and never a Node', () => {
    expect(buildOverlay(folded, figures, 'cpu').top.map((e) => [e.id, e.figures.cpu.used])).toEqual([
      [FOLD, 400],
      [LONE, 50],
    ]);
    expect(buildOverlay(folded, figures, 'memory').top.map((e) => e.id)).toEqual([LONE, FOLD]);
    expect(buildOverlay(folded, figures, 'cpu', 1).top.map((e) => e.id)).toEqual([FOLD]);
  });

  it('ranks what is measured when no Pod is in view', () => {
    const noPods = view(
      [
        { id: DEPLOY, kind: 'Deployment', members: [DEPLOY] },
        { id: NODE, kind: 'Node', members: [NODE] },
      ],
      [
        [DEPLOY, DEPLOY],
        [NODE, NODE],
      ],
    );
    expect(buildOverlay(noPods, figures, 'cpu').top.map((e) => e.id)).toEqual([NODE, DEPLOY]);
  });
});
