/** The level-of-detail choice in the toolbar: one summary per namespace or per application, workloads, or every object. */
import type { JSX } from 'preact';
import type { LevelChoice, ViewOptions } from '../../engine/viewModel/viewOptions';
import { isLevelChoice } from '../../engine/viewModel/viewOptions';

const LABELS: Readonly<Record<LevelChoice, string>> = {
  auto: 'Auto',
  namespace: 'Namespaces',
  application: 'Applications',
  workload: 'Workloads',
  object: 'Every object',
};

const TITLE =
  'Level of detail: Auto starts large graphs at one node per namespace; ' +
  'Applications folds objects by app.kubernetes.io/part-of or instance';

export interface LevelSelectProps {
  readonly view: ViewOptions;
  readonly onView: (change: (view: ViewOptions) => ViewOptions) => void;
}

export function LevelSelect({ view, onView }: LevelSelectProps): JSX.Element {
  return (
    <select
      class="level-select"
      data-testid="level"
      aria-label="Level of detail"
      title={TITLE}
      value={view.level}
      onChange={(e) => {
        const value = (e.target as HTMLSelectElement).value;
        if (isLevelChoice(value)) onView((v) => ({ ...v, level: value }));
      }}
    >
      {(Object.keys(LABELS) as LevelChoice[]).map((level) => (
        <option key={level} value={level}>
          {LABELS[level]}
        </option>
      ))}
    </select>
  );
}
