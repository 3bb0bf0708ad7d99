/**
 * Edge geometry for exports. An edge the layout routed (layoutCore.ts) follows its route around node boxes,
 * as the view draws it. An edge the layout left out is cross-cutting: it stays in the scene (DOT, Mermaid
 * and JSON keep every relation) but is marked, and drawings leave it out.
 * Other edges (a node moved by hand, positions from an older view) are as cytoscape's "bezier" edges: straight between
 * two node outlines, or fanned out side by side when several join the same two nodes. Lines end at the
 * arrow's base and the arrow's tip touches the target's outline.
 */
import type { ViewEdge } from '../viewModel/deriveView.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { LineStyle } from '../visual/edges.js';
import type { NodeShape } from '../visual/kinds.js';
import { BROKEN_EDGE, EDGE_VISUALS } from '../visual/edges.js';
import type { SceneEdge, SceneNode } from './scene.js';
import type { Palette } from './palette.js';

/** Distance between neighbouring parallel edges at their middle. */
const PARALLEL_STEP = 22;
/** Arrow size at the view's arrow scale (0.8): cytoscape's unit arrows scaled to ~7 px. */
const ARROW = { length: 7, halfWidth: 3.5, teeHalfWidth: 7.5, teeDepth: 2.3 } as const;
const EDGE_OPACITY = 0.9;
const CONTROLLER_WIDTH = 2;

/** What the layout said about edges: routes around node boxes, and which edges it left out. */
export interface EdgeRouting {
  readonly routes: Readonly<Record<string, readonly Point[]>>;
  readonly crossCutting: ReadonlySet<string>;
}

/** Dash patterns of the view's legend, in line-width-independent pixels. */
export const DASHES: Readonly<Record<LineStyle, readonly number[]>> = { solid: [], dashed: [5, 3], dotted: [1.5, 2.5] };

