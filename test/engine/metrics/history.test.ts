import { describe, expect, it } from 'vitest';
import { MetricsHistory } from '../../../src/engine/metrics/history.js';
import type { MetricsById, MetricsFigures } from '../../../src/engine/metrics/metricsModel.js';

const figure = (cpu: number, memory: number): MetricsFigures => ({ cpu: { used: cpu }, memory: { used: memory }, pods: 1 });
const POD = 'core/Pod/shop/web';
const NODE = 'core/Node//n1';

describe('MetricsHistory', () => {
  it('keeps each object’s use per poll, oldest first, with null where a poll had no figure', () => {
    const history = new MetricsHistory(5);
    history.record(1000, { [NODE]: figure(900, 4000) });
    history.record(2000, { [NODE]: figure(950, 4100), [POD]: figure(10, 100) });
    history.record(3000, { [POD]: figure(20, 200) });
    expect(history.series(POD)).toEqual({ times: [1000, 2000, 3000], cpu: [null, 10, 20], memory: [null, 100, 200] });
    expect(history.series(NODE)).toEqual({ times: [1000, 2000, 3000], cpu: [900, 950, null], memory: [4000, 4100, null] });
    expect(history.series('core/Pod/shop/never')).toBeUndefined();
  });

  it('is bounded: past its capacity the oldest poll goes, and an object gone from every poll held is forgotten', () => {
    const history = new MetricsHistory(3);
    for (let i = 1; i <= 10; i++) {
      const figures: MetricsById = i <= 2 ? { [POD]: figure(i, i) } : {};
      history.record(i * 1000, { ...figures, [NODE]: figure(i * 100, i) });
    }
    expect(history.size).toBe(3);
    expect(history.series(NODE)).toEqual({ times: [8000, 9000, 10000], cpu: [800, 900, 1000], memory: [8, 9, 10] });
    expect(history.series(POD)).toBeUndefined();
  });

  it('gives the series of the ids asked for, leaving out those without any', () => {
    const history = new MetricsHistory();
    history.record(1, { [POD]: figure(5, 6) });
    expect(history.seriesOf([POD, NODE])).toEqual({ [POD]: { times: [1], cpu: [5], memory: [6] } });
  });
});
