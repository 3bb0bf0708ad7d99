/**
 * Owns the cytoscape instance: applies derived views, asks the worker for layouts, places newcomers
 * incrementally, and keeps positions and viewport per "layout context" (grouping + focus, layoutContext.ts), so
 * leaving focus mode returns to the picture the user left. Preact components talk to it; it never renders DOM.
 */
import * as l10n from '@vscode/l10n';
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition } from 'cytoscape';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { GridFallbackLayout } from '../layout/gridFallback';
import type { LayoutClient } from '../layout/layoutClient';
import type { Point } from '../../engine/viewModel/layoutTypes';
import type { Viewport } from '../uiState';
import type { GraphDiff } from '../../protocol/messages';
import { buildStylesheet, drawnAsLarge } from './cyStyle';
import { syncElements } from './cySync';
import { SlicedAdd } from './slicedAdd';
import { Decorations } from './decorations';
import { KeyboardNavigator } from './keyboardNavigator';
import { installStyleCacheDirty } from './styleCacheDirty';
import { installCompoundLinks } from './compoundLinks';
import { setViewportTexture } from './viewportTexture';
import { adaptWebgl, drawsWithWebgl, setWebglBackground, webgl2Available, webglAskedByTest, WEBGL_RENDERER } from './webglRenderer';
import type { ResolvedTheme } from './resolvedTheme';
import { layoutInput } from '../../engine/viewModel/viewLayout';
import { groupAnchors, layoutInputChanged, seedsFrom } from './viewGeometry';
import { CHROME } from '../../engine/visual/theme';
import { canvasAspect, canvasPng, positionsJson } from './canvasExport';
import { centreOn, currentViewport, fitCanvas, restoreViewport, showNodes, showsContent, stillFitted } from './canvasViewport';
import { followPanelSize, type ResizeFollower } from './canvasResize';
import { listenToGestures, type ScreenPoint } from './canvasGestures';
import type { HitTesting } from './hitTesting';
import { installHitTesting } from './hitTesting';
import { markDiff } from './diffMarks';
import { markHeat } from './heatMarks';
import type { HeatLevel } from '../../engine/metrics/overlay';
import type { ContextState, DroppedNode } from './layoutContext';
import { LayoutContexts, applyPatch, recordDrop, unpinAll } from './layoutContext';

export interface CanvasCallbacks {
  select(id: string | null): void;
  /** Double-click or Enter on an already selected node: expand/collapse what it stands for. */
  activate(id: string): void;
  viewportChanged(viewport: Viewport): void;
  layoutBusy(busy: boolean): void;
  /** How many relations are drawn only while one of their ends is selected or hovered (cross-cutting). */
  crossCutting(count: number): void;
  keyboardFocus(id: string | null): void;
  /** Ctrl/Cmd+click or Shift+click on a node: add it to the selection, or take it out. */
  toggle(id: string): void;
  /** Right-click, Shift+F10 or the ContextMenu key on a node: where to open its menu (client coordinates). */
  contextMenu(id: string, at: ScreenPoint): void;
  error(message: string): void;
}

interface InFlight {
  readonly context: string;
  readonly mode: 'full' | 'update';
}

const EMPTY_VIEW: ViewGraph = { nodes: [], edges: [], groups: [], representative: new Map(), level: 'object' };
/** More newcomers than this, all out of folded nodes, are an opened group: laid out as one block. */
const OPENED_GROUP_BLOCK = 24;

export class CanvasController {
  readonly cy: Core;
  private view: ViewGraph = EMPTY_VIEW;
  private diff: GraphDiff | null = null;
  private heat: ReadonlyMap<string, HeatLevel> | null = null;
  private readonly contexts = new LayoutContexts();
  private inFlight: InFlight | null = null;
  /** An object asked to be revealed before its layout arrived. */
  private pendingReveal: string | null = null;
  private layoutClient: LayoutClient | GridFallbackLayout | null = null;
  /** Last full or appended layout: worker time and the round trip including transfer and drawing. */
  readonly timings = { workerMs: 0, totalMs: 0 };
  private restoreViewport: Viewport | null;
  /** The level (context) changed while its layout was still on its way: show the new picture once it lands. */
  private viewportDue = false;
  private theme: ResolvedTheme;
  private large = false;
  private readonly keyboard: KeyboardNavigator;
  private readonly decorations: Decorations;
  private readonly stopGestures: () => void;
  private readonly hitTesting: HitTesting;
  private readonly resizing: ResizeFollower;
  /** Start points for nodes that just came out of (or went into) a collapsed node. */
  private seeds = new Map<string, Point>();
  private openedByReader = false;
  /** A large view's elements on their way onto the canvas, a slice per task (slicedAdd.ts). */
  private adding: SlicedAdd | null = null;

