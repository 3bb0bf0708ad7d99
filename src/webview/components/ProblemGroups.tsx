/**
 * The view's list of findings, grouped by kind of problem as the CLI summary groups them: one line per group
 * (severity, title, count), opened to list its findings. Notes start closed, so hundreds of expected ones
 * (Secrets created outside the repository) never bury the errors and warnings.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { findingLine, groupFindings, type Finding, type FindingGroup, type FindingSeverity } from '../../engine/findings';
import type { GraphStore } from '../../engine/viewModel/graphStore';

/** A group lists this many findings, then offers the rest: the DOM stays small for thousands. */
const SHOWN_PER_GROUP = 100;
function severityLabel(severity: FindingSeverity): string {
  if (severity === 'error') return l10n.t('Error');
  return severity === 'warning' ? l10n.t('Warning') : l10n.t('Note');
}

export interface ProblemGroupsProps {
  readonly findings: readonly Finding[];
  readonly store: GraphStore;
  readonly onSelect: (id: string) => void;
}

export function ProblemGroups({ findings, store, onSelect }: ProblemGroupsProps): JSX.Element {
  const groups = groupFindings(findings);
  return (
    <div class="problems" role="region" aria-label={l10n.t('Problems')} data-testid="problems">
      {groups.map((group) => (
        <Group
          key={`${group.severity}-${group.key}`}
          group={group}
          store={store}
          onSelect={onSelect}
          openAtFirst={group.severity !== 'info' && groups.length === 1}
        />
      ))}
    </div>
  );
}

function Group(props: { group: FindingGroup; store: GraphStore; onSelect: (id: string) => void; openAtFirst: boolean }): JSX.Element {
  const { group } = props;
  const [open, setOpen] = useState(props.openAtFirst);
  const [all, setAll] = useState(false);
  const shown = all ? group.findings : group.findings.slice(0, SHOWN_PER_GROUP);
  return (
    <section
      class={`problem-group ${group.severity}`}
      data-group={group.key}
      data-severity={group.severity}
      data-count={group.findings.length}
    >
      <button type="button" class="problem-group-title" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class={`severity ${group.severity}`}>{severityLabel(group.severity)}</span>
        <span class="group-title">{group.title}</span>
        <span class="count">{group.findings.length}</span>
      </button>
      {open && (
        <ul class="problem-lines">
          {shown.map((finding, index) => (
            <li key={index}>
              <ProblemLine finding={finding} store={props.store} onSelect={props.onSelect} />
            </li>
          ))}
          {shown.length < group.findings.length && (
            <li>
              <button type="button" class="link" onClick={() => setAll(true)}>
                {l10n.t('Show {0} more', group.findings.length - shown.length)}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function ProblemLine(props: { finding: Finding; store: GraphStore; onSelect: (id: string) => void }): JSX.Element {
  const subject = props.finding.objects[0];
  const text = findingLine(props.finding);
  if (subject === undefined || !props.store.nodes.has(subject)) return <span>{text}</span>;
  return (
    <button type="button" class="link" title={l10n.t('Select the object')} onClick={() => props.onSelect(subject)}>
      {text}
    </button>
  );
}
