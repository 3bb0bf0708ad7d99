/** What every PDF page shares: the page itself with its background, the first page's title block, the running header. */
import type { Scene } from './scene.js';
import { PDF_FONT, PDF_FONT_BOLD } from './pdfDraw.js';
import type { PdfPlan } from './pdfPlan.js';
import { PAGE_MARGIN, TITLE_BLOCK_HEIGHT } from './pdfPlan.js';
import { pdfText } from './pdfText.js';

export type Doc = PDFKit.PDFDocument;

export function newPage(doc: Doc, scene: Scene, plan: PdfPlan): void {
  doc.addPage({ size: [plan.pageWidth, plan.pageHeight], margin: 0 });
  const bg = scene.palette.background;
  if (bg.color !== '#ffffff') doc.rect(0, 0, plan.pageWidth, plan.pageHeight).fillColor(bg.color).fill();
}

/** Title, then two lines of facts: where from, when, which version; what is shown and where the rest is. */
export function titleBlock(doc: Doc, scene: Scene, plan: PdfPlan, layout: string): void {
  const { foreground, muted } = scene.palette;
  const m = PAGE_MARGIN;
  doc.font(PDF_FONT_BOLD).fontSize(14).fillColor(foreground.color);
  doc.text(pdfText(scene.meta.title), m, m + 11, { lineBreak: false, baseline: 'alphabetic' });
  const filters = scene.meta.filters.length === 0 ? 'none (everything shown)' : scene.meta.filters.join('; ');
  const lines = [
    `Source: ${scene.meta.source}  ·  Generated: ${formatTime(scene.meta.generatedAt)}  ·  Kubilitics ${scene.meta.version}`,
    `Filters: ${filters}  ·  Shown: ${scene.nodes.length} nodes, ${scene.edges.length} relations${layout === '' ? '' : `  ·  ${layout}`}`,
  ];
  doc.font(PDF_FONT).fontSize(8).fillColor(muted.color);
  lines.forEach((line, i) => {
    const options = { lineBreak: false, baseline: 'alphabetic', width: plan.pageWidth - 2 * m, ellipsis: true } as const;
    doc.text(pdfText(line), m, m + 23 + i * 10, options);
  });
  const rule = m + TITLE_BLOCK_HEIGHT - 4;
  doc
    .moveTo(m, rule)
    .lineTo(plan.pageWidth - m, rule)
    .lineWidth(0.5)
    .strokeColor(muted.color, 0.5)
    .stroke();
}

/** The page's name on the left ("A1", "Legend"), the title and page number on the right, above the content. */
export function runningHeader(doc: Doc, scene: Scene, plan: PdfPlan, name: string, at: { page: number; pages: number }): void {
  const m = PAGE_MARGIN;
  doc.font(PDF_FONT_BOLD).fontSize(11).fillColor(scene.palette.foreground.color);
  doc.text(pdfText(name), m, m + 9, { lineBreak: false, baseline: 'alphabetic' });
  doc.font(PDF_FONT).fontSize(8).fillColor(scene.palette.muted.color);
  const running = `${pdfText(scene.meta.title)}  ·  page ${at.page} of ${at.pages}`;
  doc.text(running, plan.pageWidth - m - doc.widthOfString(running), m + 9, { lineBreak: false, baseline: 'alphabetic' });
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
