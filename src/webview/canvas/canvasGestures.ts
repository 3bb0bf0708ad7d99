/** The pointer gestures the canvas answers: select, activate, drop a dragged node, hover, and viewport changes. */
import type { Core, NodeSingular } from 'cytoscape';
import type { Viewport } from '../uiState';
import { currentViewport } from './canvasViewport';
import type { DroppedNode } from './layoutContext';

/** Where on the screen (client coordinates) a context menu was asked for. */
export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

export interface GestureHandlers {
  select(id: string | null): void;
  /** Ctrl/Cmd+click or Shift+click on a node: add it to the selection, or take it out. */
  toggle(id: string): void;
  /** Right-click on a node. */
  contextMenu(id: string, at: ScreenPoint): void;
  activate(id: string): void;
  /** A dragged node was let go: it and its descendants, where they now stand. */
  dropped(nodes: readonly DroppedNode[]): void;
  /** The viewport stopped changing (200 ms after the last change). */
  viewportSettled(viewport: Viewport): void;
}

const VIEWPORT_SETTLE_MS = 200;

/** Listens on `cy`; the returned function cancels the pending viewport report (cytoscape drops its own listeners). */
export function listenToGestures(cy: Core, handlers: GestureHandlers): () => void {
  cy.on('tap', 'node', (e) => {
    const id = (e.target as NodeSingular).id();
    // The keys cytoscape itself treats as "add to the selection" (its isMultSelKeyDown), so what it draws agrees.
    const pointer = e.originalEvent as MouseEvent | undefined;
    if (pointer !== undefined && (pointer.ctrlKey || pointer.metaKey || pointer.shiftKey)) handlers.toggle(id);
    else handlers.select(id);
  });
  cy.on('cxttap', 'node', (e) => {
    const pointer = e.originalEvent as MouseEvent | undefined;
    const box = cy.container()?.getBoundingClientRect();
    const at = pointer ?? { clientX: (box?.left ?? 0) + e.renderedPosition.x, clientY: (box?.top ?? 0) + e.renderedPosition.y };
    handlers.contextMenu((e.target as NodeSingular).id(), { x: at.clientX, y: at.clientY });
  });
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
