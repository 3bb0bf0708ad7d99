/**
 * The drawn scene every exporter reads (SVG, PDF, PNG, DOT, Mermaid, JSON/YAML): nodes, edges and group boxes at
 * their positions, with header, legend and bounds. Types only, in a file of their own: model.ts builds a scene from
 * node, edge and legend helpers that speak these types, and they must not import model.ts back to do so.
 */
import type { NodeStatus, TopologyGraph } from '../model/graph.js';
import type { ArrowShape } from '../visual/edges.js';
import type { KindFamily, NodeShape } from '../visual/kinds.js';
import type { StatusTone } from '../visual/status.js';
import type { ViewEdge } from '../viewModel/deriveView.js';
import type { AggregateKind } from '../viewModel/viewGraph.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { ViewOptions } from '../viewModel/viewOptions.js';
import type { Paint, Palette } from './palette.js';

export interface ExportMeta {
  readonly title: string;
  /** Where the graph came from, e.g. "manifests in examples/shop" or "cluster context kind-dev". */
  readonly source: string;
  /** Filters in effect as short lines ("namespaces: shop, data"); empty when everything is shown. */
  readonly filters: readonly string[];
  readonly version: string;
  /** ISO time for the PDF title block. Other formats carry no time, so re-exports diff cleanly. */
  readonly generatedAt: string;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type BorderStyle = 'solid' | 'dashed' | 'double';

export interface SceneNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly status: NodeStatus;
  readonly tone: StatusTone;
  readonly family: KindFamily;
  readonly shape: NodeShape;
  /** Exactly the lines the view draws: the kind tag, then the name in chunks. */
  readonly lines: readonly string[];
  /** Centre, as in the view. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: Paint;
  readonly border: Paint;
  readonly borderWidth: number;
  readonly borderStyle: BorderStyle;
  readonly missing: boolean;
  readonly aggregate?: AggregateKind;
  /** Real object ids this node stands for. */
  readonly members: readonly string[];
  /** Namespace group id when grouping by namespace. */
  readonly parent?: string;
}

export interface SceneGroup {
  readonly id: string;
  readonly namespace: string;
  readonly label: string;
  /** The box (top-left corner and size); the label sits centred above it. */
  readonly box: Rect;
}

/** A drawn edge: the view's edge plus its geometry. */
export interface SceneEdge extends ViewEdge {
  /** Where the line leaves the source outline and where it stops (at the arrow's base). */
  readonly from: Point;
  readonly to: Point;
  /** Quadratic control point for parallel edges between the same two nodes; straight when absent. */
  readonly control?: Point;
  /** The routed line, `from` … `to` with its bends, when the layout routed this edge around node boxes. */
  readonly points?: readonly Point[];
  /**
   * A relation the layout left out (→ a Node, a shared ServiceAccount or ConfigMap, another component):
   * kept for DOT, Mermaid and JSON; drawings show it as a short stub at its source (Scene.stubs) where there is room.
   */
  readonly crossCutting?: boolean;
  readonly paint: Paint;
  readonly width: number;
  /** Dash lengths; empty for a solid line. */
  readonly dash: readonly number[];
  readonly arrow: ArrowShape;
  /** The arrow head as a closed polygon, already placed at the target outline. */
  readonly head: readonly Point[];
}

export interface SceneHeader {
  readonly x: number;
  /** Baseline of the title; the subtitle's baseline is below it. */
  readonly y: number;
  readonly title: string;
  readonly subtitle: string;
}

export interface Scene {
  /** The whole graph the scene was drawn from (exports never add anything the graph lacks). */
  readonly graph: TopologyGraph;
  readonly palette: Palette;
  readonly meta: ExportMeta;
  readonly options: ViewOptions;
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly groups: readonly SceneGroup[];
  /** Cross-cutting relations drawn short at their source (stubs.ts). */
  readonly stubs: readonly SceneStub[];
  readonly header: SceneHeader;
  readonly legend: LegendBox;
  /** Groups, nodes and edges alone. */
  readonly drawing: Rect;
  /** Everything with header, legend and margin: the SVG viewBox, what the PDF scales onto paper. */
  readonly bounds: Rect;
}

export type LegendSample =
  | { readonly kind: 'shape'; readonly shape: NodeShape; readonly fill: Paint; readonly border: Paint; readonly dashed: boolean }
  | { readonly kind: 'status'; readonly color: Paint }
  | { readonly kind: 'double'; readonly color: Paint }
  | { readonly kind: 'edge'; readonly paint: Paint; readonly width: number; readonly dash: readonly number[] }
  /** A line of text only, e.g. how many relations are not drawn. */
  | { readonly kind: 'note' };

export interface LegendItem {
  /** Left edge of the sample; the label starts at `x + LEGEND.labelOffset`. */
  readonly x: number;
  /** Vertical middle of the row. */
  readonly y: number;
  readonly label: string;
  readonly sample: LegendSample;
}

export interface LegendColumn {
  readonly title: string;
  readonly x: number;
  /** Baseline of the column title. */
  readonly y: number;
  readonly items: readonly LegendItem[];
}

export interface LegendBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly columns: readonly LegendColumn[];
}

export interface SceneStub {
  /** The node the stub leaves. */
  readonly node: string;
  /** The cross-cutting edges it stands for (all leave `node`). */
  readonly edges: readonly string[];
  readonly from: Point;
  readonly to: Point;
  /** Arrow head at `to`, pointing away from the node. */
  readonly head: readonly Point[];
  readonly label: string;
  /** Where the label's baseline starts, ends or is centred (see `anchor`). */
  readonly labelAt: Point;
  readonly anchor: 'start' | 'middle' | 'end';
  /** The label's text box, as the quality measures read it. */
  readonly labelBox: Rect;
  readonly paint: Paint;
  readonly dash: readonly number[];
}

export interface StubPlacement {
  readonly stubs: readonly SceneStub[];
  /** Cross-cutting edges with no stub (no free side at their source). */
  readonly unplaced: number;
}
