/**
 * A uniform grid of square cells over a drawing, holding item numbers (indexes into the caller's arrays). Boxes go
 * into every cell they cover, segments into every cell they pass through, so each measure compares only things that
 * share a cell: near-linear at 100K nodes where comparing all pairs would take hours.
 *
 * A pair of things sharing several cells is met once per shared cell. Callers count a pair only in the cell that
 * holds a chosen point of their contact (`cellAt`); segment traversal is slightly generous at cell borders, so that
 * cell is always among those both were put into.
 */
import type { Point } from '../../viewModel/layoutTypes.js';
import type { Rect } from '../scene.js';

/** Fraction of a cell by which ranges are widened, so rounding never drops a cell a segment touches. */
const BORDER_SLACK = 1e-7;
/** A segment narrower than this fraction of a cell is treated as vertical. */
const NEARLY_VERTICAL = 1e-9;
/** More cells than this cost memory and time without separating anything better. */
const MAX_CELLS = 4_000_000;

export class UniformGrid {
  readonly cols: number;
  readonly rows: number;
  private readonly cells = new Map<number, number[]>();

  /** A grid over `bounds` with about one cell per item, never cells smaller than `minCell`. */
  static over(bounds: Rect, items: number, minCell: number): UniformGrid {
    const area = Math.max(1, bounds.width) * Math.max(1, bounds.height);
    let size = Math.max(minCell, Math.sqrt(area / Math.max(1, items)), 1e-6);
    while ((bounds.width / size + 1) * (bounds.height / size + 1) > MAX_CELLS) size *= 1.5;
    return new UniformGrid(bounds, size);
  }

  constructor(
    private readonly bounds: Rect,
    readonly cellSize: number,
  ) {
    this.cols = Math.max(1, Math.floor(bounds.width / cellSize) + 1);
    this.rows = Math.max(1, Math.floor(bounds.height / cellSize) + 1);
  }

  /** The cell holding a point; points outside the bounds belong to the nearest border cell. */
  cellAt(x: number, y: number): number {
    return this.row(this.rowOf(y)) * this.cols + this.col(this.colOf(x));
  }

  addBox(box: Rect, item: number): void {
    const c0 = this.col(this.colOf(box.x));
    const c1 = this.col(this.colOf(box.x + box.width));
    const r0 = this.row(this.rowOf(box.y));
    const r1 = this.row(this.rowOf(box.y + box.height));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.add(r * this.cols + c, item);
  }

  addSegment(a: Point, b: Point, item: number): void {
    this.forEachCellOnSegment(a, b, (cell) => this.add(cell, item));
  }

  /**
   * Every cell the segment passes through (column by column: the segment's y range within each column), until
   * `visit` returns true.
   */
  forEachCellOnSegment(a: Point, b: Point, visit: (cell: number) => boolean | void): void {
    const left = a.x <= b.x ? a : b;
    const right = left === a ? b : a;
    const c0 = this.col(Math.floor(this.colOf(left.x) - BORDER_SLACK));
    const c1 = this.col(Math.floor(this.colOf(right.x) + BORDER_SLACK));
    const dx = right.x - left.x;
    const dy = right.y - left.y;
    // A nearly vertical segment is taken whole in each column: slopes that steep only lose precision.
    const sloped = dx > this.cellSize * NEARLY_VERTICAL;
    for (let c = c0; c <= c1; c++) {
      let yFrom = left.y;
      let yTo = right.y;
      if (sloped) {
        const t0 = (Math.max(left.x, this.bounds.x + c * this.cellSize) - left.x) / dx;
        const t1 = (Math.min(right.x, this.bounds.x + (c + 1) * this.cellSize) - left.x) / dx;
        yFrom = left.y + dy * Math.max(0, t0);
        yTo = left.y + dy * Math.min(1, t1);
      }
      const r0 = this.row(Math.floor(this.rowOf(Math.min(yFrom, yTo)) - BORDER_SLACK));
      const r1 = this.row(Math.floor(this.rowOf(Math.max(yFrom, yTo)) + BORDER_SLACK));
      for (let r = r0; r <= r1; r++) if (visit(r * this.cols + c) === true) return;
    }
  }

  itemsIn(cell: number): readonly number[] {
    return this.cells.get(cell) ?? [];
  }

  /** Cells holding at least one item, with their items. */
  occupied(): IterableIterator<[number, number[]]> {
    return this.cells.entries();
  }

  private add(cell: number, item: number): void {
    const list = this.cells.get(cell);
    if (list === undefined) this.cells.set(cell, [item]);
    else if (list[list.length - 1] !== item) list.push(item);
  }

  private colOf(x: number): number {
    return (x - this.bounds.x) / this.cellSize;
  }

  private rowOf(y: number): number {
    return (y - this.bounds.y) / this.cellSize;
  }

  private col(c: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor(c)));
  }

  private row(r: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor(r)));
  }
}
