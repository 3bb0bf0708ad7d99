/**
 * Which of a scene's elements reach into a page's area. A large PDF is tiled over many pages and each page draws
 * only what touches it; looking through every node and edge for every page was most of the PDF's time at 5,000
 * objects. Each kind of element gets a grid (quality/spatialGrid.ts), built once per scene; a page asks the cells it
 * covers and gets its elements back in scene order, so pages paint exactly as before.
 */
import { UniformGrid } from './quality/spatialGrid.js';
import type { Rect } from './scene.js';

/** Elements by grid cell; about one cell per element, never smaller than a node. */
const MIN_CELL = 160;

export class ElementIndex<T> {
  private readonly grid: UniformGrid;
  private readonly boxes: Rect[];

  constructor(
    private readonly items: readonly T[],
    boxOf: (item: T) => Rect,
    bounds: Rect,
  ) {
    this.grid = UniformGrid.over(bounds, items.length, MIN_CELL);
    this.boxes = items.map(boxOf);
    this.boxes.forEach((box, i) => this.grid.addBox(box, i));
  }

  /** The elements whose box overlaps `area`, in their order in the scene. */
  within(area: Rect): T[] {
    const first = this.grid.cellAt(area.x, area.y);
    const last = this.grid.cellAt(area.x + area.width, area.y + area.height);
    const cols = this.grid.cols;
    const found = new Set<number>();
    for (let r = Math.floor(first / cols); r <= Math.floor(last / cols); r++) {
      for (let c = first % cols; c <= last % cols; c++) for (const i of this.grid.itemsIn(r * cols + c)) found.add(i);
    }
    return [...found]
      .filter((i) => overlaps(this.boxes[i]!, area))
      .sort((a, b) => a - b)
      .map((i) => this.items[i]!);
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
