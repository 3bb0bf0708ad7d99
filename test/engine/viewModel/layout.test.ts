import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { placeIncrementally } from '../../../src/webview/canvas/placement';
import type { PlacementNode } from '../../../src/webview/canvas/placement';
import { ComponentLayouter } from '../../../src/engine/viewModel/componentLayout';
import { computeLayout, findComponents } from '../../../src/engine/viewModel/layoutCore';
import type { LayoutInput, Point } from '../../../src/engine/viewModel/layoutCore';
import { shelfPack } from '../../../src/engine/viewModel/packing';

const node = (id: string, group = 'ns:a'): { id: string; width: number; height: number; group: string } => ({
  id,
  width: 100,
  height: 40,
  group,
});

function overlaps(a: Point, b: Point, w = 100, h = 40): boolean {
  return Math.abs(a.x - b.x) < w && Math.abs(a.y - b.y) < h;
}

describe('findComponents', () => {
  it('joins structural edges only, within a group', () => {
    const input: LayoutInput = {
      nodes: [node('d'), node('rs'), node('p'), node('cm'), node('n', 'ns:')],
      edges: [
        { source: 'd', target: 'rs', type: 'owns' },
        { source: 'rs', target: 'p', type: 'owns' },
        { source: 'p', target: 'cm', type: 'mounts' }, // cross-cutting: does not join
        { source: 'p', target: 'n', type: 'owns' }, // other group: does not join
      ],
    };
    expect(findComponents(input).map((c) => c.nodes.map((n) => n.id).sort())).toEqual([['cm'], ['d', 'p', 'rs'], ['n']]);
  });
});

describe('computeLayout', () => {
  it('places every node without overlaps, deterministically', async () => {
    const nodes = [...['a', 'b', 'c', 'd', 'e'].map((id) => node(id)), ...['x', 'y', 'z'].map((id) => node(id, 'ns:b'))];
    const input: LayoutInput = {
      nodes,
      edges: [
        { source: 'a', target: 'b', type: 'owns' },
        { source: 'a', target: 'c', type: 'owns' },
        { source: 'x', target: 'y', type: 'selects' },
        { source: 'a', target: 'x', type: 'runs-on' },
      ],
    };
    const first = await computeLayout(new ComponentLayouter(new ELK()), input);
    const second = await computeLayout(new ComponentLayouter(new ELK()), input);
    expect(second).toEqual(first);
    const points = Object.values(first.positions);
    expect(points).toHaveLength(nodes.length);
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) expect(overlaps(points[i]!, points[j]!)).toBe(false);
    }
    // Layered left to right: the owner sits left of what it owns.
    expect(first.positions['a']!.x).toBeLessThan(first.positions['b']!.x);
  });
});

describe('shelfPack', () => {
  it('packs towards the requested aspect ratio without overlaps', () => {
    const boxes = Array.from({ length: 30 }, (_, i) => ({ key: `b${i}`, width: 80 + (i % 5) * 20, height: 40 + (i % 3) * 30 }));
    const packed = shelfPack(boxes, 10, 2);
    expect(packed.width / packed.height).toBeGreaterThan(1.2);
    expect(packed.width / packed.height).toBeLessThan(3.5);
    for (const a of packed.boxes) {
      for (const b of packed.boxes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });
});

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
