/**
 * The reference layout: Graphviz `dot` on our own DOT export of a scene, read back (`-Tjson`) into the shape the
 * layout-quality measures read, so dot's picture is measured by exactly the code that measures ours. Node sizes
 * are ours (the export fixes them), label boxes use our text measurement at dot's positions, and edges are dot's
 * splines, flattened like our curves.
 */
import { spawnSync } from 'node:child_process';
import { renderDot } from '../src/engine/export/dot.js';
import { groupTitleBox, nodeLabelBox } from '../src/engine/export/quality/labelBoxes.js';
import { pathPolyline } from '../src/engine/export/quality/pathPolyline.js';
import type { QualityEdge, QualityLabel, QualityNode, QualityScene } from '../src/engine/export/quality/qualityTypes.js';
import type { Scene, SceneEdge } from '../src/engine/export/scene.js';
import type { Point } from '../src/engine/viewModel/layoutTypes.js';

export type DotRun = { readonly scene: QualityScene; readonly ms: number } | { readonly skipped: string };

/** dot's JSON output, the parts read here. Sizes are in inches, positions in points with y growing upwards. */
export interface DotJson {
  readonly bb: string;
  readonly objects?: readonly DotObject[];
  readonly edges?: readonly { readonly tail: number; readonly head: number; readonly pos?: string }[];
}

interface DotObject {
  readonly _gvid: number;
  readonly name: string;
  readonly pos?: string;
  readonly width?: string;
  readonly height?: string;
  readonly bb?: string;
  readonly lp?: string;
  readonly label?: string;
}

/** Runs `dot -Tjson` on the scene's DOT export; a timeout or a missing dot is a reason to skip, not an error. */
export function runDot(scene: Scene, timeoutMs: number): DotRun {
  const input = renderDot(scene);
  const start = performance.now();
  const result = spawnSync('dot', ['-Tjson'], { input, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 2 ** 30 });
  const ms = performance.now() - start;
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { skipped: 'dot not installed (apt-get install graphviz)' };
    if (code === 'ETIMEDOUT') return { skipped: `dot still running after ${Math.round(timeoutMs / 1000)} s` };
    return { skipped: `dot failed: ${result.error.message}` };
  }
  if (result.status !== 0) return { skipped: `dot exited with ${result.status}: ${result.stderr.split('\n')[0] ?? ''}` };
  return { scene: dotQualityScene(scene, JSON.parse(result.stdout) as DotJson), ms };
}

export function dotQualityScene(scene: Scene, json: DotJson): QualityScene {
  const top = numbers(json.bb)[3]!;
  const flip = (p: Point): Point => ({ x: p.x, y: top - p.y });
  const objects = json.objects ?? [];
  const byGvid = new Map(objects.map((o) => [o._gvid, o]));
  const sceneNodes = new Map(scene.nodes.map((n) => [n.id, n]));
  const nodes: QualityNode[] = [];
  const labels: QualityLabel[] = [];
  for (const o of objects) {
    const node = sceneNodes.get(o.name);
    if (o.pos !== undefined && node !== undefined) {
      const centre = flip(point(o.pos));
      const width = Number(o.width) * 72;
      const height = Number(o.height) * 72;
      nodes.push({ id: node.id, box: { x: centre.x - width / 2, y: centre.y - height / 2, width, height } });
      labels.push({ owner: node.id, box: nodeLabelBox(node.lines, centre) });
    } else if (o.bb !== undefined && o.lp !== undefined && o.label !== undefined) {
      // A namespace cluster: dot centres its title on lp, inside the cluster's top.
      labels.push({ owner: o.name, box: groupTitleBox(o.label, flip(point(o.lp))) });
    }
  }
  const ours = edgesByEnds(scene);
  const edges = (json.edges ?? []).map((e): QualityEdge => {
    const tail = byGvid.get(e.tail)?.name ?? '';
    const head = byGvid.get(e.head)?.name ?? '';
    // dot lists edges node by node, not in input order: each is matched to one of ours with the same ends.
    const edge = ours.get(`${tail}\u0000${head}`)?.shift();
    if (edge === undefined) throw new Error(`dot drew an edge ${tail} → ${head} that is not in the scene`);
    return { id: edge.id, source: edge.source, target: edge.target, type: edge.type, points: splinePoints(e.pos ?? '').map(flip) };
  });
  if (edges.length !== scene.edges.length) throw new Error(`dot returned ${edges.length} edges for our ${scene.edges.length}`);
  return { nodes, edges, labels };
}

/** The scene's edges by their two ends, in scene order (parallel edges share a key). */
function edgesByEnds(scene: Scene): Map<string, SceneEdge[]> {
  const byEnds = new Map<string, SceneEdge[]>();
  for (const e of scene.edges) {
    const key = `${e.source}\u0000${e.target}`;
    const list = byEnds.get(key);
    if (list === undefined) byEnds.set(key, [e]);
    else list.push(e);
  }
  return byEnds;
}

/**
 * An edge's `pos`: optional "e,x,y" (arrow tip) and "s,x,y" (arrow tail) marks, then 3n+1 points of a cubic
 * B-spline in Bézier form. The line drawn is the spline; arrow heads are left out, as they are for our edges.
 */
export function splinePoints(pos: string): Point[] {
  const controls = pos
    .split(/\s+/)
    .filter((part) => part !== '' && !part.startsWith('e,') && !part.startsWith('s,'))
    .map(point);
  if (controls.length < 4) return controls;
  const [first, ...rest] = controls;
  const curves: string[] = [];
  for (let k = 0; k + 2 < rest.length; k += 3)
    curves.push(`C${[rest[k]!, rest[k + 1]!, rest[k + 2]!].map((p) => `${p.x},${p.y}`).join(' ')}`);
  return pathPolyline(`M${first!.x},${first!.y} ${curves.join(' ')}`);
}

function point(text: string): Point {
  const [x, y] = numbers(text);
  return { x: x!, y: y! };
}

function numbers(text: string): number[] {
  return text.split(',').map(Number);
}
