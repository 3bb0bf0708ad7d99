import { describe, expect, it } from 'vitest';
import { FAR_ZOOM, GROUP_FONT, TITLE_SHARE, groupTitle } from '../../src/webview/canvas/groupTitle';

describe('groupTitle', () => {
  it('is the size of the text around it when near, above the box', () => {
    expect(groupTitle(1, 600, 400)).toEqual({ size: GROUP_FONT, maxWidth: 600, far: false });
  });

  it('keeps a steady size on screen far out, centred over the box', () => {
    const zoom = FAR_ZOOM / 4;
    const title = groupTitle(zoom, 10_000, 10_000);
    expect(title.far).toBe(true);
    expect(title.size * zoom).toBeGreaterThan(GROUP_FONT);
    expect(title.size * zoom).toBeLessThan(GROUP_FONT * 1.5);
  });

  it('never takes more than a third of a small box, however far out', () => {
    for (const zoom of [0.05, 0.2, 0.5, 1, 2]) {
      const title = groupTitle(zoom, 300, 60);
      expect(title.size).toBeLessThanOrEqual(60 * TITLE_SHARE);
    }
    // The case: one namespace box 80 model units high under a title sized for the whole screen.
    expect(groupTitle(0.05, 120, 80).size).toBe(26);
  });

  it('is never wider than its box: longer titles are ellipsized at the box width', () => {
    expect(groupTitle(0.1, 212.7, 5000).maxWidth).toBe(212);
  });
});
