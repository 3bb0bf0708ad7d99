/**
 * The export model: the drawn scene, built from a graph, the view options (filters, grouping, collapse
 * state) and node positions. Positions come from the headless layout (CLI) or from the webview's
 * `positions` export (VS Code), so both paths draw the same scene; every renderer (SVG, PDF, PNG, DOT,
 * Mermaid, JSON/YAML) reads only this model (its types are in scene.ts).
 *
 * Coordinates are the view's own model coordinates (node centres as cytoscape reports them), never shifted:
 * an exported node sits exactly where the view has it, and `bounds` says which window to show.
 */
import type { TopologyGraph } from '../model/graph.js';
import { deriveView } from '../viewModel/deriveView.js';
import { GraphStore } from '../viewModel/graphStore.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { ViewOptions } from '../viewModel/viewOptions.js';
import { sceneEdges } from './edgeGeometry.js';
import { layoutLegend } from './legend.js';
import type { ExportTheme, Palette } from './palette.js';
import { DEFAULT_ASPECT } from '../viewModel/viewLayout.js';
import { palette } from './palette.js';
import { sceneGroups, sceneNode } from './sceneNodes.js';
import { placeStubs } from './stubs.js';
import type { ExportMeta, LegendBox, Rect, Scene, SceneEdge, SceneGroup, SceneHeader, SceneNode, StubPlacement } from './scene.js';

export interface SceneInput {
  readonly graph: TopologyGraph;
  readonly options: ViewOptions;
  /** Node centres by view node id. View nodes without a position are not drawn (nor their edges). */
  readonly positions: Readonly<Record<string, Point>>;
  /**
   * Edge routes from the layout, by view edge id; edges without one are drawn straight between their nodes.
   */
  readonly routes?: Readonly<Record<string, readonly Point[]>>;
  /** Ids of the edges the layout left out: kept in the scene (DOT, Mermaid, JSON), left out of drawings. */
  readonly crossCutting?: readonly string[];
  /** Placeholders expected to be absent (findings.ts `expectedPlaceholders`): drawn as made elsewhere, not broken. */
  readonly expected?: ReadonlySet<string>;
  readonly theme: ExportTheme;
  readonly meta: ExportMeta;
}

export const SCENE_MARGIN = 24;
const HEADER_HEIGHT = 48;
const LEGEND_GAP = 36;
/** Room for stubs around the drawing: a stub and one line of its label. */
const STUB_MARGIN = 24;

export function buildScene(input: SceneInput): Scene {
  const store = new GraphStore();
  store.reset(input.graph);
  store.setExpected(input.expected ?? new Set());
  const view = deriveView(store, input.options);
  const colours = palette(input.theme);
  const nodes = view.nodes.flatMap((n) => {
    const p = input.positions[n.id];
    return p === undefined ? [] : [sceneNode(n, p, colours)];
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = sceneGroups(view.groups, nodes);
  const edges = sceneEdges(view.edges, byId, colours, { routes: input.routes ?? {}, crossCutting: new Set(input.crossCutting) });
  const laidOut = drawingBounds(nodes, groups, edges);
  // Nodes outside any namespace box may put a stub in the margin around the drawing, which then grows to hold it.
  const stubs = placeStubs(nodes, groups, edges, pad(laidOut, STUB_MARGIN), colours);
  const drawing = withStubs(laidOut, stubs.stubs);
  const header: SceneHeader = {
    x: drawing.x,
    y: drawing.y - HEADER_HEIGHT + 18,
    title: input.meta.title,
    subtitle: [input.meta.source, ...input.meta.filters].filter((s) => s !== '').join('  ·  '),
  };
  const legend = placeLegend(nodes, edges, stubs, drawing, colours);
  const top = drawing.y - HEADER_HEIGHT;
  const right = Math.max(drawing.x + drawing.width, legend.x + legend.width, drawing.x + textWidth(header.title, 16));
  const bottom = Math.max(drawing.y + drawing.height, legend.y + legend.height);
  const bounds = pad({ x: drawing.x, y: top, width: right - drawing.x, height: bottom - top }, SCENE_MARGIN);
  return {
    graph: input.graph,
    palette: colours,
    meta: input.meta,
    options: input.options,
    nodes,
    edges,
    groups,
    stubs: stubs.stubs,
    header,
    legend,
    drawing,
    bounds,
  };
}

/** Rough text width for layout of chrome (header, legend): the same generous estimate nodes use. */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

/**
 * Beside the diagram or below it, whichever keeps the whole picture closer to the shape the layout aimed
 * for: a wide diagram gets its legend below, a tall one beside it.
 */
function placeLegend(
  nodes: readonly SceneNode[],
  edges: readonly SceneEdge[],
  stubs: StubPlacement,
  drawing: Rect,
  colours: Palette,
): LegendBox {
  const below = layoutLegend(nodes, edges, stubs, { x: drawing.x, y: drawing.y + drawing.height + LEGEND_GAP }, colours, 'columns');
  const beside = layoutLegend(nodes, edges, stubs, { x: drawing.x + drawing.width + LEGEND_GAP, y: drawing.y }, colours, 'stacked');
  const misfit = (width: number, height: number): number => Math.abs(Math.log(width / Math.max(1, height) / DEFAULT_ASPECT));
  const belowMisfit = misfit(Math.max(drawing.width, below.width), drawing.height + LEGEND_GAP + below.height);
  const besideMisfit = misfit(drawing.width + LEGEND_GAP + beside.width, Math.max(drawing.height, beside.height));
  return besideMisfit < belowMisfit ? beside : below;
}

function drawingBounds(nodes: readonly SceneNode[], groups: readonly SceneGroup[], edges: readonly SceneEdge[]): Rect {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  const add = (x: number, y: number): void => {
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x);
    y2 = Math.max(y2, y);
  };
  for (const n of nodes) {
    add(n.x - n.width / 2, n.y - n.height / 2);
    add(n.x + n.width / 2, n.y + n.height / 2);
  }
  for (const g of groups) {
    // The label sits above the box.
    add(g.box.x, g.box.y - 22);
    add(g.box.x + g.box.width, g.box.y + g.box.height);
  }
  for (const e of edges) {
    if (e.crossCutting === true) continue;
    for (const p of [e.from, e.to, ...(e.control ? [e.control] : []), ...(e.points ?? [])]) add(p.x, p.y);
  }
  if (x1 === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

function withStubs(drawing: Rect, stubs: StubPlacement['stubs']): Rect {
  if (stubs.length === 0) return drawing;
  let x1 = drawing.x;
  let y1 = drawing.y;
  let x2 = drawing.x + drawing.width;
  let y2 = drawing.y + drawing.height;
  for (const s of stubs) {
    for (const p of [
      s.from,
      s.to,
      { x: s.labelBox.x, y: s.labelBox.y },
      { x: s.labelBox.x + s.labelBox.width, y: s.labelBox.y + s.labelBox.height },
    ]) {
      x1 = Math.min(x1, p.x);
      y1 = Math.min(y1, p.y);
      x2 = Math.max(x2, p.x);
      y2 = Math.max(y2, p.y);
    }
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** Grown by `margin` and out to whole pixels, so an image of it has an exact pixel size at any whole scale. */
function pad(r: Rect, margin: number): Rect {
  const x = Math.floor(r.x - margin);
  const y = Math.floor(r.y - margin);
  return { x, y, width: Math.ceil(r.x + r.width + margin) - x, height: Math.ceil(r.y + r.height + margin) - y };
}
