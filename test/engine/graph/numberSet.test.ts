import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../../src/engine/graph/numberSet.js';

describe('NumberSet', () => {
  it('behaves as a Set of numbers, in the order added, through any number of clears', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 5000 }), { maxLength: 80 }), { maxLength: 12 }), (rounds) => {
        const set = new NumberSet();
        for (const values of rounds) {
          set.clear();
          const expected = new Set<number>();
          for (const value of values) {
            set.add(value);
            expected.add(value);
          }
          expect([...set]).toEqual([...expected]);
          expect(Array.from({ length: set.size }, (_, index) => set.at(index))).toEqual([...expected]);
          for (let probe = 0; probe <= 5000; probe += 97) expect(set.has(probe)).toBe(expected.has(probe));
          for (const value of values) expect(set.has(value)).toBe(true);
        }
      }),
    );
  });

  it('visits a member added while it is iterated, as a Set does', () => {
    const set = new NumberSet().add(1).add(2);
    const seen: number[] = [];
    for (const value of set) {
      seen.push(value);
      if (value === 2) set.add(7).add(1);
    }
    expect(seen).toEqual([1, 2, 7]);
  });

  it('forgets every member when cleared, even one refilled after a longer round', () => {
    const set = new NumberSet();
    for (const value of [4, 9, 16, 25]) set.add(value);
    set.clear();
    set.add(9);
    expect([...set]).toEqual([9]);
    expect(set.size).toBe(1);
    expect(set.has(4)).toBe(false);
    expect(set.has(25)).toBe(false);
  });
});
