/** Metrics in words, the same in the details panel, the Resources tree and tests. */
import type { Measure, MetricsFigures } from './metricsModel.js';
import { formatCpu, formatMemory } from './quantity.js';

export type MeasureState = 'over-limit' | 'over-request' | 'ok';

/** Over its limit beats over its request; a Node compares with what it can allocate. */
export function measureState(measure: Measure): MeasureState {
  // A Node's usage includes the system's and is compared with its allocatable only, not with its Pods' requests.
  if (measure.allocatable !== undefined) return measure.used > measure.allocatable ? 'over-limit' : 'ok';
  if (measure.limit !== undefined && measure.used > measure.limit) return 'over-limit';
  if (measure.request !== undefined && measure.used > measure.request) return 'over-request';
  return 'ok';
}

const percent = (used: number, of: number): string => (of > 0 ? ` (${Math.round((used / of) * 100)}%)` : '');

/**
 * "120m / 500m request (24%) · 1 limit (12%)"; for a Node, its allocatable and what its Pods request of it:
 * "1.2 / 4 allocatable (30%) · 2.5 requested (62%)".
 */
export function describeMeasure(measure: Measure, resource: 'cpu' | 'memory'): string {
  const format = resource === 'cpu' ? formatCpu : formatMemory;
  const used = format(measure.used);
  if (measure.allocatable !== undefined) {
    const parts = [`${used} / ${format(measure.allocatable)} allocatable${percent(measure.used, measure.allocatable)}`];
    if (measure.request !== undefined) parts.push(`${format(measure.request)} requested${percent(measure.request, measure.allocatable)}`);
    return parts.join(' · ');
  }
  const parts: string[] = [];
  parts.push(
    measure.request !== undefined ? `${used} / ${format(measure.request)} request${percent(measure.used, measure.request)}` : used,
  );
  if (measure.limit !== undefined) parts.push(`${format(measure.limit)} limit${percent(measure.used, measure.limit)}`);
  return parts.join(' · ');
}

const STATE_WORDS: Readonly<Record<MeasureState, string>> = { 'over-limit': 'over limit', 'over-request': 'over request', ok: '' };

/** Short, for a tree item's description: "cpu 120m (24%) · mem 64Mi ⚠ over limit". */
export function shortFigures(figures: MetricsFigures): string {
  const short = (measure: Measure, format: (n: number) => string): string => {
    const of = measure.allocatable ?? measure.request;
    const state = STATE_WORDS[measureState(measure)];
    return `${format(measure.used)}${of !== undefined ? percent(measure.used, of) : ''}${state ? ` ${state}` : ''}`;
  };
  return `cpu ${short(figures.cpu, formatCpu)} · mem ${short(figures.memory, formatMemory)}`;
}

/**
 * An object's usage as the Resources tree shows it: short for the row's description, whole for its tooltip. A
 * workload or Namespace says how many Pods it sums.
 */
export function treeUsage(figures: MetricsFigures, kind: string): { short: string; lines: string[] } {
  const summed = kind !== 'Pod' && kind !== 'Node';
  return {
    short: shortFigures(figures),
    lines: [
      ...(summed ? [`Usage of ${figures.pods} pod${figures.pods === 1 ? '' : 's'}:`] : []),
      `CPU: ${describeMeasure(figures.cpu, 'cpu')}`,
      `Memory: ${describeMeasure(figures.memory, 'memory')}`,
    ],
  };
}
