/**
 * What a person sees of the view at one panel size, measured in the page: toolbar rows, the canvas's share of the
 * width, node label and namespace title sizes on screen. Shared by the fit test and its before/after numbers.
 */
import type { Core } from 'cytoscape';
import type { PageGlobals, WebviewPage } from './harness';

export interface FitMeasure {
  readonly toolbarHeight: number;
  /** Distinct rows the toolbar's visible controls sit on. */
  readonly toolbarRows: number;
  /** The tallest visible toolbar control: one row's height. */
  readonly controlHeight: number;
  /** How far the rightmost toolbar control reaches past the page's right edge, px (≤ 0: all on screen). */
  readonly toolbarOverflow: number;
  readonly canvasWidth: number;
  readonly mainWidth: number;
  readonly detailsShown: boolean;
  readonly zoom: number;
  /** Smallest node label font size on screen, px. */
  readonly labelPx: number;
  /** Rendered size of the drawn nodes together (their bounding box), px. */
  readonly diagram: { readonly width: number; readonly height: number };
  /** Nodes whose centre is inside the canvas. */
  readonly nodesOnScreen: number;
  readonly groups: readonly GroupTitle[];
}

export interface GroupTitle {
  readonly id: string;
  /** Title font size on screen, px. */
  readonly titlePx: number;
  /** The title's drawn width (after any ellipsis), px. */
  readonly titleWidth: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
}

interface Rect {
  readonly top: number;
  readonly right: number;
  readonly height: number;
  readonly width: number;
}
interface Element {
  getBoundingClientRect(): Rect;
  readonly children: ArrayLike<Element>;
}
interface Dom {
  readonly document: { querySelector(selector: string): Element | null };
  readonly innerWidth: number;
}

export function measureFit(page: WebviewPage): Promise<FitMeasure> {
  return page.page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals & Dom;
    const cy: Core = w.__kubilitics.cy;
    const rect = (selector: string): Rect | undefined => w.document.querySelector(selector)?.getBoundingClientRect();
    const toolbar = w.document.querySelector('.toolbar');
    const controls = toolbar === null ? [] : [...Array.from(toolbar.children)].map((c) => c.getBoundingClientRect());
    const visible = controls.filter((r) => r.width > 0 && r.height > 0);
    const controlHeight = Math.max(0, ...visible.map((r) => r.height));
    const centres = visible.map((r) => r.top + r.height / 2).sort((a, b) => a - b);
    let rows = 0;
    let last = -Infinity;
    for (const c of centres) {
      if (c - last > controlHeight / 2) rows += 1;
      last = c;
    }
    const zoom = cy.zoom();
    const nodes = cy.nodes().filter((n) => !n.hasClass('group'));
    const labelSizes = nodes.map((n) => parseFloat(n.style('font-size') as string) * zoom);
    const box = nodes.renderedBoundingBox({ includeLabels: false });
    const [width, height] = [cy.width(), cy.height()];
    const nodesOnScreen = cy.nodes().filter((n) => {
      const p = n.renderedPosition();
      return !n.hasClass('group') && p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
    }).length;
    const groups = cy.nodes('.group').map((g) => {
      const label = g.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const outer = g.renderedBoundingBox({ includeLabels: false });
      return {
        id: g.id(),
        titlePx: parseFloat(g.style('font-size') as string) * zoom,
        titleWidth: label.w,
        boxWidth: outer.w,
        boxHeight: outer.h,
      };
    });
    const details = rect('[data-testid="details"]');
    return {
      toolbarHeight: rect('.toolbar')?.height ?? 0,
      toolbarRows: rows,
      controlHeight,
      toolbarOverflow: Math.max(0, ...visible.map((r) => r.right)) - w.innerWidth,
      canvasWidth: rect('.canvas')?.width ?? 0,
      mainWidth: rect('.main')?.width ?? 0,
      detailsShown: details !== undefined && details.width > 0,
      zoom,
      labelPx: Math.min(...labelSizes),
      diagram: { width: box.w, height: box.h },
      nodesOnScreen,
      groups,
    };
  });
}

/** One line of numbers for the log: what the before/after comparison in the commit message quotes. */
export function describeFit(name: string, m: FitMeasure): string {
  const share = m.mainWidth > 0 ? Math.round((100 * m.canvasWidth) / m.mainWidth) : 0;
  const titles = m.groups.map((g) => `${g.titlePx.toFixed(1)}px/${Math.round(g.boxHeight)}px`).join(' ');
  return (
    `${name}: toolbar ${Math.round(m.toolbarHeight)} px (${m.toolbarRows} row(s), ` +
    `${Math.round(m.toolbarOverflow)} px past the edge), canvas ${share}% of width, ` +
    `label ${m.labelPx.toFixed(1)} px at zoom ${m.zoom.toFixed(2)}, diagram ${Math.round(m.diagram.width)}×` +
    `${Math.round(m.diagram.height)} px, ${m.nodesOnScreen} nodes on screen, titles ${titles}`
  );
}
