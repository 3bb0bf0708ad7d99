/**
 * Pointer hit tests on large views through a grid of bounding boxes (hitIndex.ts).
 *
 * Cytoscape finds what is under the pointer (renderer.findNearestElements) on every mouse move, press and release by
 * testing every element in z-order, reading styles and label bounds of each: ~165 ms per move at 5K elements, which
 * held panning and zooming of such a view to a few frames a second. Here the renderer's method is wrapped: the grid
 * names the elements whose bounding box (body, labels, arrows) lies within cytoscape's largest hit margin of the
 * pointer, and cytoscape's own test then runs over just those, in its own z-order. So the answer is cytoscape's —
 * the same node, compound parent or edge, with the same precedence — only without looking at the far-away rest.
 *
 * The grid is kept up to date from cytoscape's 'bounds' events (an element's box changed: it moved, was dragged,
 * restyled, relabelled, or a child of a compound moved) and 'add'/'remove'; changed elements are refiled on the next
 * hit test, and the whole grid is rebuilt when most of it changed (a new layout).
 */
import type { Core, EventObject, SingularElementArgument } from 'cytoscape';
import { HitIndex } from './hitIndex';

/** Below this many elements cytoscape's own test is fast enough, and the view is left exactly as cytoscape draws it. */
export const HIT_INDEX_MIN_ELEMENTS = 1000;

/** About one node wide (nodes are 76–240 model units): a pointer query then reads one to four cells. */
const CELL_SIZE = 256;

/** Cytoscape's largest hit margin in rendered pixels: an edge's, for touch (findNearestElements). */
const MAX_MARGIN_PX = 24;

/** Refiling more than this share of the elements one by one costs more than building the grid afresh. */
const REBUILD_SHARE = 0.25;

type Element = SingularElementArgument;

/** Cytoscape's z-sorted element list, as its renderer caches it. */
type ZSorted = Element[] & { interactive: Element[] };

interface Renderer {
  findNearestElements(x: number, y: number, interactiveOnly: boolean, isTouch: boolean): Element[];
  getCachedZSortedEles(forceRecalc?: boolean): ZSorted;
}

export interface HitTesting {
  /** Restores cytoscape's own hit test and stops listening. */
  dispose(): void;
}

class GridHitTest {
  private readonly grid = new HitIndex<Element>(CELL_SIZE);
  private readonly changed = new Set<Element>();
  private stale = true;
  /** How many elements the grid was last built from. */
  private built = 0;

  constructor(private readonly cy: Core) {}

  /** An element came, or its box changed: refile it on the next hit test. */
  readonly onChange = (e: EventObject): void => {
    if (!this.stale) this.changed.add(e.target as Element);
  };

  readonly onRemove = (e: EventObject): void => {
    const ele = e.target as Element;
    this.changed.delete(ele);
    this.grid.delete(ele);
  };

  /** `zSorted` (cytoscape's order) narrowed to the elements near (x, y), with the same `interactive` sub-list. */
  candidates(zSorted: ZSorted, x: number, y: number): ZSorted {
    this.refresh();
    const near = this.grid.near(x, y, MAX_MARGIN_PX / this.cy.zoom());
    const list = zSorted.interactive.filter((ele) => near.has(ele)) as ZSorted;
    list.interactive = list;
    return list;
  }

  private refresh(): void {
    if (this.stale || this.changed.size > this.built * REBUILD_SHARE) {
      const all = this.cy.elements();
      this.stale = false;
      this.built = all.length;
      this.changed.clear();
      this.grid.clear();
      all.forEach((ele) => this.file(ele));
      return;
    }
    for (const ele of this.changed) this.file(ele);
    this.changed.clear();
  }

  private file(ele: Element): void {
    if (ele.removed()) this.grid.delete(ele);
    else this.grid.set(ele, ele.boundingBox({}));
  }
}

/**
 * Wraps `cy`'s renderer hit test: while the view has at least HIT_INDEX_MIN_ELEMENTS elements, it consults the grid;
 * below that, and for cytoscape's rare non-interactive queries, cytoscape's own test runs unchanged.
 */
export function installHitTesting(cy: Core): HitTesting {
  const renderer = (cy as unknown as { renderer(): Renderer | undefined }).renderer();
  if (renderer === undefined) return { dispose: () => undefined };
  const own = renderer.findNearestElements;
  const index = new GridHitTest(cy);
  cy.on('add bounds', index.onChange);
  cy.on('remove', index.onRemove);
  renderer.findNearestElements = function (x, y, interactiveOnly, isTouch) {
    const zSorted = this.getCachedZSortedEles();
    if (!interactiveOnly || zSorted.length < HIT_INDEX_MIN_ELEMENTS) return own.call(this, x, y, interactiveOnly, isTouch);
    const near = index.candidates(zSorted, x, y);
    // Cytoscape's test reads its element list from getCachedZSortedEles(): hand it the narrowed list for this call.
    const zSortedOf = this.getCachedZSortedEles;
    this.getCachedZSortedEles = () => near;
    try {
      return own.call(this, x, y, interactiveOnly, isTouch);
    } finally {
      this.getCachedZSortedEles = zSortedOf;
    }
  };
  return {
    dispose: () => {
      renderer.findNearestElements = own;
      cy.off('add bounds', index.onChange);
      cy.off('remove', index.onRemove);
    },
  };
}
