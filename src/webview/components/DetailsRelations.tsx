/** The details panel's lists about one object: its relations (as links to the other end) and its insights. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import type { Finding } from '../../engine/findings';
import type { TopologyEdge } from '../../engine/model/graph';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { nameFromId } from '../../engine/viewModel/graphStore';
import { EDGE_VISUALS } from '../../engine/visual/edges';
import { cssColor } from './cssColor';

export function Relations(props: {
  title: string;
  edges: readonly TopologyEdge[];
  store: GraphStore;
  from: string;
  onSelect: (id: string) => void;
}): JSX.Element | null {
  if (props.edges.length === 0) return null;
  const rows = [...props.edges].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : 1));
  return (
    <section>
      <h3>{`${props.title} (${rows.length})`}</h3>
      <ul class="relations">
        {rows.map((edge) => {
          const outgoing = edge.source === props.from;
          const other = outgoing ? edge.target : edge.source;
          const target = props.store.nodes.get(other);
          const visual = EDGE_VISUALS[edge.type];
          // A reference to an object made outside the files is drawn as its relation, and read so here too.
          const broken = props.store.brokenAsDrawn(edge);
          return (
            <li key={edge.id} class={broken === undefined ? '' : 'broken'}>
              {/* Read from this node: "selects Pod x" going out, "selected by Service y" coming in. */}
              <span class="rel" style={{ color: cssColor(visual.color) }} title={l10n.t('relation type: {0}', edge.type)}>
                {outgoing ? visual.label : visual.reverse}
              </span>
              <button type="button" class="link" onClick={() => props.onSelect(other)} title={other}>
                {`${target?.kind ?? ''} ${target?.name ?? nameFromId(other)}`.trim()}
              </button>
              {broken !== undefined && <span class="badge error">{l10n.t('broken: {0}', broken)}</span>}
              {edge.via.length > 0 && <span class="via">{edge.via.join(', ')}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Insights({ insights }: { insights: readonly Finding[] }): JSX.Element {
  return (
    <section>
      <h3>{l10n.t('Insights')}</h3>
      <ul class="insights">
        {insights.map((i, index) => (
          <li key={`${i.kind}-${index}`} class={`insight ${i.severity}`}>
            <span class="insight-kind">{i.kind}</span> {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
