/**
 * CPU and memory of the selected object (metrics.k8s.io): used against requests and limits, or a Node's allocatable.
 * Pods, workloads (their Pods summed) and namespaces; where the cluster has no metrics, why, once, in place.
 */
import type { JSX } from 'preact';
import { describeMeasure, measureState, type MeasureState } from '../../engine/metrics/describe';
import type { Measure } from '../../engine/metrics/metricsModel';
import type { MetricsUpdate } from '../../protocol/messages';

/** Kinds whose figures the host computes: a Pod, what controls Pods, a Namespace, a Node. */
const MEASURED_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Namespace', 'Node']);

const STATE_TEXT: Readonly<Record<MeasureState, string>> = { 'over-limit': 'over limit', 'over-request': 'over request', ok: '' };

export function MetricsSection({ metrics, id, kind }: { metrics: MetricsUpdate | null; id: string; kind: string }): JSX.Element | null {
  if (metrics === null || !MEASURED_KINDS.has(kind)) return null;
  if (metrics.state !== 'live') {
    return (
      <section data-testid="metrics">
        <h3>Usage</h3>
        <p class="notice">{metrics.message ?? 'No metrics.'}</p>
      </section>
    );
  }
  const figures = metrics.figures[id];
  return (
    <section data-testid="metrics">
      <h3>{figures !== undefined && kind !== 'Pod' && kind !== 'Node' ? `Usage (${figures.pods} pods)` : 'Usage'}</h3>
      {figures === undefined ? (
        <p class="muted">No metrics for this object (not running, or not scraped yet).</p>
      ) : (
        <dl class="facts metrics">
          <MeasureRow label="CPU" measure={figures.cpu} resource="cpu" />
          <MeasureRow label="Memory" measure={figures.memory} resource="memory" />
        </dl>
      )}
      {metrics.message !== undefined && <p class="muted">{metrics.message}</p>}
    </section>
  );
}

function MeasureRow({ label, measure, resource }: { label: string; measure: Measure; resource: 'cpu' | 'memory' }): JSX.Element {
  const state = measureState(measure);
  const ceiling = measure.allocatable ?? measure.limit ?? measure.request;
  const share = ceiling !== undefined && ceiling > 0 ? Math.min(1, measure.used / ceiling) : undefined;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`metrics-${resource}`} class={state === 'ok' ? '' : `metrics-${state}`}>
        <span>{describeMeasure(measure, resource)}</span>
        {state !== 'ok' && <span class="badge error">{STATE_TEXT[state]}</span>}
        {share !== undefined && (
          <span class="meter" aria-hidden="true">
            <span class="meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </span>
        )}
      </dd>
    </>
  );
}
