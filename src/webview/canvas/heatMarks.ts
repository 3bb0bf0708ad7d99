/**
 * The metrics overlay on the canvas: each drawn node's heat step (engine/metrics/overlay.ts) as a class, painted as its
 * fill. Classes only: the node keeps its size, shape, status border and position, so turning the overlay on or off
 * never moves the layout. Nodes without figures go grey, so a kind's own tint is not read as a heat step.
 */
import type { Core, NodeSingular } from 'cytoscape';
import { HEAT_LEVELS, type HeatLevel } from '../../engine/metrics/overlay';
import { HEAT_VISUALS } from '../../engine/visual/heat';
import { CHROME } from '../../engine/visual/theme';
import type { ResolvedTheme } from './resolvedTheme';

const NONE = 'heat-none';
const CLASSES = [...HEAT_LEVELS.map((level) => `heat-${level}`), NONE];

/** Stylesheet blocks (cyStyle.ts's StyleBlock, spelled out here so the two files do not import each other). */
export function heatBlocks(theme: ResolvedTheme): { selector: string; style: Record<string, string | number> }[] {
  const blocks = HEAT_LEVELS.map((level) => ({
    selector: `node.heat-${level}`,
    style: { 'background-color': theme.color(HEAT_VISUALS[level].color).rgb, 'background-opacity': HEAT_VISUALS[level].opacity },
  }));
  blocks.push({ selector: `node.${NONE}`, style: { 'background-color': theme.color(CHROME.muted).rgb, 'background-opacity': 0.08 } });
  return blocks;
}

/** Sets each node's heat class from `levels` (absent: neutral); `null` turns the overlay off. Touches only nodes that change. */
export function markHeat(cy: Core, levels: ReadonlyMap<string, HeatLevel> | null): void {
  if (levels === null) {
    // Off (the usual case, after every view change): only the marked ones, as cytoscape restyles whatever it is asked to unmark.
    const marked = cy.nodes(CLASSES.map((cls) => `.${cls}`).join(', '));
    if (marked.nonempty()) marked.removeClass(CLASSES.join(' '));
    return;
  }
  cy.batch(() => {
    cy.nodes()
      .not('.group')
      .forEach((node: NodeSingular) => {
        const level = levels?.get(node.id());
        const wanted = level === undefined ? NONE : `heat-${level}`;
        const current = CLASSES.find((cls) => node.hasClass(cls));
        if (current === wanted) return;
        if (current !== undefined) node.removeClass(current);
        node.addClass(wanted);
      });
  });
}
