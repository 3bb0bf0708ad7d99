/**
 * Keeps the picture in place when the panel changes size (the Problems panel opens below the view, the editor is
 * split, the window is resized). Cytoscape keeps its pan, which is anchored at the top-left corner, so the diagram
 * drifted off centre as the panel grew or shrank, and out of view when it shrank enough. A view still as it was
 * fitted is fitted again to its new size; a view the reader moved keeps the point at its centre in the centre.
 *
 * The panel is the webview's window, not the canvas: the details column opening beside the canvas narrows the canvas
 * too, and a click on a node must not move or zoom the diagram under the pointer.
 */
import type { Core } from 'cytoscape';

interface Size {
  readonly width: number;
  readonly height: number;
}

export interface ResizeFollower {
  dispose(): void;
}

/**
 * Follows the size of the window `cy` is drawn in. `refitIfFitted()` fits the view again if its viewport is still the
 * one the last fit set, and says whether it did; else the view keeps its centre.
 */
export function followPanelSize(cy: Core, refitIfFitted: () => boolean): ResizeFollower {
  const view = cy.container()?.ownerDocument.defaultView;
  if (view === null || view === undefined) return { dispose: () => undefined };
  let last: Size = { width: view.innerWidth, height: view.innerHeight };
  const resized = (): void => {
    const now: Size = { width: view.innerWidth, height: view.innerHeight };
    // A hidden panel measures 0: nothing to keep in place, and the size it comes back at is compared with the last shown.
    if (now.width === 0 || now.height === 0 || (now.width === last.width && now.height === last.height)) return;
    const before = last;
    last = now;
    // Cytoscape learns the new size itself, 100 ms later (debounced): it must know it now to fit to it.
    cy.resize();
    if (!refitIfFitted()) cy.panBy({ x: (now.width - before.width) / 2, y: (now.height - before.height) / 2 });
  };
  view.addEventListener('resize', resized);
  return { dispose: () => view.removeEventListener('resize', resized) };
}
