/**
 * The metrics overlay's controls and key: the Off / CPU / Memory choice (in the Legend, so the toolbar keeps its one
 * row), and while it is on, a card over the canvas with the scale the fills follow and the top consumers in view.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { MetricsOverlay, OverlayChoice, OverlayEntry } from '../../engine/metrics/overlay';
import { HEAT_LABELS, HEAT_LEVELS } from '../../engine/metrics/overlay';
import { formatCpu, formatMemory } from '../../engine/metrics/quantity';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import { HEAT_VISUALS } from '../../engine/visual/heat';
import { cssColor } from './cssColor';

/** Functions, not constants: l10n.t must run after the view has its translations (displayLanguage.ts). */
const CHOICES: readonly { value: OverlayChoice; label: () => string }[] = [
  { value: 'off', label: () => l10n.t('Off') },
  { value: 'cpu', label: () => l10n.t('CPU') },
  { value: 'memory', label: () => l10n.t('Memory') },
];

const title = (resource: 'cpu' | 'memory'): string => (resource === 'cpu' ? l10n.t('CPU use') : l10n.t('Memory use'));

export function OverlayPicker({ value, onChange }: { value: OverlayChoice; onChange: (choice: OverlayChoice) => void }): JSX.Element {
  return (
    <div>
      <h3>{l10n.t('Usage overlay')}</h3>
      <div class="overlay-picker" role="radiogroup" aria-label={l10n.t('Colour nodes by use')}>
        {CHOICES.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name="metrics-overlay"
              data-testid={`overlay-${choice.value}`}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label()}
          </label>
        ))}
      </div>
    </div>
  );
}

export interface OverlayCardProps {
  readonly overlay: MetricsOverlay;
  readonly view: ViewGraph;
  readonly onSelect: (id: string) => void;
  readonly onOff: () => void;
}

export function OverlayCard({ overlay, view, onSelect, onOff }: OverlayCardProps): JSX.Element {
  const format = overlay.resource === 'cpu' ? formatCpu : formatMemory;
  return (
    <section class="overlay-card" aria-label={l10n.t('Usage overlay')} data-testid="overlay-card">
      <header>
        <h2>{title(overlay.resource)}</h2>
        <button
          type="button"
          class="icon"
          aria-label={l10n.t('Turn the usage overlay off')}
          title={l10n.t('Turn the overlay off')}
          onClick={onOff}
        >
          ×
        </button>
      </header>
      <ul class="heat-scale" data-testid="overlay-scale">
        {HEAT_LEVELS.map((level) => (
          <li key={level}>
            <span
              class="heat-swatch"
              aria-hidden="true"
              style={{ background: cssColor(HEAT_VISUALS[level].color), opacity: HEAT_VISUALS[level].opacity }}
            />
            {HEAT_LABELS[level]}
          </li>
        ))}
        <li>
          <span class="heat-swatch none" aria-hidden="true" />
          {l10n.t('no metrics')}
        </li>
      </ul>
      <p class="muted" data-testid="overlay-basis">
        {overlay.maxInView > 0
          ? l10n.t(
              'Fill: use against request (Nodes: allocatable); without a request, against the most in view ({0}).',
              format(overlay.maxInView),
            )
          : l10n.t('Fill: use against request (Nodes: allocatable).')}
      </p>
      <h3>{l10n.t('Top consumers')}</h3>
      {overlay.top.length === 0 ? (
        <p class="muted">{l10n.t('Nothing in view has metrics.')}</p>
      ) : (
        <ol class="top-consumers" data-testid="top-consumers">
          {overlay.top.map((entry) => (
            <li key={entry.id}>
              <button type="button" class="link" title={entry.id} onClick={() => onSelect(entry.id)}>
                {nameOf(view, entry.id)}
              </button>
              <span class="via">{figureText(entry, overlay.resource, format)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function nameOf(view: ViewGraph, id: string): string {
  return view.nodes.find((node) => node.id === id)?.name ?? id;
}

/** "240m · 48% of request" */
function figureText(entry: OverlayEntry, resource: 'cpu' | 'memory', format: (n: number) => string): string {
  const used = format(entry.figures[resource].used);
  if (entry.basis === 'max-in-view') return used;
  return l10n.t('{0} · {1}% of {2}', used, Math.round(entry.ratio * 100), entry.basis);
}
