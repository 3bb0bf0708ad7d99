import { describe, expect, it } from 'vitest';
import type { FitRequest } from '../../src/webview/canvas/fitViewport';
import { MAX_FIT_ZOOM, MIN_LABEL_PX, SMALL_DIAGRAM, fitViewport, readableZoom } from '../../src/webview/canvas/fitViewport';

const LABEL = 11;

function request(partial: Partial<FitRequest>): FitRequest {
  return {
    bounds: { x1: 0, y1: 0, x2: 1000, y2: 600 },
    width: 1400,
    height: 800,
    padding: 30,
    objects: 40,
    labelFontSize: LABEL,
    ...partial,
  };
}

/** Where a model point lands on screen. */
function screen(v: { zoom: number; pan: { x: number; y: number } }, x: number, y: number): { x: number; y: number } {
  return { x: x * v.zoom + v.pan.x, y: y * v.zoom + v.pan.y };
}

describe('fitViewport', () => {
  it('fits and centres a diagram that is readable whole', () => {
    const v = fitViewport(request({}));
    // 1340 / 1000 wide, 740 / 600 high: height limits, but the cap near natural size comes first.
    expect(v.zoom).toBeCloseTo(Math.min(740 / 600, MAX_FIT_ZOOM));
    const centre = screen(v, 500, 300);
    expect(centre.x).toBeCloseTo(700);
    expect(centre.y).toBeCloseTo(400);
    expect(v.partial).toBe(false);
  });

  it('never zooms a small diagram out below 9 px labels; it starts at the top-left instead', () => {
    const v = fitViewport(request({ width: 400, bounds: { x1: -200, y1: 50, x2: 1800, y2: 1650 } }));
    expect(v.zoom * LABEL).toBeCloseTo(MIN_LABEL_PX);
    expect(v.partial).toBe(true);
    // The diagram's top-left corner sits at the padding, so its entry side is what one sees first.
    const corner = screen(v, -200, 50);
    expect(corner.x).toBeCloseTo(30);
    expect(corner.y).toBeCloseTo(30);
  });

  it('centres the axis that fits at the readable zoom and aligns the one that does not', () => {
    // 300 model units wide fits in a 400 px panel at 0.82; 2000 high does not fit in 800 px.
    const v = fitViewport(request({ width: 400, bounds: { x1: 0, y1: 0, x2: 300, y2: 2000 } }));
    expect(v.zoom).toBeCloseTo(readableZoom(LABEL));
    expect(screen(v, 150, 0).x).toBeCloseTo(200);
    expect(screen(v, 150, 0).y).toBeCloseTo(30);
  });

  it('lets a large diagram zoom out to an overview, however small its text', () => {
    const v = fitViewport(request({ objects: SMALL_DIAGRAM + 1, width: 400, bounds: { x1: 0, y1: 0, x2: 4000, y2: 3000 } }));
    expect(v.zoom).toBeCloseTo(340 / 4000);
    expect(v.partial).toBe(false);
    expect(screen(v, 2000, 1500).x).toBeCloseTo(200);
  });

  it('counts exactly 60 objects as small', () => {
    const wide = { width: 400, bounds: { x1: 0, y1: 0, x2: 4000, y2: 3000 } };
    expect(fitViewport(request({ ...wide, objects: SMALL_DIAGRAM })).zoom).toBeCloseTo(readableZoom(LABEL));
    expect(fitViewport(request({ ...wide, objects: SMALL_DIAGRAM + 1 })).zoom).toBeLessThan(readableZoom(LABEL));
  });

  it('caps a tiny diagram near natural size, centred', () => {
    const v = fitViewport(request({ bounds: { x1: 10, y1: 10, x2: 110, y2: 50 } }));
    expect(v.zoom).toBe(MAX_FIT_ZOOM);
    expect(screen(v, 60, 30).x).toBeCloseTo(700);
    expect(screen(v, 60, 30).y).toBeCloseTo(400);
  });

  it('survives an empty or degenerate box and a canvas smaller than its padding', () => {
    const v = fitViewport(request({ bounds: { x1: 5, y1: 5, x2: 5, y2: 5 }, width: 20, height: 20 }));
    expect(Number.isFinite(v.zoom) && v.zoom > 0).toBe(true);
    expect(Number.isFinite(v.pan.x) && Number.isFinite(v.pan.y)).toBe(true);
  });
});
