/**
 * What the layout-quality measures read: node boxes, edges as the polylines actually drawn, and label boxes.
 * Any layout can be brought to this shape (our scene in qualityScene.ts, Graphviz output in bench/dotScene.ts),
 * so both are measured by the same code.
 */
import type { EdgeType } from '../../model/graph.js';
import type { Point } from '../../viewModel/layoutTypes.js';
import type { Rect } from '../scene.js';

export interface QualityNode {
  readonly id: string;
  /** Top-left corner and size, in drawing coordinates (y grows downwards). */
  readonly box: Rect;
}

export interface QualityEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  /** The drawn line from source to target, curves already flattened into short straight pieces. */
  readonly points: readonly Point[];
}

export interface QualityLabel {
  /** The node or group the text belongs to. */
  readonly owner: string;
  readonly box: Rect;
}

export interface QualityScene {
  readonly nodes: readonly QualityNode[];
  readonly edges: readonly QualityEdge[];
  readonly labels: readonly QualityLabel[];
}

export interface LayoutQuality {
  /** Points where two edges that share no node cross each other. */
  readonly crossings: number;
  /** Edges whose line enters the box of a node that is neither their source nor their target (target: 0). */
  readonly edgesThroughNodes: number;
  /** Edges of the flow types (routes, selects, owns). */
  readonly flowEdges: number;
  /** Flow edges whose target lies to the right of their source: they read left to right. */
  readonly forwardFlowEdges: number;
  /** Pairs of node labels or group titles whose text boxes overlap (target: 0). */
  readonly labelOverlaps: number;
}
