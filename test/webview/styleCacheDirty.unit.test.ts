import cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { dirtyRelatives } from '../../src/webview/canvas/styleCacheDirty';

type Internals = Parameters<typeof dirtyRelatives>[0];

/** Two nested boxes, nodes inside and outside them, edges across, an edge between boxes and a self-loop. */
function compoundGraph(): Core {
  return cytoscape({
    headless: true,
    elements: [
      { data: { id: 'ns' } },
      { data: { id: 'inner', parent: 'ns' } },
      { data: { id: 'a', parent: 'inner' } },
      { data: { id: 'b', parent: 'ns' } },
      { data: { id: 'c' } },
      { data: { id: 'other' } },
      { data: { id: 'd', parent: 'other' } },
      { data: { id: 'a-b', source: 'a', target: 'b' } },
      { data: { id: 'b-c', source: 'b', target: 'c' } },
      { data: { id: 'c-d', source: 'c', target: 'd' } },
      { data: { id: 'ns-other', source: 'ns', target: 'other' } },
      { data: { id: 'a-a', source: 'a', target: 'a' } },
    ],
  });
}

/** The ids whose style cache `dirty` clears, every cache being set beforehand. */
function cleared(cy: Core, dirty: () => void): string[] {
  cy.elements().forEach((e) => {
    (e as unknown as Internals)._private.styleCache = {};
  });
  dirty();
  return cy
    .elements()
    .filter((e) => (e as unknown as Internals)._private.styleCache === null)
    .map((e) => e.id())
    .sort();
}

describe('dirtyRelatives', () => {
  it("clears exactly the caches cytoscape's own dirtyStyleCache clears, for every node and edge", () => {
    const cy = compoundGraph();
    const original = Object.getPrototypeOf(cy.collection()) as { dirtyStyleCache(this: unknown): unknown };
    for (const ele of cy.elements().toArray()) {
      const expected = cleared(cy, () => original.dirtyStyleCache.call(ele));
      expect(
        cleared(cy, () => dirtyRelatives(ele as unknown as Internals)),
        ele.id(),
      ).toEqual(expected);
    }
    // The walk reaches beyond the element: a's box, the box around it and the edges of all three.
    expect(cleared(cy, () => dirtyRelatives(cy.getElementById('a') as unknown as Internals))).toEqual([
      'a',
      'a-a',
      'a-b',
      'inner',
      'ns',
      'ns-other',
    ]);
  });
});
