/**
 * The pages of a diagram too large to read on one page: an overview of the whole picture with the tile grid's
 * column letters and row numbers in the margin around it (never over the drawing), then one page per tile with
 * its name in the header and "continues on …" in the margins.
 */
import type { Rect, Scene } from './scene.js';
import { PDF_FONT, PDF_FONT_BOLD, centredText, drawScene } from './pdfDraw.js';
import type { Doc } from './pdfPages.js';
import { newPage, runningHeader, titleBlock } from './pdfPages.js';
import type { PdfPlan, Tile } from './pdfPlan.js';
import { GRID_MARGIN, PAGE_MARGIN, TILE_HEADER_HEIGHT, TILE_OVERLAP, TILE_SCALE, TITLE_BLOCK_HEIGHT, columnLetters } from './pdfPlan.js';

export function overviewPage(doc: Doc, plan: PdfPlan, tiles: readonly Tile[]): void {
  const scene = plan.scene;
  newPage(doc, scene, plan);
  const printed = `printed at ${Math.round(TILE_SCALE * 100)}%`;
  titleBlock(doc, scene, plan, `overview of ${tiles.length} tiles (${rangeOf(tiles)}) on the pages that follow, ${printed}`);
  const s = plan.overviewScale;
  const frame = {
    x: PAGE_MARGIN + GRID_MARGIN + (plan.pageWidth - 2 * PAGE_MARGIN - GRID_MARGIN - plan.region.width * s) / 2,
    y: PAGE_MARGIN + TITLE_BLOCK_HEIGHT + GRID_MARGIN,
    width: plan.region.width * s,
    height: plan.region.height * s,
  };
  doc.save().rect(frame.x, frame.y, frame.width, frame.height).clip();
  doc.translate(frame.x, frame.y).scale(s).translate(-plan.region.x, -plan.region.y);
  drawScene(doc, scene, plan.region);
  doc.restore();
  gridMarks(doc, plan, frame);
}

/** Letters above and numbers left of the drawing, each centred on its band, with ticks where the bands meet. */
function gridMarks(doc: Doc, plan: PdfPlan, frame: Rect): void {
  const s = plan.overviewScale;
  const muted = plan.scene.palette.muted.color;
  const step = (size: number): number => (size - TILE_OVERLAP) * s;
  const first = plan.tiles[0]?.area;
  if (first === undefined) return;
  const stepX = step(first.width);
  const stepY = step(first.height);
  doc.font(PDF_FONT_BOLD).fontSize(8).fillColor(muted);
  doc.lineWidth(0.5).strokeColor(muted, 0.7);
  for (let c = 0; c < plan.columns; c++) {
    const left = frame.x + c * stepX;
    const right = Math.min(frame.x + frame.width, left + stepX);
    centredText(doc, columnLetters(c), (left + right) / 2, frame.y - 4);
    if (c > 0)
      doc
        .moveTo(left, frame.y - GRID_MARGIN + 2)
        .lineTo(left, frame.y - 1)
        .stroke();
  }
  for (let r = 0; r < plan.rows; r++) {
    const top = frame.y + r * stepY;
    const bottom = Math.min(frame.y + frame.height, top + stepY);
    const label = String(r + 1);
    doc.text(label, frame.x - 4 - doc.widthOfString(label), (top + bottom) / 2 + 3, { lineBreak: false, baseline: 'alphabetic' });
    if (r > 0)
      doc
        .moveTo(frame.x - GRID_MARGIN + 2, top)
        .lineTo(frame.x - 1, top)
        .stroke();
  }
}

export function tilePage(doc: Doc, plan: PdfPlan, tile: Tile, at: { page: number; pages: number; tiles: readonly Tile[] }): void {
  const scene = plan.scene;
  newPage(doc, scene, plan);
  runningHeader(doc, scene, plan, tile.label, at);
  const m = PAGE_MARGIN;
  const top = m + TILE_HEADER_HEIGHT;
  const width = tile.area.width * TILE_SCALE;
  const height = tile.area.height * TILE_SCALE;
  doc.save().rect(m, top, width, height).clip();
  doc.translate(m, top).scale(TILE_SCALE).translate(-tile.area.x, -tile.area.y);
  drawScene(doc, scene, tile.area);
  doc.restore();
  neighbourLabels(doc, scene, tile, at.tiles, { x: m, y: top, width, height });
}

/** Small labels in the margin on each side naming the tile that continues the picture there; sideways left and right. */
function neighbourLabels(doc: Doc, scene: Scene, tile: Tile, tiles: readonly Tile[], frame: Rect): void {
  const find = (dc: number, dr: number): Tile | undefined => tiles.find((t) => t.column === tile.column + dc && t.row === tile.row + dr);
  doc.font(PDF_FONT).fontSize(7).fillColor(scene.palette.muted.color);
  const sides: [Tile | undefined, number, number, number][] = [
    [find(0, -1), frame.x + frame.width / 2, frame.y - 4, 0],
    [find(0, 1), frame.x + frame.width / 2, frame.y + frame.height + 9, 0],
    [find(-1, 0), frame.x - 6, frame.y + frame.height / 2, -90],
    [find(1, 0), frame.x + frame.width + 6, frame.y + frame.height / 2, 90],
  ];
  for (const [neighbour, x, y, angle] of sides) {
    if (neighbour === undefined) continue;
    doc.save().rotate(angle, { origin: [x, y] });
    centredText(doc, `continues on ${neighbour.label}`, x, y + (angle === 0 ? 0 : 3));
    doc.restore();
  }
}

function rangeOf(tiles: readonly Tile[]): string {
  const first = tiles[0]?.label ?? '';
  const last = tiles[tiles.length - 1]?.label ?? '';
  return first === last ? first : `${first}–${last}`;
}
