/** The webview's `positions` export is checked before the host builds a scene from it. */
import { describe, expect, it } from 'vitest';
import { parseViewPositions, positionsById } from '../../../src/engine/export/viewPositions.js';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions.js';

const GOOD = {
  version: 1,
  aspect: 1.5,
  view: DEFAULT_VIEW_OPTIONS,
  nodes: [{ id: 'a', x: 1, y: 2, width: 80, height: 30 }],
  edges: ['a>owns>b'],
};

describe('parseViewPositions', () => {
  it('accepts what the webview writes and turns it into positions by id', () => {
    const parsed = parseViewPositions(JSON.stringify(GOOD));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(positionsById(parsed.value)).toEqual({ a: { x: 1, y: 2 } });
  });

  it.each([
    ['not JSON', '{', 'positions are not JSON'],
    ['an unknown version', JSON.stringify({ ...GOOD, version: 2 }), 'positions: unknown version'],
    ['a bad aspect', JSON.stringify({ ...GOOD, aspect: -1 }), "positions: 'aspect' must be a positive number"],
    ['a node without numbers', JSON.stringify({ ...GOOD, nodes: [{ id: 'a', x: 'left' }] }), "positions: 'nodes' is malformed"],
    [
      'an unknown edge type filter',
      JSON.stringify({ ...GOOD, view: { ...DEFAULT_VIEW_OPTIONS, hiddenEdgeTypes: ['teleports'] } }),
      "positions: 'view' is malformed",
    ],
    ['edges that are not ids', JSON.stringify({ ...GOOD, edges: [1] }), "positions: 'edges' must be a list of ids"],
  ])('rejects %s', (_, text, reason) => {
    expect(parseViewPositions(text)).toEqual({ ok: false, reason });
  });
});
