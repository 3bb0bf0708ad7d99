/**
 * Text boxes of the labels the SVG export draws, from the same generous width estimate that sizes node boxes
 * (NODE_METRICS.charWidth, model.ts textWidth) and the same placement (svg.ts labelLines, groupTitleAnchor).
 */
import type { Point } from '../../viewModel/layoutTypes.js';
import { NODE_METRICS } from '../../visual/nodeGeometry.js';
import { textWidth } from '../model.js';
import type { Rect } from '../scene.js';
import { GROUP_LABEL_SIZE } from '../svg.js';

/** How far below a line's middle its baseline sits, in ems (as svg.ts labelLines places node text). */
const BASELINE_BELOW_MIDDLE = 0.35;

/** A node's label lines, centred on the node's centre as the SVG centres them. */
export function nodeLabelBox(lines: readonly string[], centre: Point): Rect {
  const longest = lines.reduce((max, l) => Math.max(max, l.length), 0);
  const width = longest * NODE_METRICS.fontSize * NODE_METRICS.charWidth;
  const height = lines.length * NODE_METRICS.fontSize * NODE_METRICS.lineHeight;
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

/** A group's title, one em tall, centred on `middle` (its horizontal centre and the middle of the line). */
export function groupTitleBox(label: string, middle: Point): Rect {
  const width = textWidth(label, GROUP_LABEL_SIZE);
  return { x: middle.x - width / 2, y: middle.y - GROUP_LABEL_SIZE / 2, width, height: GROUP_LABEL_SIZE };
}

/** The middle of a title's line from its baseline. */
export function middleOfBaseline(baseline: Point, fontSize: number): Point {
  return { x: baseline.x, y: baseline.y - BASELINE_BELOW_MIDDLE * fontSize };
}
