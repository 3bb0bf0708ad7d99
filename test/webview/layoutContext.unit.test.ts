import { describe, expect, it } from 'vitest';
import type { ViewEdge } from '../../src/engine/viewModel/deriveView';
import type { ViewGraph } from '../../src/engine/viewModel/viewGraph';
import type { LayoutPatch } from '../../src/engine/viewModel/incrementalLayout';
import type { Point } from '../../src/engine/viewModel/layoutTypes';
import { LayoutContexts, applyPatch, recordDrop, unpinAll } from '../../src/webview/canvas/layoutContext';

/** A view of two nodes joined by one edge; only its edges matter to the functions under test. */
const VIEW = {
  nodes: [],
  edges: [{ id: 'a->b', source: 'a', target: 'b' } as ViewEdge],
  groups: [],
  representative: new Map(),
  level: 'object',
} as ViewGraph;

function patch(positions: Record<string, Point>, full = false): LayoutPatch {
  const route = [positions['a'] ?? { x: 0, y: 0 }, { x: 50, y: 0 }, positions['b'] ?? { x: 100, y: 0 }];
  return { positions, routes: { 'a->b': route }, crossCutting: [], width: 0, height: 0, full, relaidGroups: ['g'] };
}

describe('layout contexts', () => {
  it('keeps one state per context', () => {
    const contexts = new LayoutContexts();
    applyPatch(contexts.state(), patch({ a: { x: 1, y: 1 } }, true), VIEW);
    contexts.switchTo('focus:x');
    expect(contexts.name).toBe('focus:x');
    expect(contexts.state().positions.size).toBe(0);
    contexts.switchTo('');
    expect(contexts.state().positions.get('a')).toEqual({ x: 1, y: 1 });
  });

  it('an update leaves a dropped node where it was dropped, with its edges drawn straight', () => {
    const state = new LayoutContexts().state();
    applyPatch(state, patch({ a: { x: 0, y: 0 }, b: { x: 100, y: 0 } }, true), VIEW);
    expect(state.routes.route('a->b')).toBeDefined();
    recordDrop(state, [{ id: 'b', position: { x: 300, y: 200 }, group: false }], VIEW);
    expect(state.routes.route('a->b')).toBeUndefined();
    applyPatch(state, patch({ a: { x: 10, y: 0 }, b: { x: 110, y: 0 } }), VIEW);
    expect(state.positions.get('a')).toEqual({ x: 10, y: 0 });
    expect(state.positions.get('b')).toEqual({ x: 300, y: 200 });
    expect(state.routes.route('a->b')).toBeUndefined();
    // A full layout (the worker started afresh) does not move it either.
    applyPatch(state, patch({ a: { x: 20, y: 0 }, b: { x: 120, y: 0 } }, true), VIEW);
    expect(state.positions.get('b')).toEqual({ x: 300, y: 200 });
  });

  it('a dropped group is not pinned itself, its members are', () => {
    const state = new LayoutContexts().state();
    recordDrop(
      state,
      [
        { id: 'ns', position: { x: 5, y: 5 }, group: true },
        { id: 'a', position: { x: 7, y: 9 }, group: false },
      ],
      VIEW,
    );
    expect([...state.pinned.keys()]).toEqual(['a']);
    expect(state.positions.has('ns')).toBe(false);
  });

  it('after Re-layout (unpinAll) the next layout places a dragged node again', () => {
    const state = new LayoutContexts().state();
    recordDrop(state, [{ id: 'b', position: { x: 300, y: 200 }, group: false }], VIEW);
    unpinAll(state);
    applyPatch(state, patch({ a: { x: 0, y: 0 }, b: { x: 100, y: 0 } }, true), VIEW);
    expect(state.positions.get('b')).toEqual({ x: 100, y: 0 });
    expect(state.routes.route('a->b')).toBeDefined();
  });
});
