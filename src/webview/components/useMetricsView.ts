/**
 * What the view does with the host's metrics: tells the host which object's recent use the details panel draws
 * (`metrics/watch`, so history travels for that object only), and builds the overlay from the figures and the view.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { buildOverlay, type HeatLevel, type MetricsOverlay, type OverlayResource } from '../../engine/metrics/overlay';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { Host } from '../host';
import { MetricsWatch, createMessage, type GraphMode, type MetricsUpdate } from '../../protocol/messages';
import { metricsIdOf } from './MetricsSection';

export interface MetricsViewInput {
  readonly host: Host;
  readonly mode: GraphMode | undefined;
  readonly metrics: MetricsUpdate | null;
  readonly selection: string | null;
  readonly overlay: OverlayResource | undefined;
  readonly view: ViewGraph;
}

export interface MetricsView {
  /** Figures arrive: the overlay can be chosen. */
  readonly live: boolean;
  readonly overlay: MetricsOverlay | null;
  readonly heat: ReadonlyMap<string, HeatLevel> | null;
}

export function useMetricsView({ host, mode, metrics, selection, overlay: resource, view }: MetricsViewInput): MetricsView {
  const live = mode === 'cluster' && metrics?.state === 'live';
  const watched = mode === 'cluster' && selection !== null ? metricsIdOf(selection) : null;
  // Only changes are posted: a view that never selects anything in a cluster sends nothing.
  const posted = useRef<string | null>(null);
  useEffect(() => {
    if (watched === posted.current) return;
    posted.current = watched;
    host.post(createMessage(MetricsWatch, { ids: watched === null ? [] : [watched] }));
  }, [host, watched]);

  const overlay = useMemo(
    () => (live && resource !== undefined && metrics !== null ? buildOverlay(view, metrics.figures, resource) : null),
    [live, resource, metrics, view],
  );
  const heat = useMemo(
    () => (overlay === null ? null : new Map([...overlay.entries].map(([id, entry]) => [id, entry.level] as const))),
    [overlay],
  );
  return { live, overlay, heat };
}
