/** Toolbar: search, filters, grouping, focus mode, fit / re-layout, legend; one row at any width (a "More tools" menu). */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { EdgeType } from '../../engine/model/graph';
import { EDGE_VISUALS } from '../../engine/visual/edges';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { nameFromId } from '../../engine/viewModel/graphStore';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { hasRecentWarnings } from '../../engine/viewModel/eventFolds';
import { CLUSTER_SCOPE_LABEL, MAX_FOCUS_HOPS, MIN_FOCUS_HOPS, toggle } from '../../engine/viewModel/viewOptions';
import type { UiState } from '../uiState';
import type { GraphMode } from '../../protocol/messages';
import type { GraphMeta } from './graphMeta';
import type { FilterItem } from './FilterMenu';
import { FilterMenu } from './FilterMenu';
import { LevelSelect } from './LevelSelect';
import { Menu } from './Menu';
import { breakpoint } from './toolbarBreakpoints';
import { useMinWidth } from './useMinWidth';

/**
 * Where the picture comes from, in a word: a full toolbar leaves the title about 40 px, and the badge must
 * stay whole there ("MANIFESTS" was cut to "MANIFE"); the tooltip says it in full.
 */
function modeBadge(mode: GraphMode): string {
  if (mode === 'cluster') return l10n.t('live');
  return mode === 'manifests' ? l10n.t('yaml') : l10n.t('history');
}

function modeTitle(mode: GraphMode): string {
  if (mode === 'cluster') return l10n.t('A live cluster, following its changes');
  return mode === 'manifests' ? l10n.t('Manifests from files, following your edits') : l10n.t('A snapshot from the topology history');
}

/** The product's name stands where the graph's title will, before there is one: a name is not translated. */
const PRODUCT = 'Kubilitics';

export interface ToolbarProps {
  readonly store: GraphStore;
  readonly graphVersion: number;
  readonly meta: GraphMeta | null;
  readonly ui: UiState;
  readonly matchCount: number | null;
  readonly onView: (change: (view: ViewOptions) => ViewOptions) => void;
  readonly onSearch: (search: string) => void;
  readonly onShowMatches: () => void;
  readonly onFit: () => void;
  readonly onRelayout: () => void;
  readonly onLegend: () => void;
  readonly onExport: () => void;
}

