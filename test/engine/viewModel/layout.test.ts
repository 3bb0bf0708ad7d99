import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { ComponentLayouter } from '../../../src/engine/viewModel/componentLayout';
import { findComponents } from '../../../src/engine/viewModel/components';
import { computeLayout } from '../../../src/engine/viewModel/layoutCore';
import type { LayoutInput } from '../../../src/engine/viewModel/layoutCore';
import type { Point } from '../../../src/engine/viewModel/layoutTypes';
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
