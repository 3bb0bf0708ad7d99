/** The uniform grid under the layout-quality measures: a segment is found in every cell it passes through. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UniformGrid } from '../../../../src/engine/export/quality/spatialGrid.js';
import type { Point } from '../../../../src/engine/viewModel/layoutTypes.js';

const BOUNDS = { x: -50, y: -50, width: 1000, height: 700 };

function visited(grid: UniformGrid, a: Point, b: Point): Set<number> {
  const cells = new Set<number>();
  grid.forEachCellOnSegment(a, b, (cell) => {
    cells.add(cell);
  });
  return cells;
}

describe('UniformGrid', () => {
  it('walks a diagonal through exactly the cells it crosses', () => {
    const grid = new UniformGrid({ x: 0, y: 0, width: 300, height: 300 }, 100);
    // From the middle of cell (0,0) to the middle of (2,1): through (0,0), (1,0), (1,1), (2,1).
    const cells = visited(grid, { x: 50, y: 50 }, { x: 250, y: 150 });
    expect(cells).toEqual(new Set([grid.cellAt(50, 50), grid.cellAt(150, 50), grid.cellAt(150, 150), grid.cellAt(250, 150)]));
  });

  it('finds every point of a segment in one of the cells it walked, lines on cell borders included', () => {
    const grid = new UniformGrid(BOUNDS, 25);
    // Coordinates on a 12.5 px lattice put many ends, and whole segments, exactly on cell borders.
    const coordinate = (max: number): fc.Arbitrary<number> =>
      fc.oneof(
        fc.integer({ min: -4, max: max / 12.5 }).map((k) => k * 12.5),
        fc.double({ min: -50, max, noNaN: true }),
      );
    const point = fc.record({ x: coordinate(950), y: coordinate(650) });
    fc.assert(
      fc.property(point, point, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, t) => {
        const on = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
        expect(visited(grid, a, b).has(grid.cellAt(on.x, on.y))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('puts a box into every cell it covers and keeps points outside in the border cells', () => {
    const grid = new UniformGrid({ x: 0, y: 0, width: 300, height: 300 }, 100);
    grid.addBox({ x: 90, y: 90, width: 20, height: 20 }, 7);
    const holding = [...grid.occupied()].map(([cell]) => cell).sort((m, n) => m - n);
    expect(holding).toEqual([grid.cellAt(50, 50), grid.cellAt(150, 50), grid.cellAt(50, 150), grid.cellAt(150, 150)].sort((m, n) => m - n));
    expect(grid.cellAt(-1000, -1000)).toBe(grid.cellAt(0, 0));
    expect(grid.cellAt(5000, 5000)).toBe(grid.cellAt(300, 300));
  });
});
