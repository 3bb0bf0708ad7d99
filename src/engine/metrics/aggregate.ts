/**
 * Figures of what the topology draws: an object's own (the host sums workloads and namespaces), or for a fold of
 * many objects (what a workload runs, a namespace summary) the sum of the Pods it holds, so a fold and the workload
 * above it read the same.
 */
import type { Measure, MetricsById, MetricsFigures } from './metricsModel.js';

/** Kinds whose figures the host computes: a Pod, what controls Pods, a Namespace, a Node. */
export const MEASURED_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Namespace',
  'Node',
]);

/** Whether an object id (`group/Kind/namespace/name`) is of a measured kind. */
export function isMeasuredId(id: string): boolean {
  return MEASURED_KINDS.has(id.split('/')[1] ?? '');
}

/** Several measures as one: uses add up; a request counts where set, a limit or allocatable only when all have one. */
export function sumMeasures(measures: readonly Measure[]): Measure {
  let used = 0;
  let request: number | undefined;
  let limit: number | undefined = 0;
  let allocatable: number | undefined = 0;
  for (const measure of measures) {
    used += measure.used;
    if (measure.request !== undefined) request = (request ?? 0) + measure.request;
    limit = limit === undefined || measure.limit === undefined ? undefined : limit + measure.limit;
    allocatable = allocatable === undefined || measure.allocatable === undefined ? undefined : allocatable + measure.allocatable;
  }
  return {
    used,
    ...(request !== undefined ? { request } : {}),
    ...(limit !== undefined && measures.length > 0 ? { limit } : {}),
    ...(allocatable !== undefined && measures.length > 0 ? { allocatable } : {}),
  };
}

/** The sum of several objects' figures; undefined for none. */
export function sumFigures(list: readonly MetricsFigures[]): MetricsFigures | undefined {
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return {
    cpu: sumMeasures(list.map((f) => f.cpu)),
    memory: sumMeasures(list.map((f) => f.memory)),
    pods: list.reduce((total, f) => total + f.pods, 0),
  };
}

/** What a drawn node stands for: itself, or the members of a fold. */
export interface DrawnNode {
  readonly id: string;
  readonly aggregate?: 'pods' | 'namespace' | 'events';
  readonly members: readonly string[];
}

/**
 * A drawn node's figures. A fold sums its Pods (a workload fold holds ReplicaSets too, which would count them twice);
 * a fold without Pods (cluster infrastructure) sums its Nodes. Events folds use nothing.
 */
export function figuresOfDrawn(node: DrawnNode, figures: MetricsById): MetricsFigures | undefined {
  if (node.aggregate === undefined) return figures[node.id];
  if (node.aggregate === 'events') return undefined;
  const of = (prefix: string): MetricsFigures[] =>
    node.members.flatMap((id) => {
      const figure = id.startsWith(prefix) ? figures[id] : undefined;
      return figure === undefined ? [] : [figure];
    });
  const pods = of('core/Pod/');
  return sumFigures(pods.length > 0 ? pods : of('core/Node/'));
}
