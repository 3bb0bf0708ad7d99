/**
 * A uniform grid of bounding boxes, for pointer hit tests on large views (hitTesting.ts). Cytoscape's own hit test
 * looks at every element on every pointer move; the grid narrows that to the few whose box is near the pointer.
 *
 * An item lives in every cell its box touches. A box that would touch more than MAX_CELLS cells (a namespace box, a
 * long cross-cutting line) is kept aside and checked on every query instead: there are few of them, and filling
 * hundreds of cells with each would cost more than it saves. Pure: no cytoscape, no DOM.
 */

export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Boxes this large in cells are checked on every query rather than filed in cells. */
export const MAX_CELLS = 64;

interface Filed {
  readonly box: Box;
  /** The cells it is filed in; none when kept aside. */
  readonly cells: readonly number[];
}

/** Cell coordinates fold into one number; ±2^20 cells either way is far beyond any drawing. */
const SPAN = 1 << 21;
const OFFSET = 1 << 20;

export class HitIndex<T> {
  private readonly cells = new Map<number, T[]>();
  private readonly filed = new Map<T, Filed>();
  private readonly aside = new Set<T>();

  constructor(private readonly cellSize: number) {
    if (!(cellSize > 0)) throw new Error(`a hit index needs a positive cell size, not ${cellSize}`);
  }

  get size(): number {
    return this.filed.size;
  }

  /** Files `item` under `box`, replacing where it was. A box with a non-finite side is not filed (nothing hits it). */
  set(item: T, box: Box): void {
    this.delete(item);
    if (![box.x1, box.y1, box.x2, box.y2].every(Number.isFinite) || box.x2 < box.x1 || box.y2 < box.y1) return;
    const [cx1, cy1, cx2, cy2] = this.cellRange(box.x1, box.y1, box.x2, box.y2);
    if ((cx2 - cx1 + 1) * (cy2 - cy1 + 1) > MAX_CELLS) {
      this.aside.add(item);
      this.filed.set(item, { box, cells: [] });
      return;
    }
    const keys: number[] = [];
    for (let cx = cx1; cx <= cx2; cx++)
      for (let cy = cy1; cy <= cy2; cy++) {
        const key = cellKey(cx, cy);
        const cell = this.cells.get(key);
        if (cell === undefined) this.cells.set(key, [item]);
        else cell.push(item);
        keys.push(key);
      }
    this.filed.set(item, { box, cells: keys });
  }

  delete(item: T): void {
    const was = this.filed.get(item);
    if (was === undefined) return;
    this.filed.delete(item);
    this.aside.delete(item);
    for (const key of was.cells) {
      const cell = this.cells.get(key);
      if (cell === undefined) continue;
      const at = cell.indexOf(item);
      if (at >= 0) cell.splice(at, 1);
      if (cell.length === 0) this.cells.delete(key);
    }
  }

  clear(): void {
    this.cells.clear();
    this.filed.clear();
    this.aside.clear();
  }

  /** Every item whose box meets the square of half-width `pad` around (x, y), edges included. */
  near(x: number, y: number, pad: number): Set<T> {
    const x1 = x - pad;
    const y1 = y - pad;
    const x2 = x + pad;
    const y2 = y + pad;
    const found = new Set<T>();
    const meets = (item: T): boolean => {
      const box = this.filed.get(item)?.box;
      return box !== undefined && box.x1 <= x2 && x1 <= box.x2 && box.y1 <= y2 && y1 <= box.y2;
    };
    const [cx1, cy1, cx2, cy2] = this.cellRange(x1, y1, x2, y2);
    for (let cx = cx1; cx <= cx2; cx++)
      for (let cy = cy1; cy <= cy2; cy++)
        for (const item of this.cells.get(cellKey(cx, cy)) ?? []) if (!found.has(item) && meets(item)) found.add(item);
    for (const item of this.aside) if (meets(item)) found.add(item);
    return found;
  }

  private cellRange(x1: number, y1: number, x2: number, y2: number): [number, number, number, number] {
    const s = this.cellSize;
    return [Math.floor(x1 / s), Math.floor(y1 / s), Math.floor(x2 / s), Math.floor(y2 / s)];
  }
}

function cellKey(cx: number, cy: number): number {
  return (cx + OFFSET) * SPAN + (cy + OFFSET);
}
