/**
 * Node and group styling for exports, following the view's cytoscape stylesheet rule for rule
 * (src/webview/canvas/cyStyle.ts): family fill and border, then missing and collapsed borders, then the
 * status colour on the border, in the same order of precedence.
 */
import { CLUSTER_SCOPE_LABEL } from '../viewModel/viewOptions.js';
import type { ViewGroup, ViewNode } from '../viewModel/viewGraph.js';
import type { Point } from '../viewModel/layoutTypes.js';
import { FAMILY_VISUALS, kindVisual } from '../visual/kinds.js';
import { GROUP_VISUAL } from '../visual/theme.js';
import { STATUS_TONE, TONE_VISUALS } from '../visual/status.js';
import type { BorderStyle, SceneGroup, SceneNode } from './scene.js';
import type { Paint, Palette } from './palette.js';

const BORDER = { base: 1.5, missing: 2, collapsed: 4.5, ok: 2, other: 3 } as const;
const MISSING_FILL_OPACITY = 0.06;

export function sceneNode(n: ViewNode, p: Point, colours: Palette): SceneNode {
  const visual = kindVisual(n.kind, n.missing, n.expected === true);
  const familyPaint = colours.paint(FAMILY_VISUALS[visual.family].color);
  const tone = STATUS_TONE[n.status];
  let border: Paint = familyPaint;
  let borderWidth: number = BORDER.base;
  let borderStyle: BorderStyle = 'solid';
  if (n.missing) {
    borderWidth = BORDER.missing;
    borderStyle = 'dashed';
  }
  if (n.aggregate !== undefined) {
    borderWidth = BORDER.collapsed;
    borderStyle = 'double';
  }
  if (tone !== 'neutral') {
    border = colours.paint(TONE_VISUALS[tone].color);
    borderWidth = tone === 'ok' ? BORDER.ok : BORDER.other;
  }
  const fillOpacity = n.missing ? MISSING_FILL_OPACITY : colours.fillOpacity;
  const node: SceneNode = {
    id: n.id,
    kind: n.kind,
    name: n.name,
    namespace: n.namespace,
    status: n.status,
    tone,
    family: visual.family,
    shape: n.aggregate === 'namespace' ? 'round-rectangle' : visual.shape,
    lines: n.label.split('\n'),
    x: p.x,
    y: p.y,
    width: n.width,
    height: n.height,
    fill: { color: familyPaint.color, opacity: round3(familyPaint.opacity * fillOpacity) },
    border,
    borderWidth,
    borderStyle,
    missing: n.missing,
    members: n.members,
  };
  return {
    ...node,
    ...(n.aggregate === undefined ? {} : { aggregate: n.aggregate }),
    ...(n.parent === undefined ? {} : { parent: n.parent }),
  };
}

/** Namespace boxes around their drawn members, with the canvas's compound padding. */
export function sceneGroups(groups: readonly ViewGroup[], nodes: readonly SceneNode[]): SceneGroup[] {
  const result: SceneGroup[] = [];
  for (const g of groups) {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const n of nodes) {
      if (n.parent !== g.id) continue;
      x1 = Math.min(x1, n.x - n.width / 2);
      y1 = Math.min(y1, n.y - n.height / 2);
      x2 = Math.max(x2, n.x + n.width / 2);
      y2 = Math.max(y2, n.y + n.height / 2);
    }
    if (x1 === Infinity) continue; // no member drawn: the canvas draws no empty box either
    const pad = GROUP_VISUAL.padding;
    result.push({
      id: g.id,
      namespace: g.namespace,
      label: g.namespace === '' ? CLUSTER_SCOPE_LABEL : g.namespace,
      box: { x: x1 - pad, y: y1 - pad, width: x2 - x1 + 2 * pad, height: y2 - y1 + 2 * pad },
    });
  }
  return result;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
