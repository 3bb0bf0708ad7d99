/**
 * The types layout works in: nodes and edges to place, the structural components they form, and a component's
 * laid-out box. Their own file because the layout driver (layoutCore.ts) and the ELK layouter
 * (componentLayout.ts) both speak them, and neither should import the other's code to do so.
 */
import type { EdgeType } from '../model/graph.js';
import type { Box } from './packing.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Namespace group key; '' for nodes outside any group box (cluster-scoped, or grouping off). */
  readonly group: string;
  /** Kubernetes kind, which decides the node's column (layoutRoles.ts); none for plain boxes. */
  readonly kind?: string;
}

export interface LayoutEdgeInput {
  /** The view edge's id; routes are returned under it. Edges without one are laid out but not routed. */
  readonly id?: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
}

/** Nodes joined by structural edges within one group: laid out together, as one box. */
export interface Component {
  readonly key: string;
  readonly group: string;
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

export interface LaidOut extends Box {
  /** Node centres relative to the box's top-left corner. */
  readonly positions: ReadonlyMap<string, Point>;
  /** Edge routes (from the source's outline to the target's) relative to the box, by edge id. */
  readonly routes: ReadonlyMap<string, readonly Point[]>;
}

/** Lays out components, each into a box of its own, keyed by component key (ComponentLayouter does it with ELK). */
export interface ComponentLayout {
  layout(components: readonly Component[]): Promise<Map<string, LaidOut>>;
}
