/**
 * Owns the cytoscape instance: applies derived views, asks the worker for layouts, places newcomers
 * incrementally, and keeps positions and viewport per "layout context" (grouping + focus), so leaving
 * focus mode returns to the picture the user left. Preact components talk to it; it never renders DOM.
 */
import cytoscape from 'cytoscape';
import type { Core, NodeSingular } from 'cytoscape';
import { CHROME } from '../../engine/visual/theme';
import type { ViewPositionNode, ViewPositions } from '../../engine/export/viewPositions';
import type { ViewGraph } from '../../engine/viewModel/deriveView';
import type { LayoutPatch } from '../../engine/viewModel/incrementalLayout';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { GridFallbackLayout } from '../layout/gridFallback';
import type { LayoutClient } from '../layout/layoutClient';
import type { Point } from '../../engine/viewModel/layoutTypes';
import type { Viewport } from '../uiState';
import type { GraphDiff } from '../../protocol/messages';
import { NODE_METRICS } from '../../engine/visual/nodeGeometry';
import { LARGE_GRAPH, buildStylesheet } from './cyStyle';
import { syncElements } from './cySync';
import { RouteBook } from './edgeRoutes';
import { Decorations } from './decorations';
import { fitViewport } from './fitViewport';
import { KeyboardNavigator } from './keyboardNavigator';
import { installStyleCacheDirty } from './styleCacheDirty';
import { setViewportTexture } from './viewportTexture';
import type { ResolvedTheme } from './resolvedTheme';
import { DEFAULT_ASPECT, layoutInput } from '../../engine/viewModel/viewLayout';
import { groupAnchors, layoutInputChanged, seedsFrom } from './viewGeometry';

export interface CanvasCallbacks {
  select(id: string | null): void;
  /** Double-click or Enter on an already selected node: expand/collapse what it stands for. */
  activate(id: string): void;
  viewportChanged(viewport: Viewport): void;
  layoutBusy(busy: boolean): void;
  /** How many relations are drawn only while one of their ends is selected or hovered (cross-cutting). */
  crossCutting(count: number): void;
  keyboardFocus(id: string | null): void;
  error(message: string): void;
}

interface ContextState {
  readonly positions: Map<string, Point>;
  /** The layout's edge routes for these positions; an edge whose end moved has none. */
  readonly routes: RouteBook;
  viewport: Viewport | null;
  /** The last layout answer applied here (layoutSessions.ts), and the view it was laid out for. */
  applied: number;
  laid: ViewGraph | null;
}

interface InFlight {
  readonly context: string;
  readonly mode: 'full' | 'update';
}

const EMPTY_VIEW: ViewGraph = { nodes: [], edges: [], groups: [], representative: new Map(), level: 'object' };
const FIT_PADDING = 30;
/** More newcomers than this, all out of folded nodes, are an opened group: laid out as one block. */
const OPENED_GROUP_BLOCK = 24;

export class CanvasController {
  readonly cy: Core;
  private view: ViewGraph = EMPTY_VIEW;
  private diff: GraphDiff | null = null;
  private context = '';
  private readonly contexts = new Map<string, ContextState>();
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
  private viewportTimer: ReturnType<typeof setTimeout> | undefined;
  /** Start points for nodes that just came out of (or went into) a collapsed node. */
  private seeds = new Map<string, Point>();

