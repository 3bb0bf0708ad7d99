/**
 * The cytoscape stylesheet, generated from the shared visual language (src/engine/visual/) and the
 * resolved theme. Status, search and selection are expressed as data fields and classes, so a status
 * change restyles a node in place without touching positions.
 */
import type { EdgeType } from '../../engine/model/graph';
import type { KindFamily } from '../../engine/visual/kinds';
import type { StatusTone } from '../../engine/visual/status';
import { BROKEN_EDGE, EDGE_VISUALS } from '../../engine/visual/edges';
import { CHROME, GROUP_VISUAL } from '../../engine/visual/theme';
import { FAMILY_VISUALS } from '../../engine/visual/kinds';
import { NODE_METRICS } from '../../engine/visual/nodeGeometry';
import { TONE_VISUALS } from '../../engine/visual/status';
import type { ResolvedTheme } from './resolvedTheme';
import { BADGE_SIZE } from './warningBadge';
import { heatBlocks } from './heatMarks';

export interface StyleBlock {
  readonly selector: string;
  readonly style: Readonly<Record<string, string | number | readonly number[]>>;
}

/** Above this many elements, drop per-frame niceties that cost more than they show. */
export const LARGE_GRAPH = 1500;
/** A large view becomes small again only below this: switching restyles every element (a 1,504-element view lost
 * 700 ms to a 100-object delta that took it under LARGE_GRAPH and back). */
export const SMALL_AGAIN = 1200;

/** Whether a view of `elements` nodes and edges is drawn as large, given whether it was. */
export function drawnAsLarge(elements: number, wasLarge: boolean): boolean {
  return elements > (wasLarge ? SMALL_AGAIN : LARGE_GRAPH);
}

export function buildStylesheet(theme: ResolvedTheme, large: boolean): StyleBlock[] {
  return [
    coreBlock(theme),
    ...nodeBlocks(theme),
    ...familyBlocks(theme),
    ...statusBlocks(theme),
    ...heatBlocks(theme),
    warningBlock(),
    ...groupBlocks(theme),
    ...edgeBlocks(theme, large),
    ...stateBlocks(theme),
    ...diffBlocks(theme),
  ];
}

/**
 * A large view pans and zooms a snapshot of itself (viewportTexture.ts); around the snapshot, where nothing was drawn
 * yet, the editor's background rather than cytoscape's black.
 */
function coreBlock(theme: ResolvedTheme): StyleBlock {
  const bg = theme.color(CHROME.background);
  return { selector: 'core', style: { 'outside-texture-bg-color': bg.rgb, 'outside-texture-bg-opacity': 1 } };
}

/** A comparison of two moments: added in green, removed faded and dashed in red, changed in amber. */
function diffBlocks(theme: ResolvedTheme): StyleBlock[] {
  const added = theme.color(TONE_VISUALS.ok.color).rgb;
  const removed = theme.color(TONE_VISUALS.bad.color).rgb;
  const changed = theme.color(TONE_VISUALS.degraded.color).rgb;
  const halo = (color: string): Record<string, string | number> => ({
    'underlay-color': color,
    'underlay-opacity': 0.45,
    'underlay-padding': 7,
  });
  return [
    { selector: 'node.diff-added', style: { ...halo(added), 'border-color': added, 'border-width': 3 } },
    { selector: 'node.diff-changed', style: { ...halo(changed), 'border-color': changed, 'border-width': 3 } },
    { selector: 'node.diff-removed', style: { ...halo(removed), 'border-color': removed, 'border-style': 'dashed', opacity: 0.55 } },
    { selector: 'edge.diff-added', style: { 'line-color': added, 'target-arrow-color': added, width: 3 } },
    { selector: 'edge.diff-changed', style: { 'line-color': changed, 'target-arrow-color': changed, width: 3 } },
    {
      selector: 'edge.diff-removed',
      style: { 'line-color': removed, 'target-arrow-color': removed, 'line-style': 'dashed', opacity: 0.55 },
    },
  ];
}

