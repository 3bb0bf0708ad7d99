/**
 * What can be done to the selected object of a live cluster, as the host offered it: one button per action, the
 * denied ones disabled with the reason as their tooltip (and read out), the destructive ones marked. The host runs,
 * confirms and checks again; the view only asks.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { ActionId } from '../../engine/actions/catalog';
import type { NodeActionState } from '../../protocol/messages';

const DESTRUCTIVE: ReadonlySet<ActionId> = new Set(['delete', 'drain', 'restart']);

export interface ObjectActionsProps {
  readonly id: string;
  readonly actions: readonly NodeActionState[];
  readonly onAction: (action: ActionId, id: string) => void;
}

export function ObjectActions({ id, actions, onAction }: ObjectActionsProps): JSX.Element {
  return (
    <section class="object-actions" aria-label={l10n.t('Actions')} data-testid="object-actions">
      <h3>{l10n.t('Actions')}</h3>
      <div class="actions">
        {actions.map((state) => (
          <button
            type="button"
            key={state.action}
            class={DESTRUCTIVE.has(state.action) ? 'danger' : undefined}
            disabled={!state.allowed}
            title={state.allowed ? undefined : state.reason}
            aria-description={state.allowed ? undefined : state.reason}
            onClick={() => onAction(state.action, id)}
          >
            {state.title}
          </button>
        ))}
      </div>
      {actions.some((state) => !state.allowed) && (
        <p class="denied-note">
          {l10n.t('{0} not permitted for your account (hover for why).', actions.filter((state) => !state.allowed).length)}
        </p>
      )}
    </section>
  );
}
