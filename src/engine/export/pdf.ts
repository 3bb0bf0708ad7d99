/**
 * PDF export with PDFKit: vector drawing of the scene, a title block (title, source, time, Kubilitics
 * version, filters), and for a diagram too large to read on one page an overview page with the tile grid
 * followed by one page per non-empty tile. Only the standard Helvetica font is used (nothing embedded),
 * and the creation date and file id come from the scene's `generatedAt`, so equal input gives equal bytes.
 */
import PDFDocument from 'pdfkit';
import type { Rect, Scene } from './scene.js';
import { PDF_FONT, PDF_FONT_BOLD, centredText, drawScene, edgeBox, groupBox, nodeBox } from './pdfDraw.js';
import type { Orientation, PageSize, PdfPlan, Tile } from './pdfPlan.js';
import { PAGE_MARGIN, TILE_HEADER_HEIGHT, TILE_SCALE, TITLE_BLOCK_HEIGHT, intersects, planPdf } from './pdfPlan.js';
import { pdfText } from './pdfText.js';

type Doc = PDFKit.PDFDocument;

export interface PdfOptions {
  readonly page?: PageSize;
  readonly orientation?: Orientation;
  /** Deflate page contents (default). Tests turn it off to read the text operators. */
  readonly compress?: boolean;
}