  constructor(
    container: HTMLElement,
    private readonly callbacks: CanvasCallbacks,
    layout: Promise<LayoutClient>,
    theme: ResolvedTheme,
    restoreViewport: Viewport | null,
  ) {
    this.theme = theme;
    this.restoreViewport = restoreViewport;
    this.cy = cytoscape({
      container,
      style: buildStylesheet(theme, false) as unknown as cytoscape.StylesheetStyle[],
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    installStyleCacheDirty(this.cy);
    this.keyboard = new KeyboardNavigator(this.cy, callbacks);
    this.decorations = new Decorations(this.cy);
    this.listen();
    layout.then(
      (client) => {
        this.layoutClient = client;
        this.placeMissing();
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        callbacks.error(`Layout worker unavailable (${reason}); showing a simple grid instead.`);
        this.layoutClient = new GridFallbackLayout();
        this.placeMissing();
      },
    );
  }

  setView(view: ViewGraph, context: string): void {
    const previous = this.view;
    const contextChanged = context !== this.context;
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
    if (this.inFlight?.mode !== 'update') this.applyPositions();
    if (contextChanged && complete) this.showContext(state.viewport);
    else if (contextChanged) this.viewportDue = true;
  }

  /** Marks what a comparison added, removed and changed; `null` clears it. Reapplied after every view change. */
  setDiff(diff: GraphDiff | null): void {
    this.diff = diff;
    this.applyDiff();
  }

  private applyDiff(): void {
    // Only the marked ones: cytoscape restyles every element it is asked to remove a class from, marked or not.
    this.cy.elements('.diff-added, .diff-removed, .diff-changed').removeClass('diff-added diff-removed diff-changed');
    const diff = this.diff;
    if (!diff) return;
    const classOf = new Map<string, string>();
    for (const id of diff.added) classOf.set(id, 'diff-added');
    for (const id of diff.changed) classOf.set(id, 'diff-changed');
    for (const id of diff.removed) classOf.set(id, 'diff-removed');
    this.cy.batch(() => {
      for (const element of [...this.view.nodes, ...this.view.edges]) {
        const found = element.members.map((member) => classOf.get(member)).find((cls) => cls !== undefined);
        if (found) this.cy.getElementById(element.id).addClass(found);
      }
    });
  }

  setSelection(id: string | null): void {
    this.decorations.setSelection(id);
  }

  setSearch(matches: ReadonlySet<string> | null): void {
    this.decorations.setSearch(matches);
  }

  setTheme(theme: ResolvedTheme): void {
    this.theme = theme;
    this.cy.style(buildStylesheet(theme, this.large) as unknown as cytoscape.StylesheetStyle[]);
  }

  /** Shows the whole graph, or `ids`, as large as fits, but a small diagram never below readable text (fitViewport.ts). */
  fit(ids?: readonly string[]): void {
    let targets = this.cy.collection();
    if (ids === undefined) targets = this.cy.elements();
    else for (const id of ids) targets = targets.union(this.cy.getElementById(id));
    if (targets.empty()) return;
    const box = targets.boundingBox({});
    const viewport = fitViewport({
      bounds: box,
      width: this.cy.width(),
      height: this.cy.height(),
      padding: FIT_PADDING,
      objects: this.view.nodes.length,
      labelFontSize: NODE_METRICS.fontSize,
    });
    this.cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
  }

  /** Lay everything out afresh; the current picture stays until the new one is ready. */
  relayout(): void {
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
    const node = this.cy.getElementById(id);
    this.pendingReveal = node.empty() || this.inFlight !== null || this.waitingForLayout() ? id : null;
    if (node.empty()) return;
    this.cy.stop(true, false);
    this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.9) }, { duration: 250 });
  }

  private waitingForLayout(): boolean {
    const { positions } = this.state();
    return this.view.nodes.some((n) => !positions.has(n.id));
  }

  handleKey(event: KeyboardEvent): boolean {
    return this.keyboard.handle(event);
  }

  exportPng(scale = 2): string {
    const bg = this.theme.color(CHROME.background);
    return this.cy.png({ full: true, scale: Math.min(4, Math.max(1, scale)), bg: bg.rgb, output: 'base64uri' });
  }

  /** Node positions and sizes, the canvas aspect and the view options: what an export needs to draw this view. */
  positionsJson(view: ViewOptions): string {
    const nodes: ViewPositionNode[] = [];
    this.cy.nodes().forEach((n) => {
      if (!n.hasClass('group')) nodes.push({ id: n.id(), ...n.position(), width: n.width(), height: n.height() });
    });
    const aspect = this.cy.width() / Math.max(1, this.cy.height());
    const payload: ViewPositions = {
      version: 1,
      aspect: Number.isFinite(aspect) && aspect > 0 ? aspect : DEFAULT_ASPECT,
      view,
      nodes,
      edges: this.cy.edges().map((e) => e.id()),
      routes: this.state().routes.allRoutes(),
      crossCutting: this.state().routes.crossCuttingIds(),
    };
    return JSON.stringify(payload);
  }

  dispose(): void {
    clearTimeout(this.viewportTimer);
    this.layoutClient?.dispose();
    this.cy.destroy();
  }

  private listen(): void {
    this.cy.on('tap', 'node', (e) => this.callbacks.select((e.target as NodeSingular).id()));
    this.cy.on('tap', (e) => {
      if (e.target === this.cy) this.callbacks.select(null);
    });
    this.cy.on('dbltap', 'node', (e) => this.callbacks.activate((e.target as NodeSingular).id()));
    this.cy.on('dragfree', 'node', (e) => {
      const positions = this.state().positions;
      const moved = (e.target as NodeSingular).union((e.target as NodeSingular).descendants());
      const ids = new Set<string>();
      moved.forEach((n) => {
        if (!n.hasClass('group')) positions.set(n.id(), { ...n.position() });
        ids.add(n.id());
      });
      this.state().routes.forget(ids, this.view.edges);
      this.applyPositions();
    });
    // Cross-cutting edges show while the pointer rests on one of their ends.
    this.cy.on('mouseover', 'node', (e) => (e.target as NodeSingular).connectedEdges('.cross').addClass('hover'));
    this.cy.on('mouseout', 'node', (e) => (e.target as NodeSingular).connectedEdges('.hover').removeClass('hover'));
    this.cy.on('viewport', () => {
      clearTimeout(this.viewportTimer);
      this.viewportTimer = setTimeout(() => {
        const viewport = { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
        this.state().viewport = viewport;
        this.callbacks.viewportChanged(viewport);
      }, 200);
    });
  }

  private state(): ContextState {
    let state = this.contexts.get(this.context);
    if (state === undefined) {
      state = { positions: new Map(), routes: new RouteBook(), viewport: null, applied: 0, laid: null };
      this.contexts.set(this.context, state);
    }
    return state;
  }

  private switchContext(context: string): void {
    if (this.view.nodes.length > 0) this.state().viewport = { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
    this.context = context;
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
    if (viewport !== null && !this.showsContent()) this.fit();
  }

  /** Whether any drawn node is at least partly on screen. */
  private showsContent(): boolean {
    const { x1, y1, x2, y2 } = this.cy.extent();
    return this.cy.nodes().some((n) => {
      const b = n.boundingBox({});
      return b.x1 < x2 && b.x2 > x1 && b.y1 < y2 && b.y2 > y1;
    });
  }

  private updateScale(): void {
    const large = this.view.nodes.length + this.view.edges.length > LARGE_GRAPH;
    if (large !== this.large) {
      this.large = large;
      setViewportTexture(this.cy, large);
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
    const opened = missing.length > OPENED_GROUP_BLOCK && missing.every((n) => this.seeds.has(n.id));
    void this.requestLayout(missing.length === this.view.nodes.length ? 'full' : 'update', opened);
    return false;
  }

  private async requestLayout(mode: 'full' | 'update', show = false): Promise<void> {
    const client = this.layoutClient;
    if (client === null) return; // placeMissing runs again once the worker is up
    const token: InFlight = { context: this.context, mode };
    this.inFlight = token;
    this.callbacks.layoutBusy(true);
    const start = performance.now();
    const aspect = this.cy.width() / Math.max(1, this.cy.height());
    const view = this.view;
    const state = this.state();
    const input = {
      ...layoutInput(view.nodes, view, Number.isFinite(aspect) && aspect > 0 ? aspect : DEFAULT_ASPECT),
      anchors: groupAnchors(view, this.seeds),
    };
    const answer = await client.request(input, { context: this.context, full: mode === 'full', applied: state.applied });
    if (this.inFlight !== token) return; // superseded: a newer request or another context owns the canvas
    this.inFlight = null;
    this.callbacks.layoutBusy(false);
    if (answer === undefined) {
      this.applyPositions(); // the layout failed: still draw the view's changes where nodes already stand
      return;
    }
    this.applyPatch(state, answer.patch, view);
    state.applied = answer.seq;
    state.laid = view;
    this.timings.workerMs = Math.round(client.lastWorkerMs);
    this.timings.totalMs = Math.round(performance.now() - start);
    if (answer.patch.full || this.viewportDue) this.showContext(this.restoreViewport ?? state.viewport);
    this.viewportDue = false;
    // A search hit inside the block just laid out is what the reader asked for: centre it, not the whole block.
    const pending = this.pendingReveal;
    if (pending !== null && !this.cy.getElementById(pending).empty()) this.reveal(pending);
    else if (show) this.showNodes(new Set(Object.keys(answer.patch.positions)));
    this.restoreViewport = null;
    if (this.placeMissing()) this.pendingReveal = null;
  }

  private applyPatch(state: ContextState, patch: LayoutPatch, view: ViewGraph): void {
    const { positions, routes } = state;
    if (patch.full) {
      positions.clear();
      routes.clear();
    }
    const moved = new Set<string>();
    for (const [id, p] of Object.entries(patch.positions)) {
      const was = positions.get(id);
      // The same point object for a node that did not move: the canvas then leaves it and its edges alone.
      if (was !== undefined && was.x === p.x && was.y === p.y) continue;
      positions.set(id, p);
      moved.add(id);
    }
    routes.replace(moved, view.edges, patch.routes, patch.crossCutting);
    this.applyPositions();
  }

  /** Brings a block that just appeared into view: the reader opened it and should see it. */
  private showNodes(ids: ReadonlySet<string>): void {
    const shown = this.cy.nodes().filter((n) => ids.has(n.id()));
    if (shown.nonempty()) this.cy.animate({ fit: { eles: shown, padding: 40 } }, { duration: 250 });
  }

  /** Draws the view with the current context's positions: placed nodes appear or move, others wait. */
  private applyPositions(): void {
    const { positions, routes } = this.state();
    syncElements(this.cy, this.view, (id) => positions.get(id), routes);
    this.callbacks.crossCutting(this.cy.edges('.cross').length);
    this.keyboard.refresh();
    this.decorations.reapply();
    this.applyDiff();
  }

  private applyViewport(viewport: Viewport | null): void {
    if (viewport === null) this.fit();
    else this.cy.viewport({ zoom: viewport.zoom, pan: { ...viewport.pan } });
  }
}