  constructor(
    container: HTMLElement,
    private readonly callbacks: CanvasCallbacks,
    layout: Promise<LayoutClient>,
    theme: ResolvedTheme,
    restoreViewport: Viewport | null,
  ) {
    this.theme = theme;
    this.restoreViewport = restoreViewport;
    // Only where a test or the benchmark asks for it, and the page can draw with WebGL2 (webglRenderer.ts).
    const webgl = webglAskedByTest() && webgl2Available(container.ownerDocument);
    this.cy = cytoscape({
      container,
      style: buildStylesheet(theme, false) as unknown as cytoscape.StylesheetStyle[],
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      ...(webgl ? { renderer: { ...WEBGL_RENDERER } } : {}),
    });
    if (webgl) adaptWebgl(this.cy, theme.color(CHROME.background));
    installStyleCacheDirty(this.cy);
    installCompoundLinks(this.cy);
    this.hitTesting = installHitTesting(this.cy);
    this.keyboard = new KeyboardNavigator(this.cy, callbacks);
    this.decorations = new Decorations(this.cy);
    this.stopGestures = listenToGestures(this.cy, {
      select: (id) => callbacks.select(id),
      toggle: (id) => callbacks.toggle(id),
      contextMenu: (id, at) => callbacks.contextMenu(id, at),
      activate: (id) => callbacks.activate(id),
      dropped: (nodes) => this.dropped(nodes),
      viewportSettled: (viewport) => {
        this.state().viewport = viewport;
        callbacks.viewportChanged(viewport);
      },
    });
    this.resizing = followPanelSize(this.cy, () => {
      // Resizing changes no viewport: whether it is still as fitted reads the same after cytoscape learns the size.
      const fitted = stillFitted(this.cy);
      if (fitted !== null) this.fit(fitted.ids);
      return fitted !== null;
    });
    layout.then(
      (client) => {
        this.layoutClient = client;
        this.placeMissing();
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        callbacks.error(l10n.t('Layout worker unavailable ({0}); showing a simple grid instead.', reason));
        this.layoutClient = new GridFallbackLayout();
        this.placeMissing();
      },
    );
  }

  setView(view: ViewGraph, context: string): void {
    const previous = this.view;
    const contextChanged = context !== this.contexts.name;
    if (contextChanged) this.switchContext(context);
    const state = this.state();
    this.seeds = seedsFrom(previous, view, state.positions);
    this.view = view;
    this.updateScale();
    if (this.inFlight?.context === context) {
      this.applyPositions();
      return; // its result will place whatever is still missing
    }
    const complete = this.placeMissing();
    // An incremental layout is on its way (tens of ms): draw the view once, with it, rather than now and again then,
    // since a redraw of a large graph costs hundreds of ms.
    const drawn = this.inFlight?.mode !== 'update' ? this.applyPositions() : Promise.resolve();
    if (contextChanged && complete) {
      void drawn.then(() => {
        if (this.contexts.name === context) this.showContext(state.viewport);
      });
    } else if (contextChanged) this.viewportDue = true;
  }

  /** Marks what a comparison added, removed and changed; `null` clears it. Reapplied after every view change. */
  setDiff(diff: GraphDiff | null): void {
    this.diff = diff;
    markDiff(this.cy, this.view, diff);
  }

  /** The metrics overlay's heat step per drawn node; `null` turns it off. Reapplied after every view change. */
  setHeat(levels: ReadonlyMap<string, HeatLevel> | null): void {
    this.heat = levels;
    markHeat(this.cy, levels);
  }

