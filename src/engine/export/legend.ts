/**
 * The legend drawn into exports: the view's legend (src/webview/components/Legend.tsx) with the same three
 * sections — the kind families (shape and fill) and relation types present in this drawing, and every status
 * colour plus the collapsed marker — laid out beside or below the diagram in model coordinates. A key to what
 * the drawing does not hold would only make an exported picture larger.
 */
import type { KindFamily } from '../visual/kinds.js';
import type { StatusTone } from '../visual/status.js';
import { BROKEN_EDGE, EDGE_VISUALS } from '../visual/edges.js';
import { CHROME } from '../visual/theme.js';
import { FAMILY_VISUALS } from '../visual/kinds.js';
import { TONE_VISUALS } from '../visual/status.js';
import { DASHES } from './edgeGeometry.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { LegendBox, LegendColumn, LegendItem, SceneEdge, SceneNode, StubPlacement } from './scene.js';
import type { Palette } from './palette.js';

export const LEGEND = {
  fontSize: 11,
  titleSize: 11.5,
  row: 18,
  padding: 14,
  columnGap: 28,
  sampleWidth: 34,
  sampleHeight: 16,
  labelOffset: 42,
} as const;

type Entry = Pick<LegendItem, 'label' | 'sample'>;

/**
 * `columns` puts the three sections side by side (for a legend below the diagram); `stacked` puts them
 * one under another (for a legend beside it).
 */
export function layoutLegend(
  nodes: readonly Pick<SceneNode, 'family'>[],
  edges: readonly SceneEdge[],
  stubs: StubPlacement,
  at: Point,
  colours: Palette,
  arrangement: 'columns' | 'stacked',
): LegendBox {
  const sections: { title: string; entries: Entry[] }[] = [
    { title: 'Kinds (shape and fill)', entries: familyEntries(nodes, colours) },
    { title: 'Status (border)', entries: statusEntries(colours) },
    { title: 'Relations (source → target)', entries: relationEntries(edges, stubs, colours) },
  ];
  const columns: LegendColumn[] = [];
  let x = at.x + LEGEND.padding;
  let y = at.y + LEGEND.padding;
  let right = x;
  let bottom = y;
  for (const section of sections) {
    const titleY = y + LEGEND.titleSize;
    const items = section.entries.map((entry, i) => ({ ...entry, x, y: titleY + 8 + LEGEND.row * (i + 0.5) }));
    columns.push({ title: section.title, x, y: titleY, items });
    const width = Math.max(
      estimate(section.title, LEGEND.titleSize),
      ...section.entries.map((e) => LEGEND.labelOffset + estimate(e.label, LEGEND.fontSize)),
    );
    const height = LEGEND.titleSize + 8 + LEGEND.row * section.entries.length;
    right = Math.max(right, x + width);
    bottom = Math.max(bottom, y + height);
    if (arrangement === 'columns') x += width + LEGEND.columnGap;
    else y += height + LEGEND.columnGap / 2;
  }
  return { x: at.x, y: at.y, width: right + LEGEND.padding - at.x, height: bottom + LEGEND.padding - at.y, columns };
}

function estimate(text: string, size: number): number {
  return Math.ceil(text.length * size * 0.58);
}

function familyEntries(nodes: readonly Pick<SceneNode, 'family'>[], colours: Palette): Entry[] {
  const drawn = new Set(nodes.map((n) => n.family));
  return (Object.keys(FAMILY_VISUALS) as KindFamily[])
    .filter((f) => drawn.has(f))
    .map((f) => {
      const v = FAMILY_VISUALS[f];
      const paint = colours.paint(v.color);
      const fill = { color: paint.color, opacity: 0.2 };
      return {
        label: v.label,
        sample: { kind: 'shape', shape: v.shape, fill, border: paint, dashed: v.dashed },
      };
    });
}

function statusEntries(colours: Palette): Entry[] {
  const tones = Object.keys(TONE_VISUALS) as Exclude<StatusTone, 'neutral'>[];
  return [
    ...tones.map((t): Entry => ({ label: TONE_VISUALS[t].label, sample: { kind: 'status', color: colours.paint(TONE_VISUALS[t].color) } })),
    { label: 'Collapsed group (double border)', sample: { kind: 'double', color: colours.paint(CHROME.muted) } },
  ];
}

function relationEntries(all: readonly SceneEdge[], stubs: StubPlacement, colours: Palette): Entry[] {
  const edges = all.filter((e) => e.crossCutting !== true);
  // In the order of what they say, which is what a reader scans for.
  const types = [...new Set(edges.map((e) => e.type))].sort((a, b) => EDGE_VISUALS[a].label.localeCompare(EDGE_VISUALS[b].label, 'en'));
  const entries: Entry[] = types.map((t) => {
    const v = EDGE_VISUALS[t];
    const paint = colours.paint(v.color);
    // The reading alone, in the direction drawn ("keeps its token in"); the type name is in the JSON export.
    return {
      label: v.label,
      sample: { kind: 'edge', paint: { color: paint.color, opacity: Math.max(0.55, paint.opacity) }, width: v.width, dash: DASHES[v.line] },
    };
  });
  if (edges.some((e) => e.broken !== undefined)) {
    entries.push({
      label: BROKEN_EDGE.label,
      sample: { kind: 'edge', paint: colours.paint(BROKEN_EDGE.color), width: BROKEN_EDGE.width, dash: BROKEN_EDGE.dashPattern },
    });
  }
  const stubbed = all.length - edges.length - stubs.unplaced;
  if (stubbed > 0) {
    const muted = colours.paint(CHROME.muted);
    entries.push({ label: stubLine(stubbed), sample: { kind: 'edge', paint: { color: muted.color, opacity: 0.8 }, width: 1, dash: [] } });
  }
  if (stubs.unplaced > 0) entries.push({ label: notDrawnLine(stubs.unplaced), sample: { kind: 'note' } });
  return entries;
}

/** The legend's account of cross-cutting relations drawn as stubs at their source (stubs.ts). */
export function stubLine(count: number): string {
  return `→ far end: ${count} cross-cutting ${count === 1 ? 'relation' : 'relations'}, drawn short`;
}

/** The legend's account of cross-cutting relations with no room for a stub, which drawings leave out. */
export function notDrawnLine(count: number): string {
  return `${count} ${count === 1 ? 'relation' : 'relations'} not drawn (cross-cutting, no room)`;
}
