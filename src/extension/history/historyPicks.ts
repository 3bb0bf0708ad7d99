import * as l10n from '@vscode/l10n';
import { parseId } from '../../engine/model/kinds.js';
import type { HistorySummary } from '../../engine/store/history.js';
import { describeMoment } from './timeline.js';

export interface HistoryPick {
  readonly label: string;
  readonly description: string;
  readonly objectId: string;
  readonly deleted: boolean;
}

/**
 * The pick list of "Show Resource History": every object with history, searchable by kind, namespace and name
 * (the label) and by id (the description); deleted objects say so. `first` (the object selected in the view) leads.
 */
export function historyPicks(summaries: readonly HistorySummary[], first?: string): HistoryPick[] {
  const picks = summaries.map((summary): HistoryPick => {
    const { kind, namespace, name } = parseId(summary.objectId);
    const deleted = summary.lastChange === 'deleted';
    const when = describeMoment(summary.lastAt);
    const changes = summary.changes === 1 ? l10n.t('1 change, last {0}', when) : l10n.t('{0} changes, last {1}', summary.changes, when);
    return {
      label: `${deleted ? '$(trash) ' : ''}${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      description: `${deleted ? l10n.t('deleted {0}', when) : changes} · ${summary.objectId}`,
      objectId: summary.objectId,
      deleted,
    };
  });
  const leading = picks.findIndex((pick) => pick.objectId === first);
  return leading > 0 ? [picks[leading]!, ...picks.slice(0, leading), ...picks.slice(leading + 1)] : picks;
}
