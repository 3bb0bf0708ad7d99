/** The level-of-detail choice in the toolbar: one summary per namespace or per application, workloads, or every object. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { LevelChoice, ViewOptions } from '../../engine/viewModel/viewOptions';
import { isLevelChoice } from '../../engine/viewModel/viewOptions';

/** The choices in the order the list shows them; their names are translated when drawn. */
const LEVELS: readonly LevelChoice[] = ['auto', 'namespace', 'application', 'workload', 'object'];

function levelLabel(level: LevelChoice): string {
  switch (level) {
    case 'auto':
      return l10n.t('Auto');
    case 'namespace':
      return l10n.t('Namespaces');
    case 'application':
      return l10n.t('Applications');
    case 'workload':
      return l10n.t('Workloads');
    case 'object':
      return l10n.t('Every object');
  }
}

function levelTitle(): string {
  const auto = l10n.t('Level of detail: Auto starts large graphs at one node per namespace;');
  const applications = l10n.t('Applications folds objects by app.kubernetes.io/part-of or instance');
  return `${auto} ${applications}`;
}

export interface LevelSelectProps {
  readonly view: ViewOptions;
  readonly onView: (change: (view: ViewOptions) => ViewOptions) => void;
}

export function LevelSelect({ view, onView }: LevelSelectProps): JSX.Element {
  return (
    <select
      class="level-select"
      data-testid="level"
      aria-label={l10n.t('Level of detail')}
      title={levelTitle()}
      value={view.level}
      onChange={(e) => {
        const value = (e.target as HTMLSelectElement).value;
        if (isLevelChoice(value)) onView((v) => ({ ...v, level: value }));
      }}
    >
      {LEVELS.map((level) => (
        <option key={level} value={level}>
          {levelLabel(level)}
        </option>
      ))}
    </select>
  );
}
