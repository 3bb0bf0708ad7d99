/** The legend: node families (shape + fill), status colours (border), and the relation types on screen. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { KindFamily } from '../../engine/visual/kinds';
import type { LineStyle } from '../../engine/visual/edges';
import type { StatusTone } from '../../engine/visual/status';
import type { ThemeColor } from '../../engine/visual/theme';
import { BROKEN_EDGE, EDGE_VISUALS } from '../../engine/visual/edges';
import { FAMILY_VISUALS } from '../../engine/visual/kinds';
import { TONE_VISUALS } from '../../engine/visual/status';
import { shapePath } from '../../engine/visual/nodeGeometry';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import { cssColor as css } from './cssColor';
import type { OverlayChoice } from '../../engine/metrics/overlay';
import { OverlayPicker } from './MetricsOverlay';

const DASH: Readonly<Record<LineStyle, string | undefined>> = { solid: undefined, dashed: '5 3', dotted: '1.5 2.5' };

function EdgeSample({ color, line, width }: { color: ThemeColor; line: LineStyle; width: number }): JSX.Element {
  return (
    <svg class="legend-icon" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">
      <line x1="1" y1="6" x2="26" y2="6" stroke-width={width} stroke-dasharray={DASH[line]} style={{ stroke: css(color) }} />
      <path d="M25,2 L33,6 L25,10 Z" style={{ fill: css(color) }} />
    </svg>
  );
}

/** `heated`: the usage overlay is on, and the fill shows use, not the kind. */
function Families({ heated }: { heated: boolean }): JSX.Element {
  const families = Object.keys(FAMILY_VISUALS) as KindFamily[];
  return (
    <div>
      <h3>{heated ? l10n.t('Kinds (shape; fill: usage overlay)') : l10n.t('Kinds (shape and fill)')}</h3>
      <ul>
        {families.map((f) => {
          const v = FAMILY_VISUALS[f];
          return (
            <li key={f}>
              <svg class="legend-icon" width="30" height="18" viewBox="-2 -2 34 22" aria-hidden="true">
                <path
                  d={shapePath(v.shape, 30, 18)}
                  stroke-width="1.5"
                  stroke-dasharray={v.dashed ? '4 2' : undefined}
                  style={{ stroke: css(v.color), fill: css(v.color), fillOpacity: 0.2 }}
                />
              </svg>
              {v.label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Statuses(): JSX.Element {
  const tones = Object.keys(TONE_VISUALS) as Exclude<StatusTone, 'neutral'>[];
  return (
    <div>
      <h3>{l10n.t('Status (border)')}</h3>
      <ul>
        {tones.map((t) => (
          <li key={t}>
            <span class="status-dot" style={{ borderColor: css(TONE_VISUALS[t].color) }} aria-hidden="true" />
            {TONE_VISUALS[t].label}
          </li>
        ))}
        <li>
          <span class="legend-double" aria-hidden="true" />
          {l10n.t('Collapsed group (double border)')}
        </li>
      </ul>
    </div>
  );
}

function Relations({ view }: { view: ViewGraph }): JSX.Element {
  const types = [...new Set(view.edges.map((e) => e.type))].sort((a, b) =>
    EDGE_VISUALS[a].label.localeCompare(EDGE_VISUALS[b].label, 'en'),
  );
  const anyBroken = view.edges.some((e) => e.broken !== undefined);
  return (
    <div>
      <h3>{l10n.t('Relations (source → target)')}</h3>
      <ul>
        {types.map((t) => (
          <li key={t}>
            <EdgeSample {...EDGE_VISUALS[t]} />
            <span title={l10n.t('relation type: {0}', t)}>{EDGE_VISUALS[t].label}</span>
          </li>
        ))}
        {anyBroken && (
          <li>
            <EdgeSample color={BROKEN_EDGE.color} line={BROKEN_EDGE.line} width={BROKEN_EDGE.width} />
            {BROKEN_EDGE.label}
          </li>
        )}
      </ul>
    </div>
  );
}

export interface LegendProps {
  readonly view: ViewGraph;
  readonly onClose: () => void;
  /** Where the cluster serves metrics: the usage overlay's choice. */
  readonly overlay?: { readonly value: OverlayChoice; readonly onChange: (choice: OverlayChoice) => void };
}

export function Legend({ view, onClose, overlay }: LegendProps): JSX.Element {
  return (
    <section class="legend" aria-label={l10n.t('Legend')}>
      <header>
        <h2>{l10n.t('Legend')}</h2>
        <button type="button" class="icon" aria-label={l10n.t('Close legend')} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="legend-columns">
        <Families heated={overlay !== undefined && overlay.value !== 'off'} />
        <Statuses />
        <Relations view={view} />
        {overlay !== undefined && <OverlayPicker {...overlay} />}
      </div>
    </section>
  );
}