export function sceneEdges(
  edges: readonly ViewEdge[],
  nodes: ReadonlyMap<string, SceneNode>,
  colours: Palette,
  routing: EdgeRouting = { routes: {}, crossCutting: new Set() },
): SceneEdge[] {
  const bundles = new Map<string, ViewEdge[]>();
  for (const e of edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    const key = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
    const list = bundles.get(key);
    if (list === undefined) bundles.set(key, [e]);
    else list.push(e);
  }
  const result: SceneEdge[] = [];
  for (const e of edges) {
    const source = nodes.get(e.source);
    const target = nodes.get(e.target);
    if (source === undefined || target === undefined) continue;
    const bundle = bundles.get(e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`) ?? [e];
    const route = routing.routes[e.id];
    const geometry = routing.crossCutting.has(e.id) ? { crossCutting: true } : route !== undefined && route.length >= 2 ? { route } : {};
    result.push(sceneEdge(e, source, target, offsetIn(bundle, e), colours, geometry));
  }
  return result;
}

/** Signed distance of this edge from the straight line, measured on the normal of (lower id → higher id). */
function offsetIn(bundle: readonly ViewEdge[], e: ViewEdge): number {
  const i = bundle.indexOf(e);
  return (i - (bundle.length - 1) / 2) * PARALLEL_STEP;
}

interface Geometry {
  /** The layout's route, from the source's outline to the target's. */
  readonly route?: readonly Point[];
  readonly crossCutting?: boolean;
}

function sceneEdge(e: ViewEdge, source: SceneNode, target: SceneNode, offset: number, colours: Palette, geometry: Geometry): SceneEdge {
  const visual = EDGE_VISUALS[e.type];
  const broken = e.broken !== undefined;
  const paint = colours.paint(broken ? BROKEN_EDGE.color : visual.color);
  const opacity = broken ? 1 : Math.max(0.55, paint.opacity);
  const arrow = broken ? BROKEN_EDGE.arrow : visual.arrow;
  const width = broken ? BROKEN_EDGE.width : e.controller ? CONTROLLER_WIDTH : visual.width;
  const route = geometry.route?.map((p) => ({ x: round(p.x), y: round(p.y) }));
  const control = route === undefined ? controlPoint(source, target, offset) : undefined;
  const from = route === undefined ? clipToOutline(source, control ?? target) : enterOutline(source, route[1], route[0]);
  const tip =
    route === undefined ? clipToOutline(target, control ?? source) : enterOutline(target, route[route.length - 2], route[route.length - 1]);
  const toward = route?.[route.length - 2] ?? control ?? from;
  const { head, base } = arrowHead(arrow, toward, tip);
  const edge: SceneEdge = {
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.type,
    controller: e.controller,
    members: e.members,
    from,
    to: base,
    paint: { color: paint.color, opacity: round(opacity * EDGE_OPACITY, 3) },
    width,
    dash: broken ? BROKEN_EDGE.dashPattern : DASHES[visual.line],
    arrow,
    head,
  };
  return {
    ...edge,
    ...(e.broken === undefined ? {} : { broken: e.broken }),
    ...(e.count === undefined ? {} : { count: e.count }),
    ...(control === undefined ? {} : { control }),
    ...(route === undefined ? {} : { points: [from, ...route.slice(1, -1), base] }),
    ...(geometry.crossCutting === true ? { crossCutting: true } : {}),
  };
}

/** The quadratic control point whose curve peaks `offset` away from the straight line; none for 0. */
function controlPoint(a: SceneNode, b: SceneNode, offset: number): Point | undefined {
  if (offset === 0) return undefined;
  // The normal is taken on the pair in id order so edges in both directions fan out consistently.
  const [p, q] = a.id < b.id ? [a, b] : [b, a];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: round((a.x + b.x) / 2 - (dy / len) * offset * 2), y: round((a.y + b.y) / 2 + (dx / len) * offset * 2) };
}

function arrowHead(arrow: SceneEdge['arrow'], toward: Point, tip: Point): { head: Point[]; base: Point } {
  const dx = tip.x - toward.x;
  const dy = tip.y - toward.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const at = (along: number, across: number): Point => ({
    x: round(tip.x - ux * along - uy * across),
    y: round(tip.y - uy * along + ux * across),
  });
  switch (arrow) {
    case 'none':
      return { head: [], base: tip };
    case 'tee': {
      const d = ARROW.teeDepth;
      const w = ARROW.teeHalfWidth;
      return { head: [at(0, -w), at(0, w), at(d, w), at(d, -w)], base: at(d / 2, 0) };
    }
    default:
      return { head: [tip, at(ARROW.length, ARROW.halfWidth), at(ARROW.length, -ARROW.halfWidth)], base: at(ARROW.length, 0) };
  }
}

/**
 * Routes end on the node's bounding box; this moves the end along the route's last segment to where it
 * meets the node's real outline (an ellipse or hexagon sits inside its box), so arrows touch the shape.
 */
function enterOutline(node: SceneNode, outside: Point | undefined, end: Point | undefined): Point {
  if (end === undefined) return { x: node.x, y: node.y };
  if (outside === undefined) return end;
  const outline = shapeOutline(node.shape, node.width, node.height);
  const a = { x: outside.x - node.x, y: outside.y - node.y };
  const dx = end.x - outside.x;
  const dy = end.y - outside.y;
  let best = Infinity;
  for (let i = 0; i < outline.length; i++) {
    const p = outline[i]!;
    const q = outline[(i + 1) % outline.length]!;
    const t = raySegment(dx, dy, { x: p.x - a.x, y: p.y - a.y }, { x: q.x - a.x, y: q.y - a.y });
    if (t !== undefined && t < best) best = t;
  }
  // Beyond the box end means the outline is not on this segment: keep ELK's point.
  if (best > 1.5) return end;
  return { x: round(outside.x + dx * best), y: round(outside.y + dy * best) };
}

/** Where the ray from the node's centre towards `toward` leaves the node's shape. */
export function clipToOutline(node: SceneNode, toward: Point): Point {
  const dx = toward.x - node.x;
  const dy = toward.y - node.y;
  if (dx === 0 && dy === 0) return { x: node.x, y: node.y };
  const outline = shapeOutline(node.shape, node.width, node.height);
  let best = Infinity;
  for (let i = 0; i < outline.length; i++) {
    const p = outline[i]!;
    const q = outline[(i + 1) % outline.length]!;
    const t = raySegment(dx, dy, p, q);
    if (t !== undefined && t < best) best = t;
  }
  const t = best === Infinity ? 0 : best;
  return { x: round(node.x + dx * t), y: round(node.y + dy * t) };
}

/** Ray (0,0)+t·(dx,dy) against segment p→q: the t where they cross, if they do. */
function raySegment(dx: number, dy: number, p: Point, q: Point): number | undefined {
  const ex = q.x - p.x;
  const ey = q.y - p.y;
  const denom = dx * ey - dy * ex;
  if (Math.abs(denom) < 1e-12) return undefined;
  const t = (p.x * ey - p.y * ex) / denom;
  const s = (p.x * dy - p.y * dx) / denom;
  return t >= 0 && s >= 0 && s <= 1 ? t : undefined;
}

const outlines = new Map<string, readonly Point[]>();

/** A polygon approximating the shape, centred on the origin; curves sampled finely enough for clipping. */
export function shapeOutline(shape: NodeShape, w: number, h: number): readonly Point[] {
  const key = `${shape}:${w}:${h}`;
  const hit = outlines.get(key);
  if (hit !== undefined) return hit;
  const points = outlinePoints(shape, w / 2, h / 2);
  if (outlines.size > 10_000) outlines.clear();
  outlines.set(key, points);
  return points;
}

function outlinePoints(shape: NodeShape, a: number, b: number): Point[] {
  const arc = (cx: number, cy: number, rx: number, ry: number, from: number, steps: number): Point[] =>
    Array.from({ length: steps + 1 }, (_, i) => {
      const angle = from + (Math.PI / 2) * (i / steps);
      return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
    });
  switch (shape) {
    case 'ellipse':
      return Array.from({ length: 64 }, (_, i) => ({ x: a * Math.cos((i / 64) * 2 * Math.PI), y: b * Math.sin((i / 64) * 2 * Math.PI) }));
    case 'round-rectangle': {
      const r = Math.min(a, b) / 2;
      return [
        ...arc(a - r, b - r, r, r, 0, 6),
        ...arc(-a + r, b - r, r, r, Math.PI / 2, 6),
        ...arc(-a + r, -b + r, r, r, Math.PI, 6),
        ...arc(a - r, -b + r, r, r, (3 * Math.PI) / 2, 6),
      ];
    }
    case 'hexagon':
      return [
        { x: -a / 2, y: -b },
        { x: a / 2, y: -b },
        { x: a, y: 0 },
        { x: a / 2, y: b },
        { x: -a / 2, y: b },
        { x: -a, y: 0 },
      ];
    case 'octagon':
    case 'cut-rectangle': {
      const c = Math.min(a, b) * (shape === 'octagon' ? 0.6 : 0.5);
      return [
        { x: -a + c, y: -b },
        { x: a - c, y: -b },
        { x: a, y: -b + c },
        { x: a, y: b - c },
        { x: a - c, y: b },
        { x: -a + c, y: b },
        { x: -a, y: b - c },
        { x: -a, y: -b + c },
      ];
    }
    case 'barrel':
      return [
        { x: -0.8 * a, y: -b },
        { x: 0.8 * a, y: -b },
        { x: 0.95 * a, y: -b / 2 },
        { x: a, y: 0 },
        { x: 0.95 * a, y: b / 2 },
        { x: 0.8 * a, y: b },
        { x: -0.8 * a, y: b },
        { x: -0.95 * a, y: b / 2 },
        { x: -a, y: 0 },
        { x: -0.95 * a, y: -b / 2 },
      ];
    case 'rhomboid':
      return [
        { x: -0.6 * a, y: -b },
        { x: a, y: -b },
        { x: 0.6 * a, y: b },
        { x: -a, y: b },
      ];
    case 'rectangle':
      return [
        { x: -a, y: -b },
        { x: a, y: -b },
        { x: a, y: b },
        { x: -a, y: b },
      ];
  }
}

function round(n: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
