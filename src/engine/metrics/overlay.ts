/**
 * The metrics overlay of the topology: how hot each drawn node runs on one resource, in a few steps the legend can
 * name, and the top consumers in view. Pure, so the scale is tested without a canvas; the webview only paints it.
 */
import { figuresOfDrawn, type DrawnNode } from './aggregate.js';
import type { MetricsById, MetricsFigures } from './metricsModel.js';

export type OverlayResource = 'cpu' | 'memory';
export type OverlayChoice = 'off' | OverlayResource;

/**
 * Heat steps: 0 below 25 %, 1 to 50 %, 2 to 75 %, 3 to 100 %, 4 over the request (or a Node's allocatable). Steps,
 * not a continuous ramp, so the legend can say what each colour means and a reader can tell two nodes apart.
 */
export type HeatLevel = 0 | 1 | 2 | 3 | 4;
export const HEAT_LEVELS: readonly HeatLevel[] = [0, 1, 2, 3, 4];
export const HEAT_LABELS: Readonly<Record<HeatLevel, string>> = {
  0: 'under 25%',
  1: '25–50%',
  2: '50–75%',
  3: '75–100%',
  4: 'over request',
};

/** What a node's use is measured against. */
export type HeatBasis = 'request' | 'allocatable' | 'max-in-view';

export interface OverlayEntry {
  readonly id: string;
  readonly figures: MetricsFigures;
  /** Use against the basis (may exceed 1 against a request). */
  readonly ratio: number;
  readonly basis: HeatBasis;
  readonly level: HeatLevel;
}

export interface MetricsOverlay {
  readonly resource: OverlayResource;
  /** Drawn nodes with figures; the others stay neutral. */
  readonly entries: ReadonlyMap<string, OverlayEntry>;
  /** The largest use in view among nodes without a request, the basis of their ratio (0 when none). */
  readonly maxInView: number;
  /** The biggest consumers in view, biggest first (see `topConsumers`). */
  readonly top: readonly OverlayEntry[];
}

export interface DrawnView {
  readonly nodes: readonly (DrawnNode & { readonly kind: string })[];
  /** Real id → id of the drawn node that shows it. */
  readonly representative: ReadonlyMap<string, string>;
}

export const TOP_CONSUMERS = 5;

export function heatLevel(ratio: number, basis: HeatBasis): HeatLevel {
  if (ratio > 1 && basis !== 'max-in-view') return 4;
  if (ratio >= 0.75) return 3;
  if (ratio >= 0.5) return 2;
  return ratio >= 0.25 ? 1 : 0;
}

/**
 * Every drawn node with figures, measured against its request (a Node: its allocatable). Without one, against the
 * largest use in view among nodes without one: Nodes are left out of that maximum, as a machine's use would dwarf
 * every Pod's.
 */
export function buildOverlay(view: DrawnView, figures: MetricsById, resource: OverlayResource, topCount = TOP_CONSUMERS): MetricsOverlay {
  const measured = view.nodes.flatMap((node) => {
    const figure = figuresOfDrawn(node, figures);
    return figure === undefined ? [] : [{ node, figure, measure: figure[resource] }];
  });
  const baseOf = (m: (typeof measured)[number]['measure']): number | undefined => {
    const base = m.allocatable ?? m.request;
    return base !== undefined && base > 0 ? base : undefined;
  };
  let maxInView = 0;
  for (const { node, measure } of measured) {
    if (baseOf(measure) === undefined && node.kind !== 'Node') maxInView = Math.max(maxInView, measure.used);
  }
  const entries = new Map<string, OverlayEntry>();
  for (const { node, figure, measure } of measured) {
    const base = baseOf(measure);
    const basis: HeatBasis = base === undefined ? 'max-in-view' : measure.allocatable !== undefined ? 'allocatable' : 'request';
    const of = base ?? maxInView;
    const ratio = of > 0 ? measure.used / of : 0;
    entries.set(node.id, { id: node.id, figures: figure, ratio, basis, level: heatLevel(ratio, basis) });
  }
  return { resource, entries, maxInView, top: topConsumers(view, figures, entries, resource, topCount) };
}

/**
 * The drawn nodes whose Pods use the most. Pods are grouped by the node that shows them (a Pod, a fold of what a
 * workload runs, a namespace summary), so no Pod counts twice: a Deployment and the fold of its Pods are not both
 * listed. Where no Pod is in view (Pods filtered out), the measured workloads, Namespaces and Nodes are ranked.
 */
export function topConsumers(
  view: DrawnView,
  figures: MetricsById,
  entries: ReadonlyMap<string, OverlayEntry>,
  resource: OverlayResource,
  count = TOP_CONSUMERS,
): OverlayEntry[] {
  const shown = new Set<string>();
  for (const id of Object.keys(figures)) {
    const by = id.startsWith('core/Pod/') ? view.representative.get(id) : undefined;
    if (by !== undefined && entries.has(by)) shown.add(by);
  }
  // A drawn node's figures are already the sum of the Pods it shows (aggregate.ts).
  const ranked = shown.size > 0 ? [...shown].map((id) => entries.get(id)!) : [...entries.values()];
  const used = (entry: OverlayEntry): number => entry.figures[resource].used;
  return ranked.sort((a, b) => used(b) - used(a) || (a.id < b.id ? -1 : 1)).slice(0, count);
}
