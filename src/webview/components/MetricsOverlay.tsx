/**
 * The metrics overlay's controls and key: the Off / CPU / Memory choice (in the Legend, so the toolbar keeps its one
 * row), and while it is on, a card over the canvas with the scale the fills follow and the top consumers in view.
 */
import type { JSX } from 'preact';
import type { MetricsOverlay, OverlayChoice, OverlayEntry } from '../../engine/metrics/overlay';
import { HEAT_LABELS, HEAT_LEVELS } from '../../engine/metrics/overlay';
import { formatCpu, formatMemory } from '../../engine/metrics/quantity';
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import { HEAT_VISUALS } from '../../engine/visual/heat';
import { cssColor } from './cssColor';

const CHOICES: readonly { value: OverlayChoice; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'cpu', label: 'CPU' },
  { value: 'memory', label: 'Memory' },
];

const TITLES = { cpu: 'CPU use', memory: 'Memory use' } as const;

export function OverlayPicker({ value, onChange }: { value: OverlayChoice; onChange: (choice: OverlayChoice) => void }): JSX.Element {
  return (
    <div>
      <h3>Usage overlay</h3>
      <div class="overlay-picker" role="radiogroup" aria-label="Colour nodes by use">
        {CHOICES.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name="metrics-overlay"
              data-testid={`overlay-${choice.value}`}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
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
    <section class="overlay-card" aria-label="Usage overlay" data-testid="overlay-card">
      <header>
        <h2>{TITLES[overlay.resource]}</h2>
        <button type="button" class="icon" aria-label="Turn the usage overlay off" title="Turn the overlay off" onClick={onOff}>
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
          no metrics
        </li>
      </ul>
      <p class="muted" data-testid="overlay-basis">
        {`Fill: use against request (Nodes: allocatable)${
          overlay.maxInView > 0 ? `; without a request, against the most in view (${format(overlay.maxInView)})` : ''
        }.`}
      </p>
      <h3>Top consumers</h3>
      {overlay.top.length === 0 ? (
        <p class="muted">Nothing in view has metrics.</p>
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
  return `${used} · ${Math.round(entry.ratio * 100)}% of ${entry.basis}`;
}
