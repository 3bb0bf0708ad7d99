/**
 * CPU and memory of the selected object (metrics.k8s.io): used against requests and limits, or a Node's allocatable,
 * with a sparkline of the last polls. Pods, workloads (their Pods summed), namespaces and folds (their Pods summed);
 * where the cluster has no metrics, why, once, in place.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { MEASURED_KINDS } from '../../engine/metrics/aggregate';
import { describeMeasure, measureState, type MeasureState } from '../../engine/metrics/describe';
import type { MetricsSeries } from '../../engine/metrics/history';
import type { Measure, MetricsFigures } from '../../engine/metrics/metricsModel';
import { formatCpu, formatMemory } from '../../engine/metrics/quantity';
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX } from '../../engine/viewModel/viewGraph';
import type { MetricsUpdate } from '../../protocol/messages';
import { Sparkline } from './Sparkline';

function stateText(state: MeasureState): string {
  if (state === 'ok') return '';
  return state === 'over-limit' ? l10n.t('over limit') : l10n.t('over request');
}

/**
 * The object whose figures and history the panel shows for a selection: a namespace box shows its Namespace's, and the
 * fold of what a workload runs its workload's (the same Pods summed; the host keeps history by object, not by fold).
 */
export function metricsIdOf(selection: string): string {
  if (selection.startsWith(GROUP_PREFIX)) return `core/Namespace//${selection.slice(GROUP_PREFIX.length)}`;
  return selection.startsWith(POD_AGGREGATE_PREFIX) ? selection.slice(POD_AGGREGATE_PREFIX.length) : selection;
}

export interface MetricsSectionProps {
  readonly metrics: MetricsUpdate | null;
  readonly id: string;
  readonly kind: string;
  /** A fold's figures, summed from its members (the host has none under the fold's id). */
  readonly figures?: MetricsFigures;
  /** The last polls of `id`, when the host sent them. */
  readonly history?: MetricsSeries | undefined;
}

export function MetricsSection({ metrics, id, kind, figures: summed, history }: MetricsSectionProps): JSX.Element | null {
  if (metrics === null || (summed === undefined && !MEASURED_KINDS.has(kind))) return null;
  if (metrics.state !== 'live') {
    return (
      <section data-testid="metrics">
        <h3>{l10n.t('Usage')}</h3>
        <p class="notice">{metrics.message ?? l10n.t('No metrics.')}</p>
      </section>
    );
  }
  const figures = summed ?? metrics.figures[id];
  const aggregate = summed !== undefined || (kind !== 'Pod' && kind !== 'Node');
  return (
    <section data-testid="metrics">
      <h3>{figures !== undefined && aggregate ? usageOfPods(figures.pods) : l10n.t('Usage')}</h3>
      {figures === undefined ? (
        <p class="muted">{l10n.t('No metrics for this object (not running, or not scraped yet).')}</p>
      ) : (
        <dl class="facts metrics">
          <MeasureRow label={l10n.t('CPU')} measure={figures.cpu} resource="cpu" history={history} />
          <MeasureRow label={l10n.t('Memory')} measure={figures.memory} resource="memory" history={history} />
        </dl>
      )}
      {metrics.message !== undefined && <p class="muted">{metrics.message}</p>}
    </section>
  );
}

function MeasureRow({
  label,
  measure,
  resource,
  history,
}: {
  label: string;
  measure: Measure;
  resource: 'cpu' | 'memory';
  history: MetricsSeries | undefined;
}): JSX.Element {
  const state = measureState(measure);
  const ceiling = measure.allocatable ?? measure.limit ?? measure.request;
  const share = ceiling !== undefined && ceiling > 0 ? Math.min(1, measure.used / ceiling) : undefined;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`metrics-${resource}`} class={state === 'ok' ? '' : `metrics-${state}`}>
        <span>{describeMeasure(measure, resource)}</span>
        {state !== 'ok' && <span class="badge error">{stateText(state)}</span>}
        {share !== undefined && (
          <span class="meter" aria-hidden="true">
            <span class="meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </span>
        )}
        {history !== undefined && (
          <Sparkline
            values={history[resource]}
            resource={resource}
            label={l10n.t('{0} over the {1}: {2}', label, span(history), range(resource, history))}
            caption={span(history)}
          />
        )}
      </dd>
    </>
  );
}

/** "last 9 min": what the series spans. */
function span(history: MetricsSeries): string {
  return l10n.t('last {0} min', Math.max(1, Math.round(((history.times.at(-1) ?? 0) - (history.times[0] ?? 0)) / 60_000)));
}

/** "12m to 240m": the lowest and highest use the line shows. */
function range(resource: 'cpu' | 'memory', history: MetricsSeries): string {
  const values = history[resource].filter((v): v is number => v !== null);
  if (values.length === 0) return l10n.t('no figures');
  const format = resource === 'cpu' ? formatCpu : formatMemory;
  return l10n.t('{0} to {1}', format(Math.min(...values)), format(Math.max(...values)));
}

/** The heading of summed figures: "Usage (1 pod)", "Usage (3 pods)". */
function usageOfPods(pods: number): string {
  return pods === 1 ? l10n.t('Usage (1 pod)') : l10n.t('Usage ({0} pods)', pods);
}
