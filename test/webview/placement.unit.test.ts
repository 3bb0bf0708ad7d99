import { describe, expect, it } from 'vitest';
import { placeIncrementally } from '../../src/webview/canvas/placement';
import type { PlacementNode } from '../../src/webview/canvas/placement';
import type { Point } from '../../src/engine/viewModel/layoutTypes';

function overlaps(a: Point, b: Point, w = 100, h = 40): boolean {
  return Math.abs(a.x - b.x) < w && Math.abs(a.y - b.y) < h;
}

describe('placeIncrementally', () => {
  const nodes = new Map<string, PlacementNode>(
    ['rs', 'p1', 'p2', 'p3', 'lonely'].map((id) => [id, { id, width: 100, height: 40, parent: 'ns:a' }]),
  );
  nodes.set('other', { id: 'other', width: 100, height: 40, parent: 'ns:b' });

  it('puts newcomers next to their neighbours without moving or overlapping anything', () => {
    const positions = new Map<string, Point>([
      ['rs', { x: 0, y: 0 }],
      ['p1', { x: 160, y: 0 }],
    ]);
    const neighbours = (id: string): string[] => (id === 'rs' ? ['p1', 'p2', 'p3'] : id.startsWith('p') ? ['rs'] : []);
    const rest = placeIncrementally(['p2', 'p3'], positions, { nodes, neighbours, seeds: new Map() });
    expect(rest).toEqual([]);
    expect(positions.get('rs')).toEqual({ x: 0, y: 0 });
    const all = [...positions.values()];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
    }
    expect(Math.hypot(positions.get('p2')!.x, positions.get('p2')!.y)).toBeLessThan(250);
  });

  it('returns nodes with nothing to anchor to', () => {
    const positions = new Map<string, Point>([['other', { x: 0, y: 100 }]]);
    const rest = placeIncrementally(['lonely'], positions, { nodes, neighbours: () => ['other'], seeds: new Map() });
    expect(rest).toEqual(['lonely']);
  });

  it('keeps a newcomer out of another group box, even when seeded inside it', () => {
    const positions = new Map<string, Point>([['other', { x: 0, y: 100 }]]);
    const rest = placeIncrementally(['p1'], positions, { nodes, neighbours: () => [], seeds: new Map([['p1', { x: 0, y: 100 }]]) });
    expect(rest).toEqual([]);
    const p1 = positions.get('p1')!;
    expect(Math.abs(p1.y - 100) > 100 || Math.abs(p1.x) > 150).toBe(true);
  });
});
