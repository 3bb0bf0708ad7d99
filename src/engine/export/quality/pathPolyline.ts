/**
 * SVG path data → the polyline it draws. The measures read edges from the very `d` strings the SVG export writes
 * (svg.ts edgePathData), so whatever routing the export draws — straight, curved, orthogonal — is what is measured.
 * Curves are flattened into CURVE_STEPS straight pieces each, closer than a pixel for the curves we draw.
 */
import type { Point } from '../../viewModel/layoutTypes.js';

export const CURVE_STEPS = 12;

const TOKEN = /[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;
const ARGUMENTS: Readonly<Record<string, number>> = { M: 2, L: 2, H: 1, V: 1, Q: 4, C: 6, Z: 0 };

export function pathPolyline(d: string): Point[] {
  const tokens = d.match(TOKEN) ?? [];
  const points: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  let start = at;
  let command = '';
  for (let i = 0; i < tokens.length;) {
    if (/[a-zA-Z]/.test(tokens[i]!)) command = tokens[i++]!;
    const upper = command.toUpperCase();
    const count = ARGUMENTS[upper];
    if (count === undefined) throw new Error(`path command '${command}' is not supported in "${d}"`);
    const args = tokens.slice(i, i + count).map(Number);
    if (args.length < count || args.some(Number.isNaN)) throw new Error(`path command '${command}' lacks numbers in "${d}"`);
    i += count;
    const base = command === upper ? { x: 0, y: 0 } : at;
    const p = (k: number): Point => ({ x: base.x + args[k]!, y: base.y + args[k + 1]! });
    switch (upper) {
      case 'M':
        at = start = p(0);
        points.push(at);
        command = command === 'M' ? 'L' : 'l'; // further pairs after a move are lines
        break;
      case 'L':
        at = push(points, p(0));
        break;
      case 'H':
        at = push(points, { x: base.x + args[0]!, y: at.y });
        break;
      case 'V':
        at = push(points, { x: at.x, y: (command === 'V' ? 0 : at.y) + args[0]! });
        break;
      case 'Q':
        at = curve(points, at, [p(0), p(2)]);
        break;
      case 'C':
        at = curve(points, at, [p(0), p(2), p(4)]);
        break;
      case 'Z':
        at = push(points, start);
        break;
    }
    if (count === 0 && i < tokens.length && !/[a-zA-Z]/.test(tokens[i]!)) throw new Error(`numbers after Z in "${d}"`);
  }
  return points;
}

function push(points: Point[], p: Point): Point {
  points.push(p);
  return p;
}

/** A quadratic (one control point) or cubic (two) Bézier from `from` to the last point, in CURVE_STEPS pieces. */
function curve(points: Point[], from: Point, rest: readonly Point[]): Point {
  const all = [from, ...rest];
  const end = rest[rest.length - 1]!;
  for (let s = 1; s < CURVE_STEPS; s++) points.push(bezierAt(all, s / CURVE_STEPS));
  points.push(end); // exactly, where t = 1 could land a rounding error away
  return end;
}

/** De Casteljau: the point at `t` on the Bézier curve with these control points. */
export function bezierAt(controls: readonly Point[], t: number): Point {
  let level = controls;
  while (level.length > 1) {
    const next: Point[] = [];
    for (let k = 1; k < level.length; k++) {
      const a = level[k - 1]!;
      const b = level[k]!;
      next.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    }
    level = next;
  }
  return level[0]!;
}
