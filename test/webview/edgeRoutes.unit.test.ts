import { describe, expect, it } from 'vitest';
import { RouteBook, segmentData } from '../../src/webview/canvas/edgeRoutes';
import type { Point } from '../../src/engine/viewModel/layoutTypes';

/** Cytoscape's placement of segment points (findSegmentsPoints with edge-distances: node-position). */
function cytoscapePoints(source: Point, target: Point, weights: string, distances: string): Point[] {
  const ws = weights.split(' ').map(Number);
  const ds = distances.split(' ').map(Number);
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const l = Math.hypot(dx, dy);
  const normal = { x: -dy / l, y: dx / l };
  return ws.map((w, i) => ({
    x: source.x * (1 - w) + target.x * w + normal.x * ds[i]!,
    y: source.y * (1 - w) + target.y * w + normal.y * ds[i]!,
  }));
}

describe('segmentData', () => {
  it('gives weights and distances that put cytoscape’s segment points on the route’s bends', () => {
    const source = { x: 0, y: 0 };
    const target = { x: 200, y: 120 };
    const route = [
      { x: 50, y: 5 },
      { x: 100, y: 5 },
      { x: 100, y: 118 },
      { x: 150, y: 118 },
    ];
    const data = segmentData(route, source, target)!;
    const drawn = cytoscapePoints(source, target, data.segWeights, data.segDistances);
    expect(drawn).toHaveLength(2);
    drawn.forEach((p, i) => {
      expect(p.x).toBeCloseTo(route[i + 1]!.x, 1);
      expect(p.y).toBeCloseTo(route[i + 1]!.y, 1);
    });
  });

  it('needs no segments for a straight route or nodes on top of each other', () => {
    expect(
      segmentData(
        [
          { x: 0, y: 0 },
          { x: 10, y: 0 },
        ],
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ),
    ).toBeUndefined();
    expect(
      segmentData(
        [
          { x: 0, y: 0 },
          { x: 5, y: 5 },
          { x: 0, y: 0 },
        ],
        { x: 0, y: 0 },
        { x: 0, y: 0 },
      ),
    ).toBeUndefined();
  });
});

describe('RouteBook', () => {
  it('moves routes with the layout offset, forgets the routes of a moved node, and keeps cross-cutting edges marked', () => {
    const book = new RouteBook();
    book.add(
      {
        a: [
          { x: 0, y: 0 },
          { x: 5, y: 0 },
        ],
        b: [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
      },
      ['c'],
      { x: 10, y: 20 },
    );
    expect(book.route('a')).toEqual([
      { x: 10, y: 20 },
      { x: 15, y: 20 },
    ]);
    book.forget(new Set(['n1']), [
      { id: 'a', source: 'n1', target: 'n2' },
      { id: 'b', source: 'n3', target: 'n4' },
    ]);
    expect(book.route('a')).toBeUndefined();
    expect(book.route('b')).toBeDefined();
    expect(book.isCrossCutting('c')).toBe(true);
    expect(book.isCrossCutting('a')).toBe(false);
  });
});