  /** The selected nodes: one, several (a multi-selection) or none. */
  setSelection(ids: readonly string[]): void {
    this.decorations.setSelection(ids);
  }

  setSearch(matches: ReadonlySet<string> | null): void {
    this.decorations.setSearch(matches);
  }

  setTheme(theme: ResolvedTheme): void {
    this.theme = theme;
    this.cy.style(buildStylesheet(theme, this.large) as unknown as cytoscape.StylesheetStyle[]);
    setWebglBackground(this.cy, theme.color(CHROME.background));
  }

  /** The reader is opening a fold: bring what it opens into view once laid out, however small it is. */
  showNextOpened(): void {
    this.openedByReader = true;
  }

  /** Shows the whole graph, or `ids`, as large as fits, but a small diagram never below readable text (fitViewport.ts). */
  fit(ids?: readonly string[]): void {
    this.adding?.flush();
    fitCanvas(this.cy, this.view.nodes.length, ids);
  }

  /** Lay everything out afresh, dragged nodes too; the current picture stays until the new one is ready. */
  relayout(): void {
    unpinAll(this.state());
    this.state().viewport = null;
    this.inFlight = null;
    void this.requestLayout('full');
  }

  /**
   * Centres `id` at a readable zoom. While objects of the view still wait for their layout (a fold just opened, laid
   * out in batches), the target is kept and centred again after each batch lands, so fitting a newly placed block
   * never takes the reader away from what they searched for.
   */
  reveal(id: string): void {
    this.adding?.flush();
    const node = this.cy.getElementById(id);
    this.pendingReveal = node.empty() || this.inFlight !== null || this.waitingForLayout() ? id : null;
    if (node.empty()) return;
    centreOn(this.cy, node);
  }

  private waitingForLayout(): boolean {
    const { positions } = this.state();
    return this.view.nodes.some((n) => !positions.has(n.id));
  }

  /** Elements of the view on their way onto the canvas, a slice per task. */
  get elementsPending(): number {
    return this.adding?.remaining ?? 0;
  }

  handleKey(event: KeyboardEvent): boolean {
    return this.keyboard.handle(event);
  }

  exportPng(scale = 2): string {
    this.adding?.flush();
    return canvasPng(this.cy, this.theme, scale);
  }

  /** Node positions and sizes, the canvas aspect and the view options: what an export needs to draw this view. */
  positionsJson(view: ViewOptions): string {
    this.adding?.flush();
    return positionsJson(this.cy, view, this.state().routes);
  }

  dispose(): void {
    this.stopGestures();
    this.resizing.dispose();
    this.adding?.dispose();
    this.hitTesting.dispose();
    this.layoutClient?.dispose();
    this.cy.destroy();
  }

  private dropped(nodes: readonly DroppedNode[]): void {
    recordDrop(this.state(), nodes, this.view);
    void this.applyPositions();
  }

  private state(): ContextState {
    return this.contexts.state();
  }

  private switchContext(context: string): void {
    if (this.view.nodes.length > 0) this.state().viewport = currentViewport(this.cy);
    this.contexts.switchTo(context);
    this.inFlight = null;
    this.viewportDue = false;
  }

  /**
   * A level's picture as it was left, if it still shows some of it; else fitted. An incremental layout (the level
   * changed while away: a namespace folded at another level) used to leave the other level's viewport in place,
   * which could look at empty canvas.
   */
  private showContext(viewport: Viewport | null): void {
    this.applyViewport(viewport);
    if (viewport !== null && !showsContent(this.cy)) this.fit();
  }

  private updateScale(): void {
    const large = drawnAsLarge(this.view.nodes.length + this.view.edges.length, this.large);
    if (large !== this.large) {
      this.large = large;
      // WebGL draws every frame in full: it has no snapshot to pan.
      if (!drawsWithWebgl(this.cy)) setViewportTexture(this.cy, large);
      this.setTheme(this.theme);
    }
  }

