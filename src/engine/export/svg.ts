/**
 * SVG export: the scene as a self-contained vector picture (no external fonts, images or CSS), so it
 * renders on GitHub as it does here. Written by hand as strings with a fixed attribute order and rounded
 * numbers, so the same scene always gives the same bytes and a git diff shows only real changes.
 * The viewBox is in the view's model coordinates: every node sits where the view draws it.
 */
import { GROUP_VISUAL } from '../visual/theme.js';
import { NODE_METRICS, shapePath } from '../visual/nodeGeometry.js';
import type { NodeShape } from '../visual/kinds.js';
import type { LegendBox, LegendItem } from './scene.js';
import { LEGEND } from './legend.js';
import type { Scene, SceneEdge, SceneGroup, SceneNode, SceneStub } from './scene.js';
import type { Paint } from './palette.js';
import { relationSentence } from './relationText.js';
import { escapeXml, fmt } from './text.js';
import { STUB } from './stubMetrics.js';

/** Generic sans-serif with the usual UI fonts first; the PNG renderer maps `sans-serif` to its bundled font. */
export const FONT_FAMILY = "'Segoe UI', -apple-system, 'Helvetica Neue', Helvetica, Arial, sans-serif";

export const GROUP_LABEL_SIZE = 13;
const TITLE_SIZE = 16;

export function renderSvg(scene: Scene): string {
  const b = scene.bounds;
  const nodes = new Map(scene.nodes.map((n) => [n.id, n]));
  const edges = new Map(scene.edges.map((e) => [e.id, e]));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(b.width)}" height="${fmt(b.height)}" ` +
      `viewBox="${fmt(b.x)} ${fmt(b.y)} ${fmt(b.width)} ${fmt(b.height)}" ` +
      `font-family="${FONT_FAMILY}" role="img" aria-labelledby="kubilitics-title">`,
    `<title id="kubilitics-title">${escapeXml(scene.meta.title)}</title>`,
    `<desc>${escapeXml(`${scene.nodes.length} nodes, ${scene.edges.length} relations. ${scene.header.subtitle}`)}</desc>`,
    `<rect x="${fmt(b.x)}" y="${fmt(b.y)}" width="${fmt(b.width)}" height="${fmt(b.height)}"${fill(scene.palette.background)}/>`,
    '<g id="groups">',
    ...scene.groups.map((g) => groupSvg(g, scene)),
    '</g>',
    '<g id="edges">',
    ...scene.edges.filter((e) => e.crossCutting !== true).map((e) => edgeSvg(e, nodes)),
    '</g>',
    `<g id="nodes" font-size="${NODE_METRICS.fontSize}"${fill(scene.palette.foreground)} text-anchor="middle">`,
    ...scene.nodes.map(nodeSvg),
    '</g>',
    `<g id="stubs" font-size="${STUB.fontSize}"${fill(scene.palette.muted)}>`,
    ...scene.stubs.map((s) => stubSvg(s, nodes, edges)),
    '</g>',
    headerSvg(scene),
    legendSvg(scene.legend, scene),
    '</svg>',
  ];
  return `${out.join('\n')}\n`;
}

function fill(p: Paint): string {
  return p.opacity === 1 ? ` fill="${p.color}"` : ` fill="${p.color}" fill-opacity="${fmt(p.opacity, 3)}"`;
}

function stroke(p: Paint, width: number, dash: readonly number[] = []): string {
  const opacity = p.opacity === 1 ? '' : ` stroke-opacity="${fmt(p.opacity, 3)}"`;
  const dashes = dash.length === 0 ? '' : ` stroke-dasharray="${dash.map((d) => fmt(d)).join(' ')}"`;
  return ` stroke="${p.color}"${opacity} stroke-width="${fmt(width)}"${dashes}`;
}

function groupSvg(g: SceneGroup, scene: Scene): string {
  const colours = scene.palette;
  const fillPaint = { color: colours.paint(GROUP_VISUAL.fill).color, opacity: GROUP_VISUAL.fillOpacity };
  const border = { color: colours.paint(GROUP_VISUAL.border).color, opacity: GROUP_VISUAL.borderOpacity };
  const label = colours.paint(GROUP_VISUAL.label);
  const { x, y, width, height } = g.box;
  const title = groupTitleAnchor(g);
  return (
    `<g data-id="${escapeXml(g.id)}">` +
    `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}" rx="8"${fill(fillPaint)}${stroke(border, 1)}/>` +
    `<text x="${fmt(title.x)}" y="${fmt(title.y)}" font-size="${GROUP_LABEL_SIZE}" font-weight="bold" text-anchor="middle"` +
    `${fill(label)}>${escapeXml(g.label)}</text></g>`
  );
}

