/** Bottom bar: connection and host messages, what is shown out of what exists, layout progress, problems. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { countFindings, describeCounts } from '../../engine/findings';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import type { GraphMeta, HostStatus } from './graphMeta';
import { ProblemGroups } from './ProblemGroups';
import { foldStatus } from './foldStatus';

export interface StatusBarProps {
  readonly meta: GraphMeta | null;
  readonly status: HostStatus;
  readonly view: ViewGraph;
  readonly total: GraphStore;
  readonly layoutBusy: boolean;
  /** Relations drawn only while one of their ends is selected or hovered. */
  readonly crossCutting: number;
  readonly onSelect: (id: string) => void;
}

export function StatusBar({ meta, status, view, total, layoutBusy, crossCutting, onSelect }: StatusBarProps): JSX.Element {
  const [showProblems, setShowProblems] = useState(false);
  const findings = meta?.findings ?? [];
  // The same count as the CLI, the log and the Problems panel: one list, counted by severity.
  const counts = countFindings(findings);
  const objects = view.nodes.reduce((sum, n) => sum + n.members.length, 0);
  const folds = foldStatus(view);
  let broken = 0;
  for (const edge of total.edges.values()) if (total.brokenAsDrawn(edge) !== undefined) broken++;
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
        data-cross-cutting={crossCutting}
      >
        {meta === null
          ? l10n.t('Waiting for data…')
          : l10n.t('{0} of {1} objects · {2} relations drawn', objects, total.nodes.size, Math.max(0, view.edges.length - crossCutting))}
        {meta !== null && crossCutting > 0 && l10n.t(' (+{0} cross-cutting: select or point at an object to see its own)', crossCutting)}
      </span>
      {folds !== null && (
        <span class="folds" data-testid="folds" data-level={view.level}>
          {folds}
        </span>
      )}
      {layoutBusy && <span class="busy">{l10n.t('Laying out…')}</span>}
      {status.message !== undefined && status.message !== '' && <span class="message">{status.message}</span>}
      <span class="spacer" />
      {findings.length > 0 && (
        <button
          type="button"
          class={`link problems-toggle ${counts.error > 0 ? 'has-errors' : counts.warning > 0 ? 'has-warnings' : ''}`}
          data-testid="problem-counts"
          data-errors={counts.error}
          data-warnings={counts.warning}
          data-notes={counts.info}
          aria-expanded={showProblems}
          onClick={() => setShowProblems(!showProblems)}
        >
          {describeCounts(counts)}
        </button>
      )}
      {showProblems && <ProblemGroups findings={findings} store={total} onSelect={onSelect} />}
    </footer>
  );
}
