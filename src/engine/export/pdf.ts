/**
 * PDF export with PDFKit: vector drawing of the scene under a title block (title, source, time, Kubilitics
 * version, filters). A diagram readable on one page (pdfPlan.ts says what readable means) is printed on one page,
 * its legend beside or below it, or on a page of its own when only the drawing fits; a larger one is tiled behind
 * an overview page (pdfTiles.ts). Only the standard Helvetica font is used (nothing embedded), and the creation
 * date and file id come from the scene's `generatedAt`, so equal input gives equal bytes.
 */
import PDFDocument from 'pdfkit';
import type { Rect, Scene } from './scene.js';
import { drawLegend, drawScene, groupBox, sceneIndex } from './pdfDraw.js';
import type { Doc } from './pdfPages.js';
import { newPage, runningHeader, titleBlock } from './pdfPages.js';
import type { Orientation, PageSize, PdfPlan } from './pdfPlan.js';
import { PAGE_MARGIN, TILE_HEADER_HEIGHT, TITLE_BLOCK_HEIGHT, intersects, planPdf } from './pdfPlan.js';
import { pdfText } from './pdfText.js';
import { NODE_METRICS } from '../visual/nodeGeometry.js';
import { overviewPage, tilePage } from './pdfTiles.js';

export interface PdfOptions {
  readonly page?: PageSize;
  /** Default `auto`: the orientation that prints the diagram larger. */
  readonly orientation?: Orientation;
  /** Deflate page contents (default). Tests turn it off to read the text operators. */
  readonly compress?: boolean;
}

export async function renderPdf(scene: Scene, options: PdfOptions = {}): Promise<Buffer> {
  const plan = planPdf(scene, options.page ?? 'a4', options.orientation ?? 'auto');
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
  if (plan.tiles.length === 0) {
    diagramPage(doc, plan);
    if (plan.legendPage) legendPage(doc, plan);
  } else {
    const tiles = plan.tiles.filter((t) => hasContent(plan.scene, t.area));
    overviewPage(doc, plan, tiles);
    tiles.forEach((tile, i) => tilePage(doc, plan, tile, { page: i + 2, pages: tiles.length + 1, tiles }));
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function hasContent(scene: Scene, area: Rect): boolean {
  return (
    sceneIndex(scene).nodes.within(area).length > 0 ||
    scene.groups.some((g) => intersects(groupBox(g), area)) ||
    sceneIndex(scene).edges.within(area).length > 0 ||
    sceneIndex(scene).stubs.within(area).length > 0 ||
    intersects(scene.legend, area)
  );
}

/** The whole diagram on the first page, centred under the title block. */
function diagramPage(doc: Doc, plan: PdfPlan): void {
  const scene = plan.scene;
  newPage(doc, scene, plan);
  const textSize = Math.round(NODE_METRICS.fontSize * plan.overviewScale * 10) / 10;
  titleBlock(doc, scene, plan, `node labels at ${textSize} pt${plan.legendPage ? '  ·  legend on page 2' : ''}`);
  const s = plan.overviewScale;
  const area = plan.region;
  const x = (plan.pageWidth - area.width * s) / 2;
  const y = PAGE_MARGIN + TITLE_BLOCK_HEIGHT;
  doc
    .save()
    .rect(x, y, area.width * s, area.height * s)
    .clip();
  doc.translate(x, y).scale(s).translate(-area.x, -area.y);
  // A legend printed on its own page lies outside `area` (36 px off the drawing; the region has 3 px): not drawn here.
  drawScene(doc, scene, area);
  doc.restore();
}

/** The legend on its own page, as large as the page allows up to its drawn size. */
function legendPage(doc: Doc, plan: PdfPlan): void {
  const scene = plan.scene;
  newPage(doc, scene, plan);
  runningHeader(doc, scene, plan, 'Legend', { page: 2, pages: 2 });
  const legend = scene.legend;
  const top = PAGE_MARGIN + TILE_HEADER_HEIGHT;
  const room = { width: plan.pageWidth - 2 * PAGE_MARGIN, height: plan.pageHeight - PAGE_MARGIN - top };
  const s = Math.min(1, room.width / legend.width, room.height / legend.height);
  doc.save().translate(PAGE_MARGIN, top).scale(s).translate(-legend.x, -legend.y);
  drawLegend(doc, scene);
  doc.restore();
}