/** Where a group's title is drawn: centred above the box, `y` being its baseline. */
export function groupTitleAnchor(g: Pick<SceneGroup, 'box'>): { x: number; y: number } {
  return { x: g.box.x + g.box.width / 2, y: g.box.y - 6 };
}

export function edgePathData(e: SceneEdge): string {
  if (e.points !== undefined) return `M${e.points.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' L')}`;
  const c = e.control;
  return c === undefined
    ? `M${fmt(e.from.x)},${fmt(e.from.y)} L${fmt(e.to.x)},${fmt(e.to.y)}`
    : `M${fmt(e.from.x)},${fmt(e.from.y)} Q${fmt(c.x)},${fmt(c.y)} ${fmt(e.to.x)},${fmt(e.to.y)}`;
}

/** The `<title>` is the relation in words: browsers show it when the pointer rests on the line. */
function edgeSvg(e: SceneEdge, nodes: ReadonlyMap<string, SceneNode>): string {
  const head = e.head.length === 0 ? '' : `<path d="M${e.head.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' L')} Z"${fill(e.paint)}/>`;
  const title = `<title>${escapeXml(relationSentence(e, nodes))}</title>`;
  const path = `<path d="${edgePathData(e)}" fill="none"${stroke(e.paint, e.width, e.dash)}/>`;
  return `<g data-id="${escapeXml(e.id)}">${title}${path}${head}${countSvg(e)}</g>`;
}

/** A cross-cutting relation, short: a line with an arrow leaving its source, labelled with the far ends. */
function stubSvg(s: SceneStub, nodes: ReadonlyMap<string, SceneNode>, edges: ReadonlyMap<string, SceneEdge>): string {
  const sentences = s.edges.flatMap((id) => {
    const e = edges.get(id);
    return e === undefined ? [] : [relationSentence(e, nodes)];
  });
  const title = `<title>${escapeXml(sentences.join('\n'))}</title>`;
  const line = `<path d="M${fmt(s.from.x)},${fmt(s.from.y)} L${fmt(s.to.x)},${fmt(s.to.y)}" fill="none"${stroke(s.paint, 1.2, s.dash)}/>`;
  const head = `<path d="M${s.head.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' L')} Z"${fill(s.paint)}/>`;
  const anchor = s.anchor === 'start' ? '' : ` text-anchor="${s.anchor}"`;
  const text = `<text x="${fmt(s.labelAt.x)}" y="${fmt(s.labelAt.y)}"${anchor}>${escapeXml(s.label)}</text>`;
  return `<g data-stub="${escapeXml(s.node)}">${title}${line}${head}${text}</g>`;
}

/** A line between folded groups is labelled with how many relations it stands for, as in the view. */
function countSvg(e: SceneEdge): string {
  if (e.count === undefined) return '';
  const c = e.control ?? { x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2 };
  const mid = { x: (e.from.x + 2 * c.x + e.to.x) / 4, y: (e.from.y + 2 * c.y + e.to.y) / 4 };
  return `<text x="${fmt(mid.x)}" y="${fmt(mid.y - 3)}" font-size="10" text-anchor="middle"${fill(e.paint)}>${e.count}</text>`;
}

/** The shape's outline grown (or shrunk, for negative `by`) on every side, placed around the node's centre. */
function outline(shape: NodeShape, n: Pick<SceneNode, 'x' | 'y' | 'width' | 'height'>, by = 0): string {
  const w = n.width + 2 * by;
  const h = n.height + 2 * by;
  return `<path transform="translate(${fmt(n.x - w / 2)},${fmt(n.y - h / 2)})" d="${shapePath(shape, w, h)}"`;
}

function nodeSvg(n: SceneNode): string {
  const parts = [`<g data-id="${escapeXml(n.id)}">`];
  if (n.borderStyle === 'double') {
    // Cytoscape's double border: two lines, each a third of the border width, on either side of the outline.
    const third = n.borderWidth / 3;
    parts.push(`${outline(n.shape, n)}${fill(n.fill)} stroke="none"/>`);
    parts.push(`${outline(n.shape, n, third)} fill="none"${stroke(n.border, third)}/>`);
    parts.push(`${outline(n.shape, n, -third)} fill="none"${stroke(n.border, third)}/>`);
  } else {
    parts.push(`${outline(n.shape, n)}${fill(n.fill)}${stroke(n.border, n.borderWidth, n.borderStyle === 'dashed' ? [5, 3] : [])}/>`);
  }
  parts.push(
    `<text>${labelLines(n)
      .map(({ y, text }) => `<tspan x="${fmt(n.x)}" y="${fmt(y)}">${escapeXml(text)}</tspan>`)
      .join('')}</text>`,
  );
  parts.push('</g>');
  return parts.join('');
}

