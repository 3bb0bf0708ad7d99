/**
 * The Events about the selected object, newest first: Warnings marked, with when they last happened. Read from the
 * graph the webview already holds (Event nodes and their `event` edges), so nothing extra crosses from the host.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { TopologyNode } from '../../engine/model/graph';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { isRecentWarning } from '../../engine/viewModel/eventFolds';

/** Shown at most; the Events view lists them all. */
const MAX_SHOWN = 8;

export function eventsAbout(store: GraphStore, ids: readonly string[]): TopologyNode[] {
  const events: TopologyNode[] = [];
  for (const id of ids) {
    for (const edge of store.incoming(id)) {
      const node = edge.type === 'event' ? store.nodes.get(edge.source) : undefined;
      if (node !== undefined) events.push(node);
    }
  }
  // RFC 3339 times of one cluster compare as text; an Event without a time goes last.
  return events.sort((a, b) => ((b.time ?? '') < (a.time ?? '') ? -1 : (b.time ?? '') > (a.time ?? '') ? 1 : 0));
}

export function RecentEvents({
  store,
  ids,
  onSelect,
}: {
  store: GraphStore;
  ids: readonly string[];
  onSelect: (id: string) => void;
}): JSX.Element | null {
  const events = eventsAbout(store, ids);
  if (events.length === 0) return null;
  const warnings = events.filter((event) => isRecentWarning(store, event.id)).length;
  return (
    <section data-testid="recent-events">
      <h3>{eventsHeading(events.length, warnings)}</h3>
      <ul class="relations">
        {events.slice(0, MAX_SHOWN).map((event) => (
          <li key={event.id} class={isRecentWarning(store, event.id) ? 'event-warning' : 'event-normal'}>
            <button type="button" class="link" onClick={() => onSelect(event.id)} title={event.detail ?? event.name}>
              {`${event.warning === true ? '⚠ ' : ''}${event.detail ?? event.name}`}
            </button>
            {event.time !== undefined && <span class="muted">{` · ${event.time.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}`}</span>}
          </li>
        ))}
      </ul>
      {events.length > MAX_SHOWN && <p class="muted">{l10n.t('{0} more in the Events view', events.length - MAX_SHOWN)}</p>}
    </section>
  );
}

/** "Events (4)", "Events (4, 1 recent warning)", "Events (4, 2 recent warnings)". */
function eventsHeading(events: number, warnings: number): string {
  if (warnings === 0) return l10n.t('Events ({0})', events);
  return warnings === 1 ? l10n.t('Events ({0}, 1 recent warning)', events) : l10n.t('Events ({0}, {1} recent warnings)', events, warnings);
}
