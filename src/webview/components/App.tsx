/** The topology view: wires host messages, the graph store, UI state and the panels together. */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CanvasController } from '../canvas/canvasController';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import { deriveView } from '../../engine/viewModel/deriveView';
import { isOpenedFold } from '../../engine/viewModel/foldActions';
import { GraphStore } from '../../engine/viewModel/graphStore';
import { firstHit, revealPath, searchView } from '../../engine/viewModel/search';
import type { DetailLevel, ViewOptions } from '../../engine/viewModel/viewOptions';
import type { Host } from '../host';
import type { MetricsUpdate, NodeActionState, TimelineState } from '../../protocol/messages';
import type { ActionId } from '../../engine/actions/catalog';
import type { MetricsSeries } from '../../engine/metrics/history';
import {
  TimelineCompare,
  TimelineSelect,
  ViewError,
  ViewRequestExport,
  ViewShowHistory,
  ViewShowLogs,
  ViewAction,
  ViewOpenSource,
  ViewSelect,
  createMessage,
} from '../../protocol/messages';
import { Timeline } from './Timeline';
import type { UiState } from '../uiState';
import { restoreUiState } from '../uiState';
import { useHostMessages } from '../useHostMessages';
import { DetailsPanel } from './DetailsPanel';
import { CanvasMenu } from './NodeMenu';
import { SelectionPanel } from './SelectionPanel';
import { useMultiSelection } from './useMultiSelection';
import { useNodeMenu } from './useNodeMenu';
import { GraphCanvas } from './GraphCanvas';
import { Legend } from './Legend';
import { OverlayCard } from './MetricsOverlay';
import { useMetricsView } from './useMetricsView';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { activation } from './activation';
import { handleHostMessage } from './hostMessages';
import type { GraphMeta, HostStatus } from './graphMeta';

export interface AppProps {
  readonly host: Host;
  readonly workerUri: string;
}

/** Positions are kept per context: a level has its own picture, so switching levels and back restores it. */
function contextKey(view: ViewOptions, level: DetailLevel): string {
  const focus = view.focus === null ? '' : `${view.focus.id}@${view.focus.hops}`;
  return `${view.groupByNamespace ? 'grouped' : 'flat'}|${focus}|${level}${view.warningsOnly === true ? '|warnings' : ''}`;
}

/** The empty multi-selection, one array so the hook sees no change while there is none. */
const NO_IDS: readonly string[] = [];

