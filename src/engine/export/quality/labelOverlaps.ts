/** Overlapping labels: pairs of text boxes (node labels, group titles) that share area, so one hides the other. */
import type { QualityLabel } from './qualityTypes.js';
import { boundsOf, boxOverlap } from './segments.js';
import { UniformGrid } from './spatialGrid.js';

/** Boxes closer than this only touch: two labels in neighbouring cells of a tight grid do not overlap. */
const TOUCH = 0.01;

export function countLabelOverlaps(labels: readonly QualityLabel[]): number {
  const meanSide = labels.reduce((sum, l) => sum + Math.max(l.box.width, l.box.height), 0) / Math.max(1, labels.length);
  const grid = UniformGrid.over(boundsOf(labels.map((l) => l.box)), labels.length, Math.max(1, meanSide));
  labels.forEach((l, i) => grid.addBox(l.box, i));
  let overlaps = 0;
  for (const [cell, items] of grid.occupied()) {
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const common = boxOverlap(labels[items[i]!]!.box, labels[items[j]!]!.box, TOUCH);
        // Counted in the cell holding the shared area's top-left corner: every pair once.
        if (common !== undefined && grid.cellAt(common.x, common.y) === cell) overlaps++;
      }
    }
  }
  return overlaps;
}
