/** The cytoscape canvas as a Preact component: creates the controller once and feeds it props. */
import * as l10n from '@vscode/l10n';
import type { JSX, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CanvasController } from '../canvas/canvasController';
import type { ScreenPoint } from '../canvas/canvasGestures';
import { resolveTheme, watchTheme } from '../canvas/theme';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import { LayoutClient } from '../layout/layoutClient';
import { exposeForTests } from '../testHooks';
import type { Viewport } from '../uiState';
import type { GraphDiff } from '../../protocol/messages';
import type { HeatLevel } from '../../engine/metrics/overlay';

export interface GraphCanvasProps {
  readonly workerUri: string;
  readonly view: ViewGraph;
  readonly context: string;
  /** What is selected, as drawn: one node, several (a multi-selection), or none. */
  readonly selection: readonly string[];
  readonly matches: ReadonlySet<string> | null;
  readonly initialViewport: Viewport | null;
  readonly controllerRef: RefObject<CanvasController | null>;
  readonly onSelect: (id: string | null) => void;
  readonly onToggle: (id: string) => void;
  readonly onContextMenu: (id: string, at: ScreenPoint) => void;
  readonly onActivate: (id: string) => void;
  readonly onViewport: (viewport: Viewport) => void;
  readonly onLayoutBusy: (busy: boolean) => void;
  readonly onCrossCutting: (count: number) => void;
  readonly onError: (message: string) => void;
  /** A comparison to mark on the graph, or null. */
  readonly diff: GraphDiff | null;
  /** The metrics overlay's heat step per drawn node, or null when it is off. */
  readonly heat: ReadonlyMap<string, HeatLevel> | null;
}

/** Creates the controller once the container exists; callbacks read the latest props through a ref. */
function useCanvasController(
  container: RefObject<HTMLDivElement | null>,
  latest: RefObject<GraphCanvasProps>,
  announce: (text: string) => void,
): CanvasController | null {
  const [controller, setController] = useState<CanvasController | null>(null);
  useEffect(() => {
    const element = container.current;
    const props = (): GraphCanvasProps | null => latest.current;
    const initial = props();
    if (element === null || initial === null) return;
    const onError = (message: string): void => props()?.onError(message);
    const c = new CanvasController(
      element,
      {
        select: (id) => props()?.onSelect(id),
        toggle: (id) => props()?.onToggle(id),
        contextMenu: (id, at) => props()?.onContextMenu(id, at),
        activate: (id) => props()?.onActivate(id),
        viewportChanged: (v) => props()?.onViewport(v),
        layoutBusy: (busy) => props()?.onLayoutBusy(busy),
        crossCutting: (count) => props()?.onCrossCutting(count),
        keyboardFocus: (id) => announce(id === null ? '' : describe(c, id)),
        error: onError,
      },
      LayoutClient.start(initial.workerUri, onError),
      resolveTheme(document),
      initial.initialViewport,
    );
    initial.controllerRef.current = c;
    setController(c);
    exposeForTests(c, () => props()?.view ?? initial.view);
    const unwatch = watchTheme(document, () => c.setTheme(resolveTheme(document)));
    return () => {
      unwatch();
      initial.controllerRef.current = null;
      c.dispose();
    };
  }, []);
  return controller;
}

export function GraphCanvas(props: GraphCanvasProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');
  // The controller is created once; the props change every render.
  const latest = useRef(props);
  latest.current = props;
  const controller = useCanvasController(container, latest, setAnnouncement);

  useEffect(() => controller?.setView(props.view, props.context), [controller, props.view, props.context]);
  useEffect(() => controller?.setSelection(props.selection), [controller, props.selection, props.view]);
  useEffect(() => controller?.setSearch(props.matches), [controller, props.matches, props.view]);
  useEffect(() => controller?.setDiff(props.diff), [controller, props.diff, props.view]);
  useEffect(() => controller?.setHeat(props.heat), [controller, props.heat, props.view]);

  return (
    <div class="canvas-wrap">
      <div
        ref={container}
        class="canvas"
        tabIndex={0}
        role="application"
        aria-roledescription={l10n.t('topology graph')}
        aria-label={canvasLabel()}
        onKeyDown={(event) => {
          if (controller?.handleKey(event) === true) event.preventDefault();
        }}
      />
      <div class="sr-only" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}

/** What the canvas is and how to use it from the keyboard, read when it takes focus. */
function canvasLabel(): string {
  const moving = l10n.t('Topology graph. Arrow keys move between objects, Tab walks them in order, Enter selects, Escape clears.');
  const selecting = l10n.t('Ctrl+Enter or Ctrl+click adds to the selection, Shift+F10 opens the actions of an object.');
  return `${moving} ${selecting}`;
}

function describe(c: CanvasController, id: string): string {
  const node = c.cy.getElementById(id);
  if (node.empty()) return '';
  const label = String(node.data('label') ?? id).replace(/\n/g, ' ');
  return `${label}, ${String(node.data('status'))}`;
}
