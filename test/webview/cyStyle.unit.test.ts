import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { CHROME } from '../../src/engine/visual/theme';
import { buildStylesheet } from '../../src/webview/canvas/cyStyle';
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
