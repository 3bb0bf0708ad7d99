/** Small exact geometry for the layout-quality measures: segment against segment, segment against box, box against box. */
import type { Point } from '../../viewModel/layoutTypes.js';
import type { Rect } from '../scene.js';

/** Below this, a determinant is taken as zero: the two segments are parallel (or one has no length). */
export const PARALLEL = 1e-12;

/**
 * Where segment a→b crosses segment c→d. Each segment is half-open (its start counts, its end does not), so where
 * a polyline turns, a line through the turn is counted once, not twice. Parallel or collinear segments never
 * cross: overlapping collinear lines are a drawing fault of another kind.
 */
export function segmentCrossing(a: Point, b: Point, c: Point, d: Point): Point | undefined {
  const rx = b.x - a.x;
  const ry = b.y - a.y;
  const sx = d.x - c.x;
  const sy = d.y - c.y;
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < PARALLEL) return undefined;
  const qx = c.x - a.x;
  const qy = c.y - a.y;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t < 0 || t >= 1 || u < 0 || u >= 1) return undefined;
  return { x: a.x + t * rx, y: a.y + t * ry };
}

/**
 * Whether segment a→b runs inside the box shrunk by `inset` on every side for some positive length
 * (Liang–Barsky clipping): a line that only grazes the outline or touches a corner does not count.
 */
export function segmentEntersBox(a: Point, b: Point, box: Rect, inset: number): boolean {
  const x1 = box.x + inset;
  const y1 = box.y + inset;
  const x2 = box.x + box.width - inset;
  const y2 = box.y + box.height - inset;
  if (x2 <= x1 || y2 <= y1) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    return t0 < t1;
  };
  return clip(-dx, a.x - x1) && clip(dx, x2 - a.x) && clip(-dy, a.y - y1) && clip(dy, y2 - a.y) && (t1 - t0) * Math.hypot(dx, dy) > 0;
}

/** The common part of two boxes, when it has area (more than `slack` in both directions). */
export function boxOverlap(a: Rect, b: Rect, slack: number): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > slack && height > slack ? { x, y, width, height } : undefined;
}

/** The smallest box holding all the given boxes and points; a zero box at the origin when there are none. */
export function boundsOf(boxes: Iterable<Rect>, points: Iterable<Point> = []): Rect {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of boxes) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.width);
    y2 = Math.max(y2, r.y + r.height);
  }
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  return x1 === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}