function counted(values: Iterable<string>, label: (value: string) => string = (v) => v): FilterItem[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Which filter menus a place (the toolbar itself, or its "More tools" menu) shows. */
interface FilterShown {
  /** Namespaces and Kinds. */
  readonly main: boolean;
  readonly relations: boolean;
}

function Filters({
  store,
  graphVersion,
  view,
  onView,
  shown,
}: Pick<ToolbarProps, 'store' | 'graphVersion' | 'onView'> & { view: ViewOptions; shown: FilterShown }): JSX.Element {
  const filters = useMemo(() => {
    const nodes = [...store.nodes.values()];
    const edgeLabel = (t: string): string => {
      const label = EDGE_VISUALS[t as EdgeType].label;
      return label === t ? t : `${t} — ${label}`;
    };
    return {
      namespaces: counted(
        nodes.map((n) => n.namespace),
        (ns) => (ns === '' ? CLUSTER_SCOPE_LABEL : ns),
      ),
      kinds: counted(nodes.map((n) => n.kind)),
      relations: counted(
        [...store.edges.values()].map((e) => e.type),
        edgeLabel,
      ),
    };
  }, [store, graphVersion]);
  return (
    <>
      {shown.main && (
        <>
          <FilterMenu
            name="Namespaces"
            title={l10n.t('Namespaces')}
            items={filters.namespaces}
            hidden={view.hiddenNamespaces}
            onToggle={(ns) => onView((v) => ({ ...v, hiddenNamespaces: toggle(v.hiddenNamespaces, ns) }))}
            onSetHidden={(hidden) => onView((v) => ({ ...v, hiddenNamespaces: [...hidden] }))}
          />
          <FilterMenu
            name="Kinds"
            title={l10n.t('Kinds')}
            items={filters.kinds}
            hidden={view.hiddenKinds}
            onToggle={(kind) => onView((v) => ({ ...v, hiddenKinds: toggle(v.hiddenKinds, kind) }))}
            onSetHidden={(hidden) => onView((v) => ({ ...v, hiddenKinds: [...hidden] }))}
          />
        </>
      )}
      {shown.relations && (
        <FilterMenu
          name="Relations"
          title={l10n.t('Relations')}
          items={filters.relations}
          hidden={view.hiddenEdgeTypes}
          onToggle={(t) => onView((v) => ({ ...v, hiddenEdgeTypes: toggle(v.hiddenEdgeTypes, t as EdgeType) }))}
          onSetHidden={(hidden) => onView((v) => ({ ...v, hiddenEdgeTypes: hidden as EdgeType[] }))}
        />
      )}
    </>
  );
}

function SearchBox({
  ui,
  matchCount,
  onSearch,
  onShowMatches,
}: Pick<ToolbarProps, 'ui' | 'matchCount' | 'onSearch' | 'onShowMatches'>): JSX.Element {
  return (
    <div class="search">
      <input
        type="search"
        placeholder={l10n.t('Search name or label')}
        aria-label={l10n.t('Search by name or label')}
        value={ui.search}
        onInput={(e) => onSearch((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onShowMatches();
        }}
      />
      {matchCount !== null && (
        <span class="count" aria-live="polite">
          {l10n.t('{0} found', matchCount)}
        </span>
      )}
    </div>
  );
}

export function Toolbar(props: ToolbarProps): JSX.Element {
  const { store, meta, ui, onView } = props;
  const view = ui.view;
  const focused = view.focus !== null;
  const warned = useMemo(() => hasRecentWarnings(store), [store, props.graphVersion]) || view.warningsOnly === true;
  const wide = {
    actions: useMinWidth(breakpoint('actions', focused, warned)),
    relations: useMinWidth(breakpoint('relations', focused)),
    filters: useMinWidth(breakpoint('filters', focused)),
  };
  const inline: FilterShown = { main: wide.filters, relations: wide.relations };
  const inMenu: FilterShown = { main: !wide.filters, relations: !wide.relations };
  return (
    <div class="toolbar" role="toolbar" aria-label={l10n.t('Topology tools')}>
      <div class="title" title={meta?.title ?? ''}>
        <span class="title-text">{meta?.title ?? PRODUCT}</span>
        {meta !== null && (
          <span class={`mode mode-${meta.mode}`} title={modeTitle(meta.mode)}>
            {modeBadge(meta.mode)}
          </span>
        )}
      </div>
      <SearchBox {...props} />
      <Filters {...props} view={view} shown={inline} />
      {wide.actions && <LevelSelect view={view} onView={onView} />}
      {wide.actions && <GroupToggle view={view} onView={onView} />}
      {warned && wide.actions && <WarningsToggle view={view} onView={onView} />}
      {view.focus !== null && <FocusChip view={view} store={store} onView={onView} />}
      <div class="spacer" />
      <button type="button" onClick={props.onFit} title={l10n.t('Fit the whole graph (0)')}>
        {l10n.t('Fit')}
      </button>
      {wide.actions && <Actions {...props} />}
      {!wide.actions && (
        <Menu summary="⋯" label={l10n.t('More tools')} name="More tools" class="more" closeOnAction>
          <Filters {...props} view={view} shown={inMenu} />
          <LevelSelect view={view} onView={onView} />
          <GroupToggle view={view} onView={onView} />
          {warned && <WarningsToggle view={view} onView={onView} />}
          <Actions {...props} />
        </Menu>
      )}
    </div>
  );
}

function GroupToggle({ view, onView }: Pick<ToolbarProps, 'onView'> & { view: ViewOptions }): JSX.Element {
  return (
    <label class="toggle">
      <input
        type="checkbox"
        checked={view.groupByNamespace}
        onChange={() => onView((v) => ({ ...v, groupByNamespace: !v.groupByNamespace }))}
      />
      {l10n.t('Group by namespace')}
    </label>
  );
}

function WarningsToggle({ view, onView }: Pick<ToolbarProps, 'onView'> & { view: ViewOptions }): JSX.Element {
  return (
    <label class="toggle" title={l10n.t('Only objects with recent Warning events, and their neighbours')}>
      <input
        type="checkbox"
        data-testid="warnings-only"
        checked={view.warningsOnly === true}
        onChange={() => onView(({ warningsOnly, ...rest }) => (warningsOnly === true ? rest : { ...rest, warningsOnly: true }))}
      />
      {l10n.t('Warnings only')}
    </label>
  );
}

function Actions(props: Pick<ToolbarProps, 'ui' | 'onRelayout' | 'onExport' | 'onLegend'>): JSX.Element {
  return (
    <>
      <button type="button" onClick={props.onRelayout} title={l10n.t('Lay out again from scratch')}>
        {l10n.t('Re-layout')}
      </button>
      <button type="button" onClick={props.onExport} title={l10n.t('Export what you see: SVG, PNG, PDF, JSON, YAML, Mermaid, DOT')}>
        {l10n.t('Export…')}
      </button>
      <button type="button" aria-pressed={props.ui.legendOpen} onClick={props.onLegend}>
        {l10n.t('Legend')}
      </button>
    </>
  );
}

function FocusChip({ view, store, onView }: Pick<ToolbarProps, 'store' | 'onView'> & { view: ViewOptions }): JSX.Element {
  const focus = view.focus;
  if (focus === null) return <></>;
  const name = store.nodes.get(focus.id)?.name ?? nameFromId(focus.id);
  const setHops = (hops: number): void =>
    onView((v) => (v.focus === null ? v : { ...v, focus: { ...v.focus, hops: Math.min(MAX_FOCUS_HOPS, Math.max(MIN_FOCUS_HOPS, hops)) } }));
  return (
    <div class="focus-chip" role="group" aria-label={l10n.t('Focus mode')}>
      <span class="focus-name" title={name}>
        <span class="focus-label">{l10n.t('Focus: ')}</span>
        <strong>{name}</strong>
      </span>
      <button
        type="button"
        aria-label={l10n.t('Fewer hops')}
        disabled={focus.hops <= MIN_FOCUS_HOPS}
        onClick={() => setHops(focus.hops - 1)}
      >
        −
      </button>
      <span class="hops" aria-live="polite">
        {focus.hops === 1 ? l10n.t('1 hop') : l10n.t('{0} hops', focus.hops)}
      </span>
      <button
        type="button"
        aria-label={l10n.t('More hops')}
        disabled={focus.hops >= MAX_FOCUS_HOPS}
        onClick={() => setHops(focus.hops + 1)}
      >
        +
      </button>
      <button type="button" aria-label={l10n.t('Leave focus mode')} onClick={() => onView((v) => ({ ...v, focus: null }))}>
        ×
      </button>
    </div>
  );
}