  /**
   * Asks for a layout when the view's layout input changed since the last one applied: a full one for a new picture,
   * else an incremental one that lays out again only the namespaces that changed (incrementalLayout.ts) while every
   * other block keeps still. Returns whether everything is placed now (no worker layout pending).
   */
  private placeMissing(): boolean {
    const state = this.state();
    const missing = this.view.nodes.filter((n) => !state.positions.has(n.id));
    if (missing.length === 0 && (state.laid === this.view || !layoutInputChanged(state.laid, this.view))) {
      state.laid = this.view;
      return true;
    }
    if (this.view.nodes.length === 0) return true;
    // A whole group opened: bring its block into view once it is laid out.
    const opened = this.openedByReader || (missing.length > OPENED_GROUP_BLOCK && missing.every((n) => this.seeds.has(n.id)));
    this.openedByReader = false;
    const show = opened ? new Set(missing.map((n) => n.id)) : undefined;
    void this.requestLayout(missing.length === this.view.nodes.length ? 'full' : 'update', show);
    return false;
  }

  /** `show`: what a fold just opened, brought into view once laid out. */
  private async requestLayout(mode: 'full' | 'update', show?: ReadonlySet<string>): Promise<void> {
    const client = this.layoutClient;
    if (client === null) return; // placeMissing runs again once the worker is up
    const context = this.contexts.name;
    const token: InFlight = { context, mode };
    this.inFlight = token;
    this.callbacks.layoutBusy(true);
    const start = performance.now();
    const view = this.view;
    const state = this.state();
    const input = { ...layoutInput(view.nodes, view, canvasAspect(this.cy)), anchors: groupAnchors(view, this.seeds) };
    const answer = await client.request(input, { context, full: mode === 'full', applied: state.applied });
    if (this.inFlight !== token) return; // superseded: a newer request or another context owns the canvas
    this.inFlight = null;
    this.callbacks.layoutBusy(false);
    if (answer === undefined) {
      void this.applyPositions(); // the layout failed: still draw the view's changes where nodes already stand
      return;
    }
    applyPatch(state, answer.patch, view);
    state.applied = answer.seq;
    state.laid = view;
    this.timings.workerMs = Math.round(client.lastWorkerMs);
    await this.applyPositions();
    // Added in slices, the view may have changed meanwhile: another level owns the canvas, or a newer layout will
    // show the picture when it lands.
    if (this.contexts.name !== context) return;
    if (this.inFlight !== null) {
      this.viewportDue ||= answer.patch.full;
      return;
    }
    this.timings.totalMs = Math.round(performance.now() - start);
    if (answer.patch.full || this.viewportDue) this.showContext(this.restoreViewport ?? state.viewport);
    this.viewportDue = false;
    // A search hit inside the block just laid out is what the reader asked for: centre it, not the whole block.
    const pending = this.pendingReveal;
    if (pending !== null && !this.cy.getElementById(pending).empty()) this.reveal(pending);
    else if (show !== undefined) showNodes(this.cy, show);
    this.restoreViewport = null;
    if (this.placeMissing()) this.pendingReveal = null;
  }

  /**
   * Draws the view with the current context's positions: placed nodes appear or move, others wait. Resolves once every
   * element is on the canvas: a large view's first draw is added over several tasks (slicedAdd.ts).
   */
  private applyPositions(): Promise<void> {
    this.adding?.flush();
    const { positions, routes } = this.state();
    let many: ElementDefinition[] | null = null;
    syncElements(
      this.cy,
      this.view,
      (id) => positions.get(id),
      routes,
      (additions) => {
        many = additions;
      },
    );
    if (many === null) {
      this.afterSync();
      return Promise.resolve();
    }
    const additions: ElementDefinition[] = many;
    return new Promise((resolve) => {
      const adding = new SlicedAdd(this.cy, additions, () => {
        if (this.adding === adding) this.adding = null;
        this.afterSync();
        resolve();
      });
      this.adding = adding;
      adding.start();
    });
  }

  /** What is marked on the elements, applied again once they are all on the canvas. */
  private afterSync(): void {
    this.callbacks.crossCutting(this.cy.edges('.cross').length);
    this.keyboard.refresh();
    this.decorations.reapply();
    markDiff(this.cy, this.view, this.diff);
    markHeat(this.cy, this.heat);
  }

  private applyViewport(viewport: Viewport | null): void {
    restoreViewport(this.cy, viewport, this.view.nodes.length);
  }
}
