import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { DepthInternals } from '../../src/webview/canvas/compoundDepth';
import { compoundDepth, installCompoundDepth } from '../../src/webview/canvas/compoundDepth';

/** Two nested boxes, nodes inside and outside them, edges across, an edge between boxes and a self-loop. */
function compoundGraph(): cytoscape.Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
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
      { data: { id: 'ns-other', source: 'ns', target: 'other' } },
      { data: { id: 'inner-c', source: 'inner', target: 'c' } },
      { data: { id: 'a-a', source: 'a', target: 'a' } },
    ],
  });
}

describe('compoundDepth', () => {
  it("gives every node and edge the depth cytoscape's own zDepth gives", () => {
    const cy = compoundGraph();
    const original = Object.getPrototypeOf(cy.collection()) as { zDepth(this: unknown): number };
    const depths = cy.elements().map((ele) => [ele.id(), original.zDepth.call(ele)]);
    expect(cy.elements().map((ele) => [ele.id(), compoundDepth(ele as unknown as DepthInternals)])).toEqual(depths);
    // The cases differ: boxes at depth 0 and 1, leaves on top, an edge taking its deeper end.
    expect(Object.fromEntries(depths)).toMatchObject({ ns: 0, inner: 1, other: 0, a: Number.MAX_SAFE_INTEGER - 1, 'ns-other': 0 });
  });

  it('sorts a graph into the same draw order once installed, after nodes move between boxes', () => {
    const before = compoundGraph();
    before.getElementById('d').move({ parent: 'inner' });
    const order = before
      .elements()
      .sortByZIndex()
      .map((e) => e.id());
    installCompoundDepth(before);
    const after = compoundGraph();
    after.getElementById('d').move({ parent: 'inner' });
    expect(
      after
        .elements()
        .sortByZIndex()
        .map((e) => e.id()),
    ).toEqual(order);
    expect(after.getElementById('other').zDepth()).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});