export async function renderPdf(scene: Scene, options: PdfOptions = {}): Promise<Buffer> {
  const plan = planPdf(scene, options.page ?? 'a4', options.orientation ?? 'landscape');
  const date = new Date(scene.meta.generatedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid export time '${scene.meta.generatedAt}'`);
  const doc = new PDFDocument({
    size: [plan.pageWidth, plan.pageHeight],
    margin: 0,
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: {
      Title: pdfText(scene.meta.title),
      Subject: pdfText(scene.meta.source),
      Creator: `Kubilitics ${scene.meta.version}`,
      Producer: 'Kubilitics (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const tiles = plan.tiles.filter((t) => hasContent(scene, t.area));
  overviewPage(doc, scene, plan, tiles);
  tiles.forEach((tile, i) => tilePage(doc, scene, plan, tile, { page: i + 2, pages: tiles.length + 1, tiles }));
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function hasContent(scene: Scene, area: Rect): boolean {
  return (
    scene.nodes.some((n) => intersects(nodeBox(n), area)) ||
    scene.groups.some((g) => intersects(groupBox(g), area)) ||
    scene.edges.some((e) => intersects(edgeBox(e), area)) ||
    intersects(scene.legend, area)
  );
}

function newPage(doc: Doc, scene: Scene, plan: PdfPlan): void {
  doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
  const bg = scene.palette.background;
  if (bg.color !== '#ffffff') doc.rect(0, 0, plan.pageWidth, plan.pageHeight).fillColor(bg.color).fill();
}

function overviewPage(doc: Doc, scene: Scene, plan: PdfPlan, tiles: readonly Tile[]): void {
  newPage(doc, scene, plan);
  titleBlock(doc, scene, plan, tiles);
  const s = plan.overviewScale;
  const width = plan.region.width * s;
  const x = (plan.pageWidth - width) / 2;
  const y = PAGE_MARGIN + TITLE_BLOCK_HEIGHT;
  doc.save().rect(x, y, width, plan.region.height * s).clip();
  doc.translate(x, y).scale(s).translate(-plan.region.x, -plan.region.y);
  drawScene(doc, scene, plan.region);
  for (const tile of tiles) {
    doc.rect(tile.area.x, tile.area.y, tile.area.width, tile.area.height).lineWidth(1 / s).dash(6 / s, { space: 4 / s });
    doc.strokeColor(scene.palette.muted.color, 0.6).stroke().undash();
    // In the tile's corner, translucent: it names the page without hiding what is under it.
    doc.font(PDF_FONT_BOLD).fontSize(14 / s).fillColor(scene.palette.muted.color, 0.55);
    doc.text(tile.label, tile.area.x + 6 / s, tile.area.y + 18 / s, { lineBreak: false, baseline: 'alphabetic' });
  }
  doc.restore();
}

function titleBlock(doc: Doc, scene: Scene, plan: PdfPlan, tiles: readonly Tile[]): void {
  const { foreground, muted } = scene.palette;
  const m = PAGE_MARGIN;
  doc.font(PDF_FONT_BOLD).fontSize(16).fillColor(foreground.color);
  doc.text(pdfText(scene.meta.title), m, m + 14, { lineBreak: false, baseline: 'alphabetic' });
  const lines = [
    `Source: ${scene.meta.source}`,
    `Generated: ${formatTime(scene.meta.generatedAt)}  ·  Kubilitics ${scene.meta.version}`,
    `Filters: ${scene.meta.filters.length === 0 ? 'none (everything shown)' : scene.meta.filters.join('; ')}`,
    `Shown: ${scene.nodes.length} nodes, ${scene.edges.length} relations` +
      (tiles.length === 0 ? '' : `  ·  overview of ${tiles.length} tiles (${rangeOf(tiles)}) on the pages that follow, printed at ${Math.round(TILE_SCALE * 100)}%`),
  ];
  doc.font(PDF_FONT).fontSize(9).fillColor(muted.color);
  lines.forEach((line, i) => {
    doc.text(pdfText(line), m, m + 32 + i * 12.5, { lineBreak: false, baseline: 'alphabetic', width: plan.pageWidth - 2 * m, ellipsis: true });
  });
  const rule = m + TITLE_BLOCK_HEIGHT - 14;
  doc.moveTo(m, rule).lineTo(plan.pageWidth - m, rule).lineWidth(0.5).strokeColor(muted.color, 0.5).stroke();
}

function tilePage(doc: Doc, scene: Scene, plan: PdfPlan, tile: Tile, at: { page: number; pages: number; tiles: readonly Tile[] }): void {
  newPage(doc, scene, plan);
  const m = PAGE_MARGIN;
  doc.font(PDF_FONT_BOLD).fontSize(12).fillColor(scene.palette.foreground.color);
  doc.text(tile.label, m, m + 10, { lineBreak: false, baseline: 'alphabetic' });
  doc.font(PDF_FONT).fontSize(9).fillColor(scene.palette.muted.color);
  const running = `${pdfText(scene.meta.title)}  ·  page ${at.page} of ${at.pages}`;
  doc.text(running, plan.pageWidth - m - doc.widthOfString(running), m + 10, { lineBreak: false, baseline: 'alphabetic' });
  const top = m + TILE_HEADER_HEIGHT;
  const width = tile.area.width * TILE_SCALE;
  const height = tile.area.height * TILE_SCALE;
  doc.save().rect(m, top, width, height).clip();
  doc.translate(m, top).scale(TILE_SCALE).translate(-tile.area.x, -tile.area.y);
  drawScene(doc, scene, tile.area);
  doc.restore();
  neighbourLabels(doc, scene, tile, at.tiles, { x: m, y: top, width, height });
}

/** Small labels on each side naming the tile that continues the picture there; sideways on the left and right. */
function neighbourLabels(doc: Doc, scene: Scene, tile: Tile, tiles: readonly Tile[], frame: Rect): void {
  const find = (dc: number, dr: number): Tile | undefined => tiles.find((t) => t.column === tile.column + dc && t.row === tile.row + dr);
  doc.font(PDF_FONT).fontSize(8).fillColor(scene.palette.muted.color);
  const sides: [Tile | undefined, number, number, number][] = [
    [find(0, -1), frame.x + frame.width / 2, frame.y - 4, 0],
    [find(0, 1), frame.x + frame.width / 2, frame.y + frame.height + 11, 0],
    [find(-1, 0), frame.x - 8, frame.y + frame.height / 2, -90],
    [find(1, 0), frame.x + frame.width + 8, frame.y + frame.height / 2, 90],
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

function formatTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