/** Baselines of the node's label lines, centred in the box as cytoscape centres wrapped labels. */
export function labelLines(n: Pick<SceneNode, 'y' | 'lines'>): { y: number; text: string }[] {
  const pitch = NODE_METRICS.fontSize * NODE_METRICS.lineHeight;
  const top = n.y - (n.lines.length * pitch) / 2;
  // 0.35 em below a line's middle is where a sans-serif baseline sits.
  return n.lines.map((text, i) => ({ y: top + pitch * (i + 0.5) + NODE_METRICS.fontSize * 0.35, text }));
}

function headerSvg(scene: Scene): string {
  const h = scene.header;
  const sub =
    h.subtitle === ''
      ? ''
      : `<text x="${fmt(h.x)}" y="${fmt(h.y + 18)}" font-size="11"${fill(scene.palette.muted)}>${escapeXml(h.subtitle)}</text>`;
  const title =
    `<text x="${fmt(h.x)}" y="${fmt(h.y)}" font-size="${TITLE_SIZE}" font-weight="bold"${fill(scene.palette.foreground)}>` +
    `${escapeXml(h.title)}</text>`;
  return `<g id="header">${title}${sub}</g>`;
}

function legendSvg(legend: LegendBox, scene: Scene): string {
  const colours = scene.palette;
  const parts = [
    `<g id="legend" font-size="${LEGEND.fontSize}">`,
    `<rect x="${fmt(legend.x)}" y="${fmt(legend.y)}" width="${fmt(legend.width)}" height="${fmt(legend.height)}" rx="6" fill="none"` +
      `${stroke({ color: colours.muted.color, opacity: 0.35 }, 1)}/>`,
  ];
  for (const column of legend.columns) {
    parts.push(
      `<text x="${fmt(column.x)}" y="${fmt(column.y)}" font-size="${LEGEND.titleSize}" font-weight="bold"${fill(colours.foreground)}>` +
        `${escapeXml(column.title)}</text>`,
    );
    for (const item of column.items) parts.push(legendItemSvg(item, scene));
  }
  parts.push('</g>');
  return parts.join('\n');
}

function legendItemSvg(item: LegendItem, scene: Scene): string {
  const s = item.sample;
  const w = LEGEND.sampleWidth;
  const h = LEGEND.sampleHeight;
  const box = { x: item.x + w / 2, y: item.y, width: w - 4, height: h - 2 };
  let sample: string;
  switch (s.kind) {
    case 'shape':
      sample = `${outline(s.shape, box)}${fill(s.fill)}${stroke(s.border, 1.5, s.dashed ? [4, 2] : [])}/>`;
      break;
    case 'status':
      sample = `<circle cx="${fmt(item.x + 8)}" cy="${fmt(item.y)}" r="5.5" fill="none"${stroke(s.color, 3)}/>`;
      break;
    case 'double':
      sample =
        `${outline('round-rectangle', box, 1.5)} fill="none"${stroke(s.color, 1.5)}/>` +
        `${outline('round-rectangle', box, -1.5)} fill="none"${stroke(s.color, 1.5)}/>`;
      break;
    case 'note':
      sample = '';
      break;
    case 'edge': {
      const y = fmt(item.y);
      sample =
        `<path d="M${fmt(item.x + 1)},${y} L${fmt(item.x + 26)},${y}" fill="none"${stroke(s.paint, s.width, s.dash)}/>` +
        `<path d="M${fmt(item.x + 25)},${fmt(item.y - 4)} L${fmt(item.x + 33)},${y} ` +
        `L${fmt(item.x + 25)},${fmt(item.y + 4)} Z"${fill(s.paint)}/>`;
      break;
    }
  }
  const label =
    `<text x="${fmt(item.x + LEGEND.labelOffset)}" y="${fmt(item.y + 4)}"${fill(scene.palette.foreground)}>` +
    `${escapeXml(item.label)}</text>`;
  return sample + label;
}
