/**
 * Node geometry shared by the canvas and the exporters: the label lines a node shows, its box size, and the
 * outline path of each shape, so text fits the same box everywhere.
 */
import type { NodeShape } from './kinds.js';

export const NODE_METRICS = {
  fontSize: 11,
  lineHeight: 1.3,
  /** Average glyph advance as a fraction of the font size for the UI font; generous to avoid clipping. */
  charWidth: 0.62,
  paddingX: 16,
  paddingY: 7,
  minWidth: 76,
  maxWidth: 240,
  /** Longer names are shortened in the middle; the details panel shows them whole. */
  maxNameLines: 3,
} as const;

const MAX_LINE_CHARS = Math.floor((NODE_METRICS.maxWidth - 2 * NODE_METRICS.paddingX) / (NODE_METRICS.fontSize * NODE_METRICS.charWidth));

/**
 * The lines drawn in a node: the kind tag, then the name broken into fixed-width chunks (Kubernetes names
 * have no spaces to wrap at). Both canvas and exporters draw exactly these lines.
 */
export function nodeLabelLines(tag: string, name: string): string[] {
  const max = MAX_LINE_CHARS;
  const limit = max * NODE_METRICS.maxNameLines;
  const shown = name.length <= limit ? name : `${name.slice(0, Math.ceil(limit / 2) - 1)}…${name.slice(-Math.floor(limit / 2))}`;
  const lines = [tag];
  for (let i = 0; i < shown.length; i += max) lines.push(shown.slice(i, i + max));
  if (shown.length === 0) lines.push('');
  return lines;
}

/** Box size for a node showing the given label lines. */
export function estimateNodeSize(lines: readonly string[]): { width: number; height: number } {
  const m = NODE_METRICS;
  const longest = lines.reduce((max, l) => Math.max(max, l.length), 0);
  const text = Math.ceil(longest * m.fontSize * m.charWidth);
  const width = Math.min(m.maxWidth, Math.max(m.minWidth, text + 2 * m.paddingX));
  const height = Math.ceil(lines.length * m.fontSize * m.lineHeight + 2 * m.paddingY);
  return { width, height };
}

/** An SVG path for a node shape in a `width` × `height` box at the origin, for the legend and exporters. */
export function shapePath(shape: NodeShape, width: number, height: number): string {
  const w = width;
  const h = height;
  const poly = (points: readonly (readonly [number, number])[]): string =>
    `M${points.map(([x, y]) => `${round(x)},${round(y)}`).join(' L')} Z`;
  switch (shape) {
    case 'rectangle':
      return poly([
        [0, 0],
        [w, 0],
        [w, h],
        [0, h],
      ]);
    case 'round-rectangle': {
      const r = Math.min(w, h) / 4;
      const corner = `A${r},${r} 0 0 1`;
      return `M${r},0 H${w - r} ${corner} ${w},${r} V${h - r} ${corner} ${w - r},${h} H${r} ${corner} 0,${h - r} V${r} ${corner} ${r},0 Z`;
    }
    case 'ellipse':
      return `M0,${h / 2} A${w / 2},${h / 2} 0 1 1 ${w},${h / 2} A${w / 2},${h / 2} 0 1 1 0,${h / 2} Z`;
    case 'hexagon':
      return poly([
        [w * 0.25, 0],
        [w * 0.75, 0],
        [w, h / 2],
        [w * 0.75, h],
        [w * 0.25, h],
        [0, h / 2],
      ]);
    // Both cut their four corners; they differ only in how deep the cut is.
    case 'octagon':
      return poly(cutCorners(w, h, Math.min(w, h) * 0.3));
    case 'cut-rectangle':
      return poly(cutCorners(w, h, Math.min(w, h) * 0.25));
    case 'barrel': {
      const b = w * 0.1;
      return `M${b},0 H${w - b} Q${w},${h / 2} ${w - b},${h} H${b} Q0,${h / 2} ${b},0 Z`;
    }
    case 'rhomboid':
      return poly([
        [w * 0.2, 0],
        [w, 0],
        [w * 0.8, h],
        [0, h],
      ]);
  }
}

function cutCorners(w: number, h: number, c: number): (readonly [number, number])[] {
  return [
    [c, 0],
    [w - c, 0],
    [w, c],
    [w, h - c],
    [w - c, h],
    [c, h],
    [0, h - c],
    [0, c],
  ];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
