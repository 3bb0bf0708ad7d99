/** The timeline bar: step through stored snapshots, go back to live, compare a moment with now, list the changes. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { GraphDiff, TimelineState } from '../../protocol/messages';

export interface TimelineProps {
  readonly timeline: TimelineState;
  readonly diff: GraphDiff | null;
  readonly onSelect: (id: number | null) => void;
  readonly onCompare: (from: number | null, to: number | null) => void;
}

const MAX_LISTED_CHANGES = 300;

export function formatMoment(at: number): string {
  return new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

export function Timeline({ timeline, diff, onSelect, onCompare }: TimelineProps): JSX.Element {
  const [showChanges, setShowChanges] = useState(false);
  // Oldest first, as a timeline reads; the select lists newest first.
  const entries = [...timeline.entries].sort((a, b) => a.takenAt - b.takenAt);
  const index = timeline.current === null ? entries.length : entries.findIndex((entry) => entry.id === timeline.current);
  const comparing = timeline.compare !== null;
  const step = (offset: number): void => {
    const next = index + offset;
    onSelect(next >= entries.length ? null : (entries[Math.max(0, next)]?.id ?? null));
  };
  return (
    <section class={`timeline${timeline.current !== null || comparing ? ' past' : ''}`} aria-label={l10n.t('Timeline')}>
      <span class="timeline-label">{comparing ? l10n.t('Comparing') : timeline.current === null ? l10n.t('Live') : l10n.t('History')}</span>
      <button
        type="button"
        disabled={entries.length === 0 || index <= 0 || comparing}
        onClick={() => step(-1)}
        aria-label={l10n.t('Older snapshot')}
      >
        ◀
      </button>
      <select
        aria-label={l10n.t('Snapshot')}
        value={timeline.current === null ? 'live' : String(timeline.current)}
        disabled={comparing}
        onChange={(event) => {
          const value = (event.target as HTMLSelectElement).value;
          onSelect(value === 'live' ? null : Number(value));
        }}
      >
        <option value="live">{l10n.t('Live (now)')}</option>
        {[...entries].reverse().map((entry) => (
          <option key={entry.id} value={String(entry.id)}>
            {l10n.t('{0} · {1} · {2} objects', formatMoment(entry.takenAt), entry.trigger, entry.nodes)}
          </option>
        ))}
      </select>
      <button type="button" disabled={index >= entries.length || comparing} onClick={() => step(1)} aria-label={l10n.t('Newer snapshot')}>
        ▶
      </button>
      {timeline.current !== null && !comparing && (
        <button type="button" onClick={() => onCompare(timeline.current, null)}>
          {l10n.t('Compare with now')}
        </button>
      )}
      {(timeline.current !== null || comparing) && (
        <button type="button" onClick={() => onSelect(null)}>
          {l10n.t('Back to live')}
        </button>
      )}
      {diff !== null && (
        <button type="button" class="link" aria-expanded={showChanges} onClick={() => setShowChanges(!showChanges)}>
          {diff.changes.length === 1
            ? l10n.t('1 change: {0} → {1}', diff.from, diff.to)
            : l10n.t('{0} changes: {1} → {2}', diff.changes.length, diff.from, diff.to)}
        </button>
      )}
      {diff !== null && showChanges && (
        <ul class="changes" aria-label={l10n.t('Changes')}>
          {diff.changes.slice(0, MAX_LISTED_CHANGES).map((line, i) => (
            <li key={i} class={line.startsWith('+') ? 'added' : line.startsWith('−') ? 'removed' : 'changed'}>
              {line}
            </li>
          ))}
          {diff.changes.length > MAX_LISTED_CHANGES && <li>{l10n.t('… and {0} more', diff.changes.length - MAX_LISTED_CHANGES)}</li>}
        </ul>
      )}
    </section>
  );
}
