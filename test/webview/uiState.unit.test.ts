import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/messages';
import { restoreUiState, DEFAULT_UI_STATE } from '../../src/webview/uiState';

describe('restoreUiState', () => {
  it('falls back to defaults for anything malformed', () => {
    expect(restoreUiState(undefined)).toEqual(DEFAULT_UI_STATE);
    expect(restoreUiState({ version: 2 })).toEqual(DEFAULT_UI_STATE);
    const restored = restoreUiState({
      version: 1,
      view: { hiddenKinds: ['Secret', 3], hiddenEdgeTypes: ['owns', 'bogus'], focus: { id: 'x', hops: 99 } },
      viewport: { zoom: -1, pan: { x: 0, y: 0 } },
      selection: 5,
      legendOpen: 'yes',
    });
    expect(restored.view.hiddenKinds).toEqual(['Secret']);
    expect(restored.view.hiddenEdgeTypes).toEqual(['owns']);
    expect(restored.view.focus).toEqual({ id: 'x', hops: 6 });
    expect(restored.viewport).toBeNull();
    expect(restored.selection).toBeNull();
    expect(restored.legendOpen).toBe(false);
  });

  it('restores the metrics overlay only as cpu or memory', () => {
    expect(restoreUiState({ version: 1, overlay: 'memory' }).overlay).toBe('memory');
    expect(restoreUiState({ version: 1, overlay: 'cpu' }).overlay).toBe('cpu');
    expect(restoreUiState({ version: 1, overlay: 'disk' })).not.toHaveProperty('overlay');
  });

  it('restores a multi-selection of two or more distinct ids, bounded as a bulk action is', () => {
    expect(restoreUiState({ version: 1, multiSelection: ['a', 'b', 'a', 3] }).multiSelection).toEqual(['a', 'b']);
    expect(restoreUiState({ version: 1, multiSelection: ['a'] })).not.toHaveProperty('multiSelection');
    expect(restoreUiState({ version: 1, multiSelection: 'a' })).not.toHaveProperty('multiSelection');
    const many = Array.from({ length: LIMITS.actionIds + 10 }, (_, i) => `id-${i}`);
    expect(restoreUiState({ version: 1, multiSelection: many }).multiSelection).toHaveLength(LIMITS.actionIds);
  });
});
