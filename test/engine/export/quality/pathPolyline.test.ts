/** SVG path data read back as the polyline it draws: the edge lines the layout-quality measures see. */
import { describe, expect, it } from 'vitest';
import { CURVE_STEPS, bezierAt, pathPolyline } from '../../../../src/engine/export/quality/pathPolyline.js';
import { edgePathData } from '../../../../src/engine/export/svg.js';
import { EXAMPLE, graphOfPaths, sceneOf } from '../support.js';

describe('pathPolyline', () => {
  it('reads straight lines, absolute and relative, with implicit repeats and closing', () => {
    expect(pathPolyline('M0,0 L10,0 20,5')).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 20, y: 5 },
    ]);
    expect(pathPolyline('m1 1 l2 0 v3 h-2 z')).toEqual([
      { x: 1, y: 1 },
      { x: 3, y: 1 },
      { x: 3, y: 4 },
      { x: 1, y: 4 },
      { x: 1, y: 1 },
    ]);
  });

  it('flattens a quadratic curve through its true midpoint and ends exactly at its end', () => {
    const points = pathPolyline('M0,0 Q50,100 100,0');
    expect(points).toHaveLength(CURVE_STEPS + 1);
    expect(points[CURVE_STEPS / 2]).toEqual({ x: 50, y: 50 });
    expect(points[CURVE_STEPS]).toEqual({ x: 100, y: 0 });
  });

  it('flattens a cubic curve onto the curve', () => {
    const controls = [
      { x: 0, y: 0 },
      { x: 0, y: 90 },
      { x: 90, y: 90 },
      { x: 90, y: 0 },
    ];
    const points = pathPolyline('M0,0 C0,90 90,90 90,0');
    const quarter = bezierAt(controls, 0.25);
    expect(points[CURVE_STEPS / 4]!.x).toBeCloseTo(quarter.x, 9);
    expect(points[CURVE_STEPS / 4]!.y).toBeCloseTo(quarter.y, 9);
  });

  it('refuses what it cannot read rather than measuring a wrong line', () => {
    expect(() => pathPolyline('M0,0 A5,5 0 0 1 10,0')).toThrow(/not supported/);
    expect(() => pathPolyline('M0,0 L10')).toThrow(/lacks numbers/);
  });

  it("reads every edge path the SVG export writes for the bundled example, from the edge's start to its end", async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE));
    for (const e of scene.edges) {
      const points = pathPolyline(edgePathData(e));
      expect(points[0]).toEqual(e.from);
      expect(points[points.length - 1]).toEqual(e.to);
    }
  });
});