function nodeBlocks(theme: ResolvedTheme): StyleBlock[] {
  const fg = theme.color(CHROME.foreground);
  const dark = theme.kind === 'dark' || theme.kind === 'high-contrast';
  return [
    {
      // Groups (compounds) size themselves from their children and carry no width/height data.
      selector: 'node[width]',
      style: { width: 'data(width)', height: 'data(height)' },
    },
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': theme.fontFamily,
        'font-size': NODE_METRICS.fontSize,
        'line-height': NODE_METRICS.lineHeight,
        color: fg.rgb,
        'text-opacity': fg.alpha,
        'text-wrap': 'wrap',
        'text-max-width': `${NODE_METRICS.maxWidth}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'border-width': 1.5,
        // Tinted fill: the family colour over the editor background, strong enough to tell families
        // apart, faint enough to keep black/white text legible in both themes.
        'background-opacity': dark ? 0.2 : 0.13,
        // Labels smaller than this on screen are skipped, which keeps zoomed-out large graphs fluid.
        'min-zoomed-font-size': 6,
      },
    },
  ];
}

function familyBlocks(theme: ResolvedTheme): StyleBlock[] {
  const families = Object.keys(FAMILY_VISUALS) as KindFamily[];
  const blocks: StyleBlock[] = families.map((family) => {
    const visual = FAMILY_VISUALS[family];
    const c = theme.color(visual.color);
    return {
      selector: `node[family = "${family}"]`,
      style: { shape: visual.shape, 'background-color': c.rgb, 'border-color': c.rgb },
    };
  });
  // A missing placeholder keeps its kind's shape but is drawn as an outline: "something should be here".
  for (const family of families) {
    blocks.push({ selector: `node[kindFamily = "${family}"]`, style: { shape: FAMILY_VISUALS[family].shape } });
  }
  blocks.push({
    selector: 'node[?missing]',
    style: { 'border-style': 'dashed', 'border-width': 2, 'background-opacity': 0.06 },
  });
  blocks.push({
    selector: 'node[aggregate = "pods"], node[aggregate = "events"]',
    style: { 'border-style': 'double', 'border-width': 4.5 },
  });
  blocks.push({
    selector: 'node[aggregate = "namespace"]',
    style: { shape: 'round-rectangle', 'border-style': 'double', 'border-width': 4.5 },
  });
  return blocks;
}

function statusBlocks(theme: ResolvedTheme): StyleBlock[] {
  const tones = Object.keys(TONE_VISUALS) as Exclude<StatusTone, 'neutral'>[];
  return tones.map((tone) => ({
    selector: `node[tone = "${tone}"]`,
    style: {
      'border-color': theme.color(TONE_VISUALS[tone].color).rgb,
      'border-width': tone === 'ok' ? 2 : 3,
    },
  }));
}

/** A node with recent Warning Events: its count in a badge over the top-right corner (warningBadge.ts). */
function warningBlock(): StyleBlock {
  const half = BADGE_SIZE / 2;
  return {
    selector: 'node[badge]',
    style: {
      'background-image': 'data(badge)',
      'background-width': BADGE_SIZE,
      'background-height': BADGE_SIZE,
      'background-position-x': '100%',
      'background-position-y': '0%',
      'background-offset-x': half,
      'background-offset-y': -half,
      'background-clip': 'none',
      'background-image-containment': 'over',
      'background-image-opacity': 1,
      'bounds-expansion': half,
    },
  };
}

function groupBlocks(theme: ResolvedTheme): StyleBlock[] {
  const fill = theme.color(GROUP_VISUAL.fill);
  const border = theme.color(GROUP_VISUAL.border);
  const muted = theme.color(GROUP_VISUAL.label);
  return [
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        label: 'data(label)',
        'background-color': fill.rgb,
        'background-opacity': GROUP_VISUAL.fillOpacity,
        'border-color': border.rgb,
        'border-opacity': GROUP_VISUAL.borderOpacity,
        'border-width': 1,
        'border-style': 'solid',
        padding: `${GROUP_VISUAL.padding}px`,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -5,
        'font-size': 'data(labelSize)',
        // Sized per group by decorations.ts (groupTitle.ts): long titles end in an ellipsis at the box's width.
        'text-wrap': 'ellipsis',
        'text-max-width': 'data(titleWidth)',
        'font-weight': 'bold',
        color: muted.rgb,
        'text-opacity': 1,
        'min-zoomed-font-size': 4,
      },
    },
  ];
}

function edgeBlocks(theme: ResolvedTheme, large: boolean): StyleBlock[] {
  const blocks: StyleBlock[] = [
    {
      selector: 'edge',
      style: {
        // Bezier keeps parallel edges apart; straight is much cheaper to draw when there are thousands.
        'curve-style': large ? 'straight' : 'bezier',
        'arrow-scale': 0.8,
        'target-arrow-shape': 'triangle',
        opacity: 0.9,
      },
    },
  ];
  for (const type of Object.keys(EDGE_VISUALS) as EdgeType[]) {
    const visual = EDGE_VISUALS[type];
    const c = theme.color(visual.color);
    blocks.push({
      selector: `edge[type = "${type}"]`,
      style: {
        width: visual.width,
        'line-color': c.rgb,
        'target-arrow-color': c.rgb,
        'line-opacity': Math.max(0.55, c.alpha),
        'line-style': visual.line,
        'target-arrow-shape': visual.arrow,
      },
    });
  }
  blocks.push({ selector: 'edge[?controller]', style: { width: 2 } });
  // The layout's orthogonal routes (edgeRoutes.ts): the same lines the exports draw.
  blocks.push({
    selector: 'edge.routed',
    style: {
      'curve-style': 'segments',
      'edge-distances': 'node-position',
      'segment-weights': 'data(segWeights)',
      'segment-distances': 'data(segDistances)',
    },
  });
  // Cross-cutting relations stay out of the picture until one of their ends is selected or hovered.
  blocks.push({ selector: 'edge.cross', style: { display: 'none' } });
  blocks.push({ selector: 'edge.cross.related, edge.cross.hover', style: { display: 'element' } });
  const error = theme.color(BROKEN_EDGE.color);
  blocks.push({
    selector: 'edge[?broken]',
    style: {
      width: BROKEN_EDGE.width,
      'line-color': error.rgb,
      'target-arrow-color': error.rgb,
      'line-opacity': 1,
      'line-style': BROKEN_EDGE.line,
      'line-dash-pattern': BROKEN_EDGE.dashPattern,
      'target-arrow-shape': BROKEN_EDGE.arrow,
    },
  });
  return blocks;
}

function stateBlocks(theme: ResolvedTheme): StyleBlock[] {
  const focus = theme.color(CHROME.focus);
  const match = theme.color(CHROME.match);
  const bg = theme.color(CHROME.background);
  const fg = theme.color(CHROME.foreground);
  return [
    {
      // Zoomed far out: the namespace name is drawn large over its box (size set per zoom, see decorations).
      selector: 'node.group.far',
      style: {
        'text-valign': 'center',
        'text-margin-y': 0,
        color: fg.rgb,
        'text-background-color': bg.rgb,
        'text-background-opacity': 0.75,
        'text-background-padding': '4px',
        'text-background-shape': 'round-rectangle',
      },
    },
    { selector: '.dimmed', style: { opacity: 0.18 } },
    {
      selector: 'node.match',
      style: {
        'underlay-color': match.rgb,
        'underlay-opacity': Math.min(0.7, Math.max(0.4, match.alpha * 1.5)),
        'underlay-padding': 6,
      },
    },
    {
      // The selection stays bright even when a search dims it.
      selector: 'node:selected',
      style: { 'underlay-color': focus.rgb, 'underlay-opacity': 0.35, 'underlay-padding': 6, 'border-width': 3, opacity: 1 },
    },
    { selector: 'node.group:selected', style: { 'underlay-opacity': 0, 'border-color': focus.rgb, 'border-width': 2 } },
    {
      selector: 'edge[countLabel]',
      style: {
        label: 'data(countLabel)',
        'font-size': 10,
        'font-family': theme.fontFamily,
        color: fg.rgb,
        'text-background-color': bg.rgb,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    {
      selector: 'edge.related',
      style: {
        width: 2.5,
        opacity: 1,
        'z-index': 10,
        label: 'data(reading)',
        'font-size': 9,
        'font-family': theme.fontFamily,
        color: fg.rgb,
        'text-rotation': 'autorotate',
        'text-background-color': bg.rgb,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    // A reading that would run over the boxes its edge joins (decorations.ts) is left off.
    { selector: 'edge.related.crowded', style: { label: '' } },
    {
      // The keyboard focus ring: a solid outline outside the node, in the theme's focus colour.
      selector: 'node.kbfocus',
      style: { 'outline-width': 2.5, 'outline-color': focus.rgb, 'outline-offset': 4, 'outline-opacity': 1 },
    },
  ];
}
