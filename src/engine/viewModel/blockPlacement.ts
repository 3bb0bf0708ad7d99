/**
 * Where a block (a namespace group's box) goes when it is laid out again while every other block stays still
 * (incrementalLayout.ts). Candidates are its old top-left corner and the corners beside and below every block already
 * placed (the classic bottom-left candidates: a free spot that touches nothing is always among them, right of or below
 * the whole picture at worst). A block that was on the canvas takes the free candidate nearest its old corner; a new
 * block the one that keeps the whole picture closest to the canvas shape. Deterministic: ties go to the smaller y, x.
 */
import type { Point } from './layoutTypes.js';

export interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Whether `r` keeps at least `gap` from every rectangle in `occupied`. */
export function isFree(r: Rect, occupied: readonly Rect[], gap: number): boolean {
  for (const o of occupied) {
    if (r.x1 < o.x2 + gap && o.x1 < r.x2 + gap && r.y1 < o.y2 + gap && o.y1 < r.y2 + gap) return false;
  }
  return true;
}

function rectAt(p: Point, size: Size): Rect {
  return { x1: p.x, y1: p.y, x2: p.x + size.width, y2: p.y + size.height };
}

/** How far the picture with `r` added is from `aspect`, weighted by its area (lower is better), as shelfPack scores. */
function pictureScore(r: Rect, occupied: readonly Rect[], aspect: number): number {
  let x1 = r.x1;
  let y1 = r.y1;
  let x2 = r.x2;
  let y2 = r.y2;
  for (const o of occupied) {
    x1 = Math.min(x1, o.x1);
    y1 = Math.min(y1, o.y1);
    x2 = Math.max(x2, o.x2);
    y2 = Math.max(y2, o.y2);
  }
  const width = Math.max(1, x2 - x1);
  const height = Math.max(1, y2 - y1);
  const ratio = width / height;
  return width * height * Math.max(ratio / aspect, aspect / ratio);
}

/**
 * The top-left corner for a block of `size`: the first of `preferred` that is free (where it was, in the order the
 * caller prefers), else the free candidate nearest the first preference, or for a new block (no preference) the one
 * that keeps the picture closest to `aspect`.
 */
export function findFreeCorner(size: Size, preferred: readonly Point[], occupied: readonly Rect[], gap: number, aspect: number): Point {
  for (const p of preferred) if (isFree(rectAt(p, size), occupied, gap)) return p;
  const previous = preferred[0];
  if (occupied.length === 0) return previous ?? { x: 0, y: 0 };
  const candidates: Point[] = [];
  for (const o of occupied) {
    candidates.push({ x: o.x2 + gap, y: o.y1 }, { x: o.x1, y: o.y2 + gap });
  }
  const cost = (p: Point): number =>
    previous === undefined ? pictureScore(rectAt(p, size), occupied, aspect) : Math.hypot(p.x - previous.x, p.y - previous.y);
  let best: Point | undefined;
  let bestCost = Infinity;
  for (const p of candidates) {
    if (!isFree(rectAt(p, size), occupied, gap)) continue;
    const c = cost(p);
    if (c < bestCost || (c === bestCost && best !== undefined && (p.y < best.y || (p.y === best.y && p.x < best.x)))) {
      best = p;
      bestCost = c;
    }
  }
  // Right of everything is always free; reached only if rounding made every candidate touch something.
  return best ?? { x: Math.max(...occupied.map((o) => o.x2)) + gap, y: 0 };
}