export function App({ host, workerUri }: AppProps): JSX.Element {
  const store = useRef(new GraphStore()).current;
  const controller = useRef<CanvasController | null>(null);
  const [graphVersion, setGraphVersion] = useState(0);
  const [meta, setMeta] = useState<GraphMeta | null>(null);
  const [status, setStatus] = useState<HostStatus>({});
  const [layoutBusy, setLayoutBusy] = useState(false);
  const [crossCutting, setCrossCutting] = useState(0);
  const [ui, setUi] = useState<UiState>(() => restoreUiState(host.getState()));
  const [reveal, setReveal] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<TimelineState | null>(null);
  const [metrics, setMetrics] = useState<MetricsUpdate | null>(null);
  const [metricsHistory, setMetricsHistory] = useState<Readonly<Record<string, MetricsSeries>>>({});
  const [objectActions, setObjectActions] = useState<{ readonly id: string; readonly actions: readonly NodeActionState[] } | null>(null);

  useEffect(() => host.setState(ui), [host, ui]);

  const updateView = useCallback((change: (view: ViewOptions) => ViewOptions) => {
    setUi((s) => ({ ...s, view: change(s.view) }));
  }, []);

  const setSelection = useCallback((id: string | null) => {
    // A double-click's own taps may arrive after it opened the fold they were on: that fold is gone, keep what opening selected.
    setUi((s) => (s.selection === id || (id !== null && isOpenedFold(s.view, id)) ? s : { ...s, selection: id }));
  }, []);
  const setMultiSelection = useCallback((ids: readonly string[]) => {
    setUi((s) => {
      if (ids.length === 0 && s.multiSelection === undefined) return s;
      const { multiSelection: _previous, ...rest } = s;
      return ids.length === 0 ? rest : { ...rest, multiSelection: ids };
    });
  }, []);
  const multi = useMultiSelection(store, graphVersion, ui.selection, setSelection, ui.multiSelection ?? NO_IDS, setMultiSelection);
  const { select, clear: clearMulti } = multi;
  const forgetOffered = useCallback(() => setObjectActions(null), []);
  const focusCanvas = useCallback(() => controller.current?.cy.container()?.focus(), []);
  const menu = useNodeMenu({
    store,
    live: meta?.mode === 'cluster',
    offered: objectActions,
    selection: ui.selection,
    multi: multi.ids,
    select,
    forgetOffered,
    focusCanvas,
  });

  useHostMessages(host, (message) =>
    handleHostMessage(message, {
      host,
      store,
      controller: controller.current,
      meta,
      setMeta,
      updateMeta: (update) => setMeta((current) => (current === null ? current : { ...current, ...update })),
      setGraphVersion,
      setStatus,
      setTimeline,
      setMetrics,
      setMetricsHistory,
      setObjectActions,
      viewOptions: ui.view,
      updateView,
      reveal: (id) => {
        clearMulti();
        setUi((s) => ({ ...s, selection: id }));
        setReveal(id);
      },
    }),
  );

  // The host hears of every selection, however it came (a click, Reveal in Topology, the state restored after the
  // panel was hidden, a new graph): it answers with the object's actions, and a selection it missed has none.
  useEffect(() => {
    if (ui.selection !== null && store.nodes.has(ui.selection)) host.post(createMessage(ViewSelect, { id: ui.selection }));
  }, [ui.selection, meta, host, store]);

  // graphVersion stands in for the mutable store's contents.
  const view: ViewGraph = useMemo(() => deriveView(store, ui.view), [graphVersion, ui.view, store]);
  const matches = useMemo(() => searchView(store, view, ui.search), [view, ui.search, store]);
  const context = contextKey(ui.view, view.level);
  const usage = useMetricsView({ host, mode: meta?.mode, metrics, selection: ui.selection, overlay: ui.overlay, view });
  const setOverlay = useCallback(
    (choice: 'off' | 'cpu' | 'memory') => setUi(({ overlay: _, ...s }) => (choice === 'off' ? s : { ...s, overlay: choice })),
    [],
  );
  const selected = multi.ids.length > 1 ? multi.ids : ui.selection === null ? [] : [ui.selection];
  const canvasSelection = useMemo(() => selected.map((id) => view.representative.get(id) ?? id), [selected.join('\n'), view]);
  const post = (action: ActionId, id: string, ids?: readonly string[]): void =>
    host.post(createMessage(ViewAction, { action, id, ...(ids === undefined ? {} : { ids }) }));

  useEffect(() => {
    if (reveal === null) return;
    const target = view.representative.get(reveal) ?? reveal;
    // Wait a frame so the canvas has applied the view that makes the target visible. The request is cleared in that
    // frame, not before it: clearing it re-ran this effect, whose clean-up cancelled the frame whenever the re-render
    // came first (a loaded machine), and the search hit was never centred.
    const frame = requestAnimationFrame(() => {
      controller.current?.reveal(target);
      setReveal(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [reveal, view]);

  const activate = useCallback(
    (id: string) => {
      const action = activation(id, store.nodes.get(id)?.source !== undefined, view.level);
      if (action.kind === 'openSource') host.post(createMessage(ViewOpenSource, { id }));
      if (action.kind !== 'view') return;
      controller.current?.showNextOpened();
      updateView(action.change);
      if (action.select !== undefined) setUi((s) => ({ ...s, selection: action.select ?? s.selection }));
    },
    [host, store, updateView, view.level],
  );

  const menuHandlers = {
    onOpenSource: (id: string) => host.post(createMessage(ViewOpenSource, { id })),
    onFocus: (id: string) => updateView((v) => ({ ...v, focus: { id, hops: v.focus?.hops ?? 1 } })),
    onShowLogs: (id: string) => host.post(createMessage(ViewShowLogs, { id })),
    onShowHistory: (id: string) => host.post(createMessage(ViewShowHistory, { id })),
  };

  // Enter in the search box: a hit inside folds opens them and is selected; otherwise every match is fitted.
  const showMatches = useCallback(() => {
    const hit = firstHit(store, view, ui.search);
    const reveal = hit === undefined ? undefined : revealPath(store, ui.view, hit);
    if (hit === undefined || reveal === undefined || reveal.path.length === 0) {
      controller.current?.fit([...(matches ?? [])]);
      return;
    }
    updateView(() => reveal.options);
    select(hit);
    setReveal(hit);
  }, [store, view, ui.search, ui.view, matches, updateView, select]);

  return (
    <div class={`app${meta === null ? ' loading' : ''}`}>
      <Toolbar
        store={store}
        graphVersion={graphVersion}
        meta={meta}
        ui={ui}
        matchCount={matches?.size ?? null}
        onView={updateView}
        onSearch={(search) => setUi((s) => ({ ...s, search }))}
        onShowMatches={showMatches}
        onFit={() => controller.current?.fit()}
        onRelayout={() => controller.current?.relayout()}
        onLegend={() => setUi((s) => ({ ...s, legendOpen: !s.legendOpen }))}
        onExport={() => host.post(createMessage(ViewRequestExport, {}))}
      />
      <div class="main">
        <GraphCanvas
          workerUri={workerUri}
          view={view}
          context={context}
          selection={canvasSelection}
          matches={matches}
          initialViewport={ui.viewport}
          controllerRef={controller}
          onSelect={select}
          onToggle={multi.toggle}
          onContextMenu={menu.open}
          onActivate={activate}
          onViewport={(viewport) => setUi((s) => ({ ...s, viewport }))}
          onLayoutBusy={setLayoutBusy}
          onCrossCutting={setCrossCutting}
          diff={meta?.diff ?? null}
          heat={usage.heat}
          onError={(message) => {
            setStatus((s) => ({ ...s, message }));
            host.post(createMessage(ViewError, { message: message.slice(0, 8000) }));
          }}
        />
        {ui.legendOpen && (
          <Legend
            view={view}
            onClose={() => setUi((s) => ({ ...s, legendOpen: false }))}
            {...(usage.live ? { overlay: { value: ui.overlay ?? 'off', onChange: setOverlay } } : {})}
          />
        )}
        {usage.overlay !== null && (
          <OverlayCard
            overlay={usage.overlay}
            view={view}
            onSelect={(id) => {
              select(id);
              setReveal(id);
            }}
            onOff={() => setOverlay('off')}
          />
        )}
        {ui.selection !== null && (
          <DetailsPanel
            store={store}
            graphVersion={graphVersion}
            view={view}
            selection={ui.selection}
            findings={meta?.findings ?? []}
            metrics={meta?.mode === 'cluster' ? metrics : null}
            metricsHistory={metricsHistory}
            options={ui.view}
            onSelect={select}
            onView={updateView}
            onActivate={activate}
            onOpenSource={(id) => host.post(createMessage(ViewOpenSource, { id }))}
            {...(meta?.mode === 'cluster'
              ? {
                  onShowHistory: (id: string) => host.post(createMessage(ViewShowHistory, { id })),
                  onShowLogs: (id: string) => host.post(createMessage(ViewShowLogs, { id })),
                  objectActions,
                  onAction: (action: ActionId, id: string) => post(action, id),
                }
              : {})}
            onClose={() => select(null)}
          />
        )}
        {multi.ids.length > 1 && (
          <SelectionPanel
            store={store}
            ids={multi.ids}
            onSelect={select}
            onClose={() => select(null)}
            {...(meta?.mode === 'cluster'
              ? { onAction: (action: ActionId, ids: readonly string[]) => post(action, ids[0] ?? '', ids) }
              : {})}
          />
        )}
        {menu.shown !== null && (
          <CanvasMenu
            request={menu.shown}
            store={store}
            mode={meta?.mode}
            offered={objectActions}
            onAction={post}
            handlers={menuHandlers}
            folds={{ level: view.level, onActivate: activate, onSelect: select }}
            onClose={menu.close}
          />
        )}
      </div>
      {timeline !== null && (
        <Timeline
          timeline={timeline}
          diff={meta?.diff ?? null}
          onSelect={(id) => host.post(createMessage(TimelineSelect, { id }))}
          onCompare={(from, to) => host.post(createMessage(TimelineCompare, { from, to }))}
        />
      )}
      <StatusBar
        meta={meta}
        status={status}
        view={view}
        total={store}
        layoutBusy={layoutBusy}
        crossCutting={crossCutting}
        onSelect={select}
      />
    </div>
  );
}
