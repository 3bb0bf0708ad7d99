/**
 * The details panel of a multi-selection (Ctrl/Cmd+click or Shift+click on the canvas): how many objects, which, and
 * the bulk actions that fit every one of them. The host resolves the ids against the live cluster, checks each
 * object's permission and confirms the whole list before it changes anything, so the panel only asks.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { bulkActionsFor, type ActionId } from '../../engine/actions/catalog';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { nameFromId } from '../../engine/viewModel/graphStore';
import { statusColor } from './cssColor';

/** A selection of hundreds lists this many: the count and the actions are what matter then. */
const LISTED = 100;

export interface SelectionPanelProps {
  readonly store: GraphStore;
  /** The selected objects, in the order they were picked (two or more). */
  readonly ids: readonly string[];
  /** Set in cluster views: runs a bulk action on every selected object. */
  readonly onAction?: (action: ActionId, ids: readonly string[]) => void;
  /** Selects one of them alone. */
  readonly onSelect: (id: string) => void;
  readonly onClose: () => void;
}

export function SelectionPanel({ store, ids, onAction, onSelect, onClose }: SelectionPanelProps): JSX.Element {
  const records = ids.map((id) => ({ id, node: store.nodes.get(id) }));
  const bulk = onAction === undefined ? [] : bulkActionsFor(records.map((r) => r.node?.kind ?? ''));
  return (
    <aside
      class="details"
      aria-label={l10n.t('Details')}
      data-testid="details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <button
        type="button"
        class="icon details-close"
        aria-label={l10n.t('Clear the selection')}
        title={l10n.t('Clear the selection (Escape)')}
        onClick={onClose}
      >
        ×
      </button>
      <div class="details-body">
        <h2 class="details-name" data-testid="selection-count">
          {l10n.t('{0} objects selected', ids.length)}
        </h2>
        <p class="muted selection-hint">
          {l10n.t('Ctrl+click (⌘+click on macOS), Shift+click, or Ctrl+Enter on the keyboard-focused node adds an object or takes it out.')}
        </p>
        {bulk.length > 0 && (
          <section class="object-actions" aria-label={l10n.t('Actions on all selected')} data-testid="bulk-actions">
            <h3>{l10n.t('Actions on all {0}', ids.length)}</h3>
            <div class="actions">
              {bulk.map((spec) => (
                <button
                  type="button"
                  key={spec.id}
                  class={spec.destructive ? 'danger' : undefined}
                  onClick={() => onAction?.(spec.id, ids)}
                >
                  {spec.title}
                </button>
              ))}
            </div>
          </section>
        )}
        <section>
          <h3>{l10n.t('Selected')}</h3>
          <ul class="relations">
            {records.slice(0, LISTED).map(({ id, node }) => (
              <li key={id}>
                <span class="status-dot" style={{ borderColor: statusColor(node?.status ?? 'Unknown') }} aria-hidden="true" />
                <button type="button" class="link" onClick={() => onSelect(id)} title={id}>
                  {`${node?.kind ?? ''} ${node?.name ?? nameFromId(id)}`.trim()}
                </button>
                {node?.namespace !== undefined && node.namespace !== '' && <span class="via">{node.namespace}</span>}
              </li>
            ))}
          </ul>
          {ids.length > LISTED && <p>{l10n.t('… and {0} more', ids.length - LISTED)}</p>}
        </section>
      </div>
    </aside>
  );
}
