import { describe, expect, it } from 'vitest';
import { addTo, forEachIn, membersOf, removeFrom, type SmallSet } from '../../../src/engine/graph/smallSets.js';

describe('small id sets', () => {
  it('hold one member as a bare string, grow into a Set, and shrink back', () => {
    const map = new Map<string, SmallSet>();
    addTo(map, 'app=web', 'pod-a');
    addTo(map, 'app=web', 'pod-a');
    expect(map.get('app=web')).toBe('pod-a');
    addTo(map, 'app=web', 'pod-b');
    addTo(map, 'app=web', 'pod-c');
    expect(membersOf(map.get('app=web')).sort()).toEqual(['pod-a', 'pod-b', 'pod-c']);
    removeFrom(map, 'app=web', 'pod-b');
    removeFrom(map, 'app=web', 'pod-a');
    expect(map.get('app=web')).toBe('pod-c');
    removeFrom(map, 'app=web', 'pod-x');
    expect(map.get('app=web')).toBe('pod-c');
    removeFrom(map, 'app=web', 'pod-c');
    expect(map.has('app=web')).toBe(false);
    const seen: string[] = [];
    forEachIn(map.get('app=web'), (id) => seen.push(id));
    expect(seen).toEqual([]);
  });
});
