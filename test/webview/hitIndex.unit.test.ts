import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/webview/canvas/hitIndex';
import { HitIndex, MAX_CELLS } from '../../src/webview/canvas/hitIndex';

function box(x1: number, y1: number, x2: number, y2: number): Box {
  return { x1, y1, x2, y2 };
}

/** The plain answer the grid must give: every box that meets the square around the point. */
function scan(boxes: ReadonlyMap<string, Box>, x: number, y: number, pad: number): string[] {
  return [...boxes]
    .filter(([, b]) => b.x1 <= x + pad && x - pad <= b.x2 && b.y1 <= y + pad && y - pad <= b.y2)
    .map(([id]) => id)
    .sort();
}

function near(index: HitIndex<string>, x: number, y: number, pad = 0): string[] {
  return [...index.near(x, y, pad)].sort();
}

describe('HitIndex', () => {
  it('finds the boxes under a point, edges included, and nothing elsewhere', () => {
    const index = new HitIndex<string>(100);
    index.set('a', box(0, 0, 80, 40));
    index.set('b', box(90, 0, 170, 40));
    expect(near(index, 10, 10)).toEqual(['a']);
    expect(near(index, 80, 40)).toEqual(['a']);
    expect(near(index, 85, 20)).toEqual([]);
    expect(near(index, 85, 20, 5)).toEqual(['a', 'b']);
    expect(near(index, 500, 500)).toEqual([]);
  });

  it('works at negative coordinates and across cell borders', () => {
    const index = new HitIndex<string>(50);
    index.set('neg', box(-130, -70, -20, -5));
    expect(near(index, -100, -60)).toEqual(['neg']);
    expect(near(index, -20, -5)).toEqual(['neg']);
    expect(near(index, -19, -5)).toEqual([]);
  });

  it('moves an item when it is set again, and forgets a deleted one', () => {
    const index = new HitIndex<string>(100);
    index.set('n', box(0, 0, 50, 50));
    index.set('n', box(1000, 1000, 1050, 1050));
    expect(near(index, 25, 25)).toEqual([]);
    expect(near(index, 1025, 1025)).toEqual(['n']);
    expect(index.size).toBe(1);
    index.delete('n');
    expect(near(index, 1025, 1025)).toEqual([]);
    expect(index.size).toBe(0);
    index.delete('n'); // deleting twice is harmless
  });

  it('keeps a box wider than MAX_CELLS cells aside and still finds it anywhere inside', () => {
    const index = new HitIndex<string>(10);
    const wide = box(0, 0, 10 * (MAX_CELLS + 5), 10);
    index.set('group', wide);
    index.set('small', box(300, 0, 310, 10));
    expect(near(index, 305, 5)).toEqual(['group', 'small']);
    expect(near(index, 5, 5)).toEqual(['group']);
    expect(near(index, 5, 50)).toEqual([]);
    index.delete('group');
    expect(near(index, 5, 5)).toEqual([]);
  });

  it('does not file a box with a non-finite or inverted side', () => {
    const index = new HitIndex<string>(10);
    index.set('inf', box(0, 0, Infinity, 10));
    index.set('nan', box(Number.NaN, 0, 10, 10));
    index.set('inverted', box(10, 0, 0, 10));
    expect(index.size).toBe(0);
    expect(near(index, 5, 5, 100)).toEqual([]);
  });

  it('rejects a cell size that is not positive', () => {
    expect(() => new HitIndex<string>(0)).toThrow(/positive cell size/);
  });

  it('answers exactly as a scan of every box over a random drawing', () => {
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const boxes = new Map<string, Box>();
    const index = new HitIndex<string>(64);
    for (let i = 0; i < 600; i++) {
      const x = rnd() * 4000 - 2000;
      const y = rnd() * 3000 - 1500;
      // Mostly node-sized boxes, some long thin ones (edges) and a few namespace-sized ones.
      const kind = rnd();
      const w = kind < 0.8 ? 60 + rnd() * 180 : kind < 0.97 ? rnd() * 1500 : 2000;
      const h = kind < 0.8 ? 30 + rnd() * 40 : kind < 0.97 ? rnd() * 30 : 1200;
      const b = box(x, y, x + w, y + h);
      boxes.set(`e${i}`, b);
      index.set(`e${i}`, b);
    }
    // Move a third of them, delete a tenth.
    for (let i = 0; i < 600; i += 3) {
      const b = boxes.get(`e${i}`);
      if (b === undefined) continue;
      const moved = box(b.x1 + 333, b.y1 - 77, b.x2 + 333, b.y2 - 77);
      boxes.set(`e${i}`, moved);
      index.set(`e${i}`, moved);
    }
    for (let i = 0; i < 600; i += 10) {
      boxes.delete(`e${i}`);
      index.delete(`e${i}`);
    }
    for (let q = 0; q < 2000; q++) {
      const x = rnd() * 5000 - 2500;
      const y = rnd() * 4000 - 2000;
      const pad = rnd() * 30;
      expect(near(index, x, y, pad)).toEqual(scan(boxes, x, y, pad));
    }
  });
});
