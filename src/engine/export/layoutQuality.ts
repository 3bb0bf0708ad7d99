/**
 * Layout quality in numbers (issue 15): edge crossings, edges through unrelated nodes, the share of flow edges
 * reading left to right, and overlapping labels. Measured on what is drawn — the SVG export's edge paths and
 * text boxes — so a number here is a fault a reader sees. Every count uses a uniform grid (quality/spatialGrid.ts):
 * seconds at 100K nodes, not the hours all pairs would take.
 */
import type { EdgeType } from '../model/graph.js';
import { countCrossings } from './quality/crossings.js';
import { countLabelOverlaps } from './quality/labelOverlaps.js';
import type { LayoutQuality, QualityEdge, QualityNode, QualityScene } from './quality/qualityTypes.js';
import { qualitySceneOf } from './quality/qualityScene.js';
import { edgesThroughNodes } from './quality/throughNodes.js';
import type { Scene } from './scene.js';

export type { LayoutQuality, QualityScene } from './quality/qualityTypes.js';

/** The relations a reader follows from entry point to Pod: they should point in the reading direction. */
export const FLOW_EDGE_TYPES: ReadonlySet<EdgeType> = new Set<EdgeType>(['routes', 'selects', 'owns']);

export function measureLayout(scene: QualityScene): LayoutQuality {
  const flow = forwardFlow(scene.nodes, scene.edges);
  return {
    crossings: countCrossings(scene.edges),
    edgesThroughNodes: edgesThroughNodes(scene.nodes, scene.edges),
    flowEdges: flow.edges,
    forwardFlowEdges: flow.forward,
    labelOverlaps: countLabelOverlaps(scene.labels),
  };
}

/** Our export's scene, measured as the SVG draws it. */
export function measureScene(scene: Scene): LayoutQuality {
  return measureLayout(qualitySceneOf(scene));
}

/** Forward flow edges ÷ flow edges; 1 when there are none (nothing reads backwards). */
export function forwardShare(quality: LayoutQuality): number {
  return quality.flowEdges === 0 ? 1 : quality.forwardFlowEdges / quality.flowEdges;
}

/** Flow edges, and those whose target's centre is to the right of their source's centre. */
function forwardFlow(nodes: readonly QualityNode[], edges: readonly QualityEdge[]): { edges: number; forward: number } {
  const centreX = new Map(nodes.map((n) => [n.id, n.box.x + n.box.width / 2]));
  let flow = 0;
  let forward = 0;
  for (const e of edges) {
    if (!FLOW_EDGE_TYPES.has(e.type)) continue;
    const from = centreX.get(e.source);
    const to = centreX.get(e.target);
    if (from === undefined || to === undefined) continue;
    flow++;
    if (to > from) forward++;
  }
  return { edges: flow, forward };
}
