import cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { buildStylesheet } from '../../src/webview/canvas/cyStyle';
import { dirtyRelatives, installStyleCacheDirty } from '../../src/webview/canvas/styleCacheDirty';
import type { ResolvedTheme } from '../../src/webview/canvas/resolvedTheme';

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

/** Every selector that makes one element's style depend on its parent or children (what updateOwnStyle leaves out). */
const RELATIONAL = /[>$~+]|\s(?![^[]*\])|:(parent|childless|child|nonorphan|orphan|compound|backgrounding|removed)/;

const THEME: ResolvedTheme = { kind: 'dark', fontFamily: 'sans-serif', color: () => ({ rgb: '#808080', alpha: 1 }) };

/** A namespace box with nodes inside it and a box inside that, styled by the view's own stylesheet. */
function styledGraph(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: buildStylesheet(THEME, false) as unknown as cytoscape.StylesheetStyle[],
    elements: [
      { data: { id: 'ns', group: true, label: 'shop', labelSize: 13, titleWidth: 500 }, classes: 'group' },
      { data: { id: 'inner', parent: 'ns', group: true, label: 'inner', labelSize: 13, titleWidth: 300 }, classes: 'group' },
      { data: { id: 'a', parent: 'inner', label: 'a', family: 'pod', tone: 'ok', width: 80, height: 40 } },
      { data: { id: 'b', parent: 'ns', label: 'b', family: 'workload', tone: 'bad', width: 80, height: 40 } },
      { data: { id: 'c', label: 'c', family: 'config', width: 80, height: 40 } },
      { data: { id: 'a-b', source: 'a', target: 'b', type: 'owns' } },
      { data: { id: 'b-c', source: 'b', target: 'c', type: 'mounts' } },
    ],
  });
}

const PROPERTIES = ['label', 'font-size', 'text-max-width', 'text-valign', 'border-color', 'border-width', 'opacity', 'display'];

/**
 * Every element's computed style after restyling the boxes the way decorations.ts does on zoom (and dimming the inner
 * one), with nothing inside them changed: what a child shows then comes only from how its parent's change reaches it.
 */
function stylesAfterChanges(cy: Core): Record<string, string[]> {
  cy.elements().forEach((e) => void e.style('label')); // every style computed, nothing left dirty
  cy.getElementById('ns').data({ labelSize: 200, titleWidth: 900 }).addClass('far');
  cy.getElementById('inner').addClass('dimmed');
  const out: Record<string, string[]> = {};
  cy.elements().forEach((e) => {
    out[e.id()] = PROPERTIES.map((p) => `${p}=${String(e.style(p))}`);
    out[e.id()]?.push(`visible=${e.visible()}`, `opacity=${e.effectiveOpacity()}`);
  });
  return out;
}

describe('updateOwnStyle (installStyleCacheDirty)', () => {
  it('has no selector in the view stylesheet that depends on parents or children', () => {
    const sheets = [false, true].flatMap((large) => buildStylesheet(THEME, large));
    const relational = sheets.map((b) => b.selector).filter((s) => s.split(',').some((part) => RELATIONAL.test(part.trim())));
    expect(relational).toEqual([]);
    // The check itself catches a relational selector.
    expect(['node > node', 'node:parent', '$node > node', 'node.group node'].every((s) => RELATIONAL.test(s))).toBe(true);
  });

  it("leaves every element styled exactly as cytoscape's own updateStyle does, compound boxes included", () => {
    const expected = stylesAfterChanges(styledGraph());
    const cy = styledGraph();
    installStyleCacheDirty(cy);
    expect(stylesAfterChanges(cy)).toEqual(expected);
    // A box's opacity still reaches its children (through the caches dirtyRelatives clears).
    expect(cy.getElementById('a').effectiveOpacity()).toBeLessThan(0.5);
  });
});
