/** Our drawn scene in the shape the layout-quality measures read: as the SVG export draws it. */
import type { Scene } from '../scene.js';
import { GROUP_LABEL_SIZE, edgePathData, groupTitleAnchor } from '../svg.js';
import { groupTitleBox, middleOfBaseline, nodeLabelBox } from './labelBoxes.js';
import { pathPolyline } from './pathPolyline.js';
import type { QualityScene } from './qualityTypes.js';

export function qualitySceneOf(scene: Scene): QualityScene {
  return {
    nodes: scene.nodes.map((n) => ({ id: n.id, box: { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height } })),
    // Cross-cutting relations are drawn as stubs at their source (stubs.ts): measured as the short lines they are.
    edges: [
      ...scene.edges
        .filter((e) => e.crossCutting !== true)
        .map((e) => ({ id: e.id, source: e.source, target: e.target, type: e.type, points: pathPolyline(edgePathData(e)) })),
      ...scene.stubs.map((s) => ({ id: `stub:${s.node}`, source: s.node, target: s.node, type: 'uses' as const, points: [s.from, s.to] })),
    ],
    labels: [
      ...scene.stubs.map((s) => ({ owner: `stub:${s.node}`, box: s.labelBox })),
      ...scene.nodes.map((n) => ({ owner: n.id, box: nodeLabelBox(n.lines, n) })),
      ...scene.groups.map((g) => ({ owner: g.id, box: groupTitleBox(g.label, middleOfBaseline(groupTitleAnchor(g), GROUP_LABEL_SIZE)) })),
    ],
  };
}
