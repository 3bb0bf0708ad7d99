/** Bottom bar: connection and host messages, what is shown out of what exists, layout progress, warnings. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import type { GraphMeta, HostStatus } from './graphMeta';

export interface StatusBarProps {
  readonly meta: GraphMeta | null;
  readonly status: HostStatus;
  readonly view: ViewGraph;
  readonly total: GraphStore;
  readonly layoutBusy: boolean;
}

export function StatusBar({ meta, status, view, total, layoutBusy }: StatusBarProps): JSX.Element {
  const [showWarnings, setShowWarnings] = useState(false);
  const warnings = meta?.warnings ?? [];
  const objects = view.nodes.reduce((sum, n) => sum + n.members.length, 0);
  let broken = 0;
  for (const edge of total.edges.values()) if (edge.broken !== undefined) broken++;
  return (
    <footer class="statusbar">
      {status.connection !== undefined && <span class="connection">{status.connection}</span>}
      <span
        data-testid="counts"
        data-graph-stats=""
        data-nodes={total.nodes.size}
        data-edges={total.edges.size}
        data-broken={broken}
        data-shown-objects={objects}
        data-shown-relations={view.edges.length}
        data-layout-busy={layoutBusy ? 'true' : 'false'}
      >
        {meta === null ? 'Waiting for data…' : `${objects} of ${total.nodes.size} objects · ${view.edges.length} relations shown`}
      </span>
      {layoutBusy && <span class="busy">Laying out…</span>}
      {status.message !== undefined && status.message !== '' && <span class="message">{status.message}</span>}
      <span class="spacer" />
      {warnings.length > 0 && (
        <button type="button" class="link" aria-expanded={showWarnings} onClick={() => setShowWarnings(!showWarnings)}>
          {`${warnings.length} warning${warnings.length === 1 ? '' : 's'}`}
        </button>
      )}
      {showWarnings && (
        <ul class="warnings" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </footer>
  );
}
