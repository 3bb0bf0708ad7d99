/** A drawn relation in words, read in the direction of its arrow, for the tooltips of the SVG and DOT exports. */
import { EDGE_VISUALS } from '../visual/edges.js';
import type { SceneEdge, SceneNode } from './scene.js';

/** "Service web selects (label selector) Deployment web", plus the reason when the reference is broken. */
export function relationSentence(e: SceneEdge, nodes: ReadonlyMap<string, SceneNode>): string {
  const name = (id: string): string => {
    const n = nodes.get(id);
    return n === undefined ? id : `${n.kind} ${n.name}`;
  };
  const reading = `${name(e.source)} ${EDGE_VISUALS[e.type].label} ${name(e.target)}`;
  return e.broken === undefined ? reading : `${reading} (broken reference: ${e.broken})`;
}
