/**
 * Test-only access to the canvas. Enabled only when the test harness defines `__kubiliticsTest` before
 * the bundle loads; a real webview never has it, so nothing is exposed there.
 */
import type { CanvasController } from './canvas/canvasController';
import type { ViewGraph } from '../engine/viewModel/viewGraph';

interface TestGlobal {
  __kubiliticsTest?: boolean;
  __kubilitics?: unknown;
}

export function exposeForTests(controller: CanvasController, view: () => ViewGraph): void {
  const g = globalThis as TestGlobal;
  if (g.__kubiliticsTest !== true) return;
  g.__kubilitics = {
    cy: controller.cy,
    view,
    timings: controller.timings,
    /** Drawn counts next to what the derived view says should be drawn. */
    counts: () => ({
      nodes: controller.cy.nodes().not('.group').length,
      /** View nodes not drawn yet because their position is still being computed, and elements still being added. */
      pending: view().nodes.length - controller.cy.nodes().not('.group').length + controller.elementsPending,
      groups: controller.cy.nodes('.group').length,
      edges: controller.cy.edges().length,
      viewNodes: view().nodes.length,
      viewEdges: view().edges.length,
      viewGroups: view().groups.length,
    }),
  };
}
