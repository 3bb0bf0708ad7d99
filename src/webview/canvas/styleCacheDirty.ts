/**
 * A cheaper `dirtyStyleCache` for cytoscape (3.34). Cytoscape calls it once for every style property it applies to
 * every element; in a graph with compound nodes (our namespace boxes) each call builds four collections (the element,
 * its descendants, its parents and all their connected edges) only to clear a cache field on each. At 5,000 objects
 * that was the largest single cost of a first draw (issue 15: ~1.1 s of "compound style triggers"; bench/webview.ts
 * with BENCH_WEBVIEW_PROFILE=1 shows it under dirtyStyleCache). This clears the very same caches by walking
 * cytoscape's own parent, children and edge links, with no collection built.
 */
import type { Core } from 'cytoscape';

/** The internals of a cytoscape element this reads: the links its own dirtyStyleCache follows through collections. */
interface ElementInternals {
  readonly _private: {
    styleCache: unknown;
    readonly group: 'nodes' | 'edges';
    readonly parent?: ElementInternals | null;
    readonly children?: readonly ElementInternals[];
    readonly edges?: readonly ElementInternals[];
  };
}

interface CollectionPrototype {
  dirtyStyleCache(this: ArrayLike<ElementInternals>): unknown;
  updateStyle(this: StyledCollection, notifyRenderer?: boolean): unknown;
}

/** What `updateStyle` uses of a collection: its elements, its instance, and its events. */
interface StyledCollection extends ArrayLike<ElementInternals & { _private: { styleDirty?: boolean } }> {
  cy(): { styleEnabled(): boolean; batching(): boolean; _private: { batchStyleEles: { merge(eles: unknown): unknown } } };
  emitAndNotify(event: string): unknown;
  emit(event: string): unknown;
}

/**
 * Cytoscape's `updateStyle` without its compound widening. In a graph with compound nodes the original marks every
 * descendant and parent of a restyled element for a full style recomputation, so that selectors about parents and
 * children (`:parent`, `>`, `$`) stay right. Our stylesheet has none (test/webview/styleCacheDirty.unit.test.ts checks
 * it), and the widening made every zoom step recompute the style of every node: the namespace titles are resized per
 * zoom (decorations.ts), each title change restyled its whole namespace (5,000 objects: ~2.6 s of 5.9 s of pan/zoom
 * drawing). What a parent's style does change below it (visibility, opacity) sits in the caches `dirtyRelatives` clears.
 */
function updateOwnStyle(this: StyledCollection, notifyRenderer?: boolean): unknown {
  const cy = this.cy();
  if (!cy.styleEnabled()) return this;
  if (cy.batching()) {
    cy._private.batchStyleEles.merge(this);
    return this;
  }
  if (notifyRenderer === false) this.emit('style');
  else this.emitAndNotify('style');
  for (let i = 0; i < this.length; i++) {
    const ele = this[i];
    if (ele !== undefined) ele._private.styleDirty = true;
  }
  return this;
}

/** A node's own cache and those of its connected edges, as the original's `connectedEdges()` merge clears them. */
function dirtyNodeAndEdges(node: ElementInternals): void {
  node._private.styleCache = null;
  for (const edge of node._private.edges ?? []) edge._private.styleCache = null;
}

function dirtyDescendants(node: ElementInternals): void {
  for (const child of node._private.children ?? []) {
    dirtyNodeAndEdges(child);
    dirtyDescendants(child);
  }
}

/** What the original clears for one element: itself, and for a node its descendants, its parents and their edges. */
export function dirtyRelatives(ele: ElementInternals): void {
  if (ele._private.group !== 'nodes') {
    ele._private.styleCache = null;
    return;
  }
  dirtyNodeAndEdges(ele);
  dirtyDescendants(ele);
  for (let parent = ele._private.parent; parent !== null && parent !== undefined; parent = parent._private.parent) {
    dirtyNodeAndEdges(parent);
  }
}

let installed = false;

/** Replaces `dirtyStyleCache` and `updateStyle` on cytoscape's collection prototype (shared by every instance), once. */
export function installStyleCacheDirty(cy: Core): void {
  if (installed) return;
  installed = true;
  const prototype = Object.getPrototypeOf(cy.collection()) as CollectionPrototype;
  prototype.dirtyStyleCache = function dirtyStyleCache(this: ArrayLike<ElementInternals>): unknown {
    for (let i = 0; i < this.length; i++) dirtyRelatives(this[i] as ElementInternals);
    return this;
  };
  prototype.updateStyle = updateOwnStyle;
}
