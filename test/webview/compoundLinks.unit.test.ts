import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { DepthInternals, OpacityInternals } from '../../src/webview/canvas/compoundLinks';
import { compoundDepth, effectiveOpacity, installCompoundLinks } from '../../src/webview/canvas/compoundLinks';

/** Cytoscape's own functions, kept before any test installs ours on the shared prototype. */
const ORIGINAL = { ...(Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as OriginalFunctions) };

interface OriginalFunctions {
  zDepth(this: unknown): number;
  effectiveOpacity(this: unknown): number;
}

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

/** What cytoscape's typings leave out: its draw-order sort and the depth it sorts by. */
interface Sortable {
  sortByZIndex(): { map<T>(fn: (ele: cytoscape.SingularElementArgument) => T): T[] };
  zDepth(): number;
}

function drawOrder(cy: cytoscape.Core): string[] {
  return (cy.elements() as unknown as Sortable).sortByZIndex().map((e) => e.id());
}

describe('compoundDepth', () => {
  it("gives every node and edge the depth cytoscape's own zDepth gives", () => {
    const cy = compoundGraph();
    const depths = cy.elements().map((ele) => [ele.id(), ORIGINAL.zDepth.call(ele)]);
    expect(cy.elements().map((ele) => [ele.id(), compoundDepth(ele as unknown as DepthInternals)])).toEqual(depths);
    // The cases differ: boxes at depth 0 and 1, leaves on top, an edge taking its deeper end.
    expect(Object.fromEntries(depths)).toMatchObject({ ns: 0, inner: 1, other: 0, a: Number.MAX_SAFE_INTEGER - 1, 'ns-other': 0 });
  });

  it('sorts a graph into the same draw order once installed, after nodes move between boxes', () => {
    const before = compoundGraph();
    before.getElementById('d').move({ parent: 'inner' });
    const order = drawOrder(before);
    installCompoundLinks(before);
    const after = compoundGraph();
    after.getElementById('d').move({ parent: 'inner' });
    expect(drawOrder(after)).toEqual(order);
    expect((after.getElementById('other') as unknown as Sortable).zDepth()).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});

describe('effectiveOpacity', () => {
  it("multiplies an element's opacity by every box around it, as cytoscape's own does", () => {
    const cy = compoundGraph();
    cy.style([
      { selector: '#ns', style: { opacity: 0.5 } },
      { selector: '#inner', style: { opacity: 0.8 } },
      { selector: '#a', style: { opacity: 0.5 } },
      { selector: '#d', style: { opacity: 0.25 } },
    ]);
    const expected = cy.elements().map((ele) => [ele.id(), ORIGINAL.effectiveOpacity.call(ele)]);
    expect(cy.elements().map((ele) => [ele.id(), effectiveOpacity(ele as unknown as OpacityInternals, true)])).toEqual(expected);
    // The cases differ: a, two boxes deep (0.5 * 0.8 * 0.5); b, one box (0.5); edges keep their own.
    expect(Object.fromEntries(expected)).toMatchObject({ a: 0.2, b: 0.5, inner: 0.4, c: 1, 'a-b': 1 });
    installCompoundLinks(cy);
    expect(cy.getElementById('a').effectiveOpacity()).toBeCloseTo(0.2);
  });
});
