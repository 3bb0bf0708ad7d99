import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { CHROME } from '../../src/engine/visual/theme';
import { LARGE_GRAPH, SMALL_AGAIN, buildStylesheet, drawnAsLarge } from '../../src/webview/canvas/cyStyle';
import type { ResolvedTheme } from '../../src/webview/canvas/resolvedTheme';

function theme(background: string): ResolvedTheme {
  return {
    kind: 'dark',
    fontFamily: 'sans-serif',
    color: (c) => ({ rgb: c.cssVar === CHROME.background.cssVar ? background : '#808080', alpha: 1 }),
  };
}

describe('buildStylesheet', () => {
  it("fills around a panned or zoomed snapshot of a large view with the editor's background, not cytoscape's black", () => {
    for (const background of ['#1e1e1e', '#ffffff']) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        style: buildStylesheet(theme(background), true) as unknown as cytoscape.StylesheetStyle[],
      });
      const style = cy.style() as unknown as { core(name: string): { strValue: string; value: unknown } };
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
      expect(style.core('outside-texture-bg-color').strValue).toBe(`rgb(${r},${g},${b})`);
      expect(style.core('outside-texture-bg-opacity').value).toBe(1);
      cy.destroy();
    }
  });
});

describe('drawnAsLarge', () => {
  it('turns large above LARGE_GRAPH and small again only below SMALL_AGAIN, so a view near the line keeps its style', () => {
    expect(drawnAsLarge(LARGE_GRAPH, false)).toBe(false);
    expect(drawnAsLarge(LARGE_GRAPH + 1, false)).toBe(true);
    // The bench's 1K view: 1,504 elements, 1,471 after a delta removed 33 objects with their relations.
    expect(drawnAsLarge(1471, true)).toBe(true);
    expect(drawnAsLarge(1471, false)).toBe(false);
    expect(drawnAsLarge(SMALL_AGAIN, true)).toBe(false);
    expect(drawnAsLarge(SMALL_AGAIN + 1, true)).toBe(true);
  });
});
