/** The pointer gestures the canvas answers: select, activate, drop a dragged node, hover, and viewport changes. */
import type { Core, NodeSingular } from 'cytoscape';
import type { Viewport } from '../uiState';
import { currentViewport } from './canvasViewport';
import type { DroppedNode } from './layoutContext';

export interface GestureHandlers {
  select(id: string | null): void;
  activate(id: string): void;
  /** A dragged node was let go: it and its descendants, where they now stand. */
  dropped(nodes: readonly DroppedNode[]): void;
  /** The viewport stopped changing (200 ms after the last change). */
  viewportSettled(viewport: Viewport): void;
}

const VIEWPORT_SETTLE_MS = 200;

/** Listens on `cy`; the returned function cancels the pending viewport report (cytoscape drops its own listeners). */
export function listenToGestures(cy: Core, handlers: GestureHandlers): () => void {
  cy.on('tap', 'node', (e) => handlers.select((e.target as NodeSingular).id()));
  cy.on('tap', (e) => {
    if (e.target === cy) handlers.select(null);
  });
  cy.on('dbltap', 'node', (e) => handlers.activate((e.target as NodeSingular).id()));
  cy.on('dragfree', 'node', (e) => {
    const node = e.target as NodeSingular;
    const dropped: DroppedNode[] = [];
    node.union(node.descendants()).forEach((n) => {
      dropped.push({ id: n.id(), position: n.position(), group: n.hasClass('group') });
    });
    handlers.dropped(dropped);
  });
  // Cross-cutting edges show while the pointer rests on one of their ends.
  cy.on('mouseover', 'node', (e) => (e.target as NodeSingular).connectedEdges('.cross').addClass('hover'));
  cy.on('mouseout', 'node', (e) => (e.target as NodeSingular).connectedEdges('.hover').removeClass('hover'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  cy.on('viewport', () => {
    clearTimeout(timer);
    timer = setTimeout(() => handlers.viewportSettled(currentViewport(cy)), VIEWPORT_SETTLE_MS);
  });
  return () => clearTimeout(timer);
}
