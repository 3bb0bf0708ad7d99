/** From a derived view to the layout core's input; shared by the webview's canvas and the headless exporters. */
import type { ViewGraph, ViewNode } from './viewGraph.js';
import type { LayoutInput } from './layoutCore.js';

/** Width ÷ height the layout packs towards when no screen says otherwise (CLI, exports). */
export const DEFAULT_ASPECT = 1.6;

/** Layout input for `nodes` (all of the view, or only newcomers), with the view's edges between them. */
export function layoutInput(nodes: readonly ViewNode[], view: ViewGraph, aspect: number): LayoutInput {
  const ids = new Set(nodes.map((n) => n.id));
  return {
    aspect,
    nodes: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, group: n.parent ?? '', kind: n.kind })),
    // Counted edges between folded groups are cross-cutting by nature (every namespace binds cluster RBAC, runs on
    // Nodes): letting them decide layers tied 573 summaries into one ELK run of 132 s at 100K objects.
    edges: view.edges
      .filter((e) => e.count === undefined && ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, source: e.source, target: e.target, type: e.type })),
    unlaidEdges: view.edges.filter((e) => e.count !== undefined && ids.has(e.source) && ids.has(e.target)).map((e) => e.id),
  };
}
