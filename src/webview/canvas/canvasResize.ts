/**
 * Keeps the picture in place when the panel changes size (the Problems panel opens below the view, the editor is
 * split, the window is resized). Cytoscape keeps its pan, which is anchored at the top-left corner, so the diagram
 * drifted off centre as the panel grew or shrank, and out of view when it shrank enough. A view still as it was
 * fitted is fitted again to its new size; a view the reader moved keeps the point at its centre in the centre.
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
 * Follows the size of `cy`'s container. `fitted()` says whether the viewport is still the one the last fit set;
 * `fit()` fits again.
 */
export function followContainerSize(cy: Core, fitted: () => boolean, fit: () => void): ResizeFollower {
  const container = cy.container();
  const view = container?.ownerDocument.defaultView;
  if (container === null || view === null || view === undefined || view.ResizeObserver === undefined) return { dispose: () => undefined };
  let last: Size = { width: container.clientWidth, height: container.clientHeight };
  const observer = new view.ResizeObserver(() => {
    const now: Size = { width: container.clientWidth, height: container.clientHeight };
    // A hidden panel measures 0: nothing to keep in place, and the size it comes back at is compared with the last shown.
    if (now.width === 0 || now.height === 0 || (now.width === last.width && now.height === last.height)) return;
    const before = last;
    last = now;
    // Read before cytoscape learns the new size: whether the viewport is still as fitted does not depend on it.
    const asFitted = fitted();
    cy.resize();
    if (asFitted) fit();
    else if (before.width > 0 && before.height > 0) cy.panBy({ x: (now.width - before.width) / 2, y: (now.height - before.height) / 2 });
  });
  observer.observe(container);
  return { dispose: () => observer.disconnect() };
}
