/** A comparison's marks on the canvas: what it added, removed and changed, by the view elements that stand for them. */
import type { Core } from 'cytoscape';
import type { ViewGraph } from '../../engine/viewModel/viewGraph';
import type { GraphDiff } from '../../protocol/messages';

const MARKS = 'diff-added diff-removed diff-changed';

/** Clears the previous marks and marks `view`'s elements by `diff`; `null` only clears. */
export function markDiff(cy: Core, view: ViewGraph, diff: GraphDiff | null): void {
  // Only the marked ones: cytoscape restyles every element it is asked to remove a class from, marked or not.
  cy.elements('.diff-added, .diff-removed, .diff-changed').removeClass(MARKS);
  if (!diff) return;
  const classOf = new Map<string, string>();
  for (const id of diff.added) classOf.set(id, 'diff-added');
  for (const id of diff.changed) classOf.set(id, 'diff-changed');
  for (const id of diff.removed) classOf.set(id, 'diff-removed');
  cy.batch(() => {
    for (const element of [...view.nodes, ...view.edges]) {
      const found = element.members.map((member) => classOf.get(member)).find((cls) => cls !== undefined);
      if (found) cy.getElementById(element.id).addClass(found);
    }
  });
}
