/** The PDF export: title block, vector drawing with the node names, tiling with page labels, paper sizes. */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/engine/export/pdf.js';
import { planPdf, tileLabel } from '../../../src/engine/export/pdfPlan.js';
import { graphOf } from '../support.js';
import { syntheticGraph } from '../../webview/syntheticGraph.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MIN_NODE_TEXT_PT, MIN_READABLE_SCALE } from '../../../src/engine/export/pdfPlan.js';
import type { PlacedText } from './support.js';
import { EXAMPLE, SMALL_YAML, graphOfPaths, overlaps, pdfPages, pdfPlacedText, pdfTextOf, sceneOf } from './support.js';

const GKE_DUMP = resolve(__dirname, '../../../../shared/corpus/kalc-gke-dump');

/** Texts drawn outside the drawing (title, page names, grid marks, "continues on"), against the drawing's frames. */
function marksOverDrawing(page: readonly PlacedText[]): string[] {
  const frames = page.flatMap((t) => (t.clip ? [t.clip] : []));
  return page.filter((t) => t.clip === undefined && frames.some((f) => overlaps(t.box, f))).map((t) => t.text);
}

describe('PDF export', () => {
  it('has a title block and draws the nodes as text, not pictures', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML), { namespaces: ['shop'] }, 'document', 'Small');
    const pdf = await renderPdf(scene, { compress: false });
    const text = pdfTextOf(pdf);
    expect(text.slice(0, 3)).toEqual([
      'Small',
      'Source: manifests in examples/shop  ·  Generated: 2025-01-31 12:00 UTC  ·  Kubilitics 0.0.0-test',
      expect.stringMatching(
        /^Filters: none \(everything shown\) {2}· {2}Shown: \d+ nodes, \d+ relations {2}· {2}node labels at [\d.]+ pt$/,
      ),
    ]);
    for (const name of ['DEPLOY', 'web', 'RUNS', '1 ReplicaSet, 2 pods', 'web-config', 'web-secrets', 'shop']) expect(text).toContain(name);
    expect(pdfPages(pdf)).toEqual({ count: 1, mediaBoxes: ['0 0 841.89 595.28'] });
    const info = pdf.toString('latin1');
    expect(info).toContain('(D:20250131120000Z)');
    expect(info).toContain('(Kubilitics 0.0.0-test)');
    expect(info).not.toMatch(/\/FontFile|\/Subtype \/Image/);
  });

  it('honours paper size and orientation', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML));
    const letter = await renderPdf(scene, { page: 'letter', orientation: 'portrait', compress: false });
    expect(pdfPages(letter).mediaBoxes[0]).toBe('0 0 612 792');
    const landscape = await renderPdf(scene, { page: 'letter', orientation: 'landscape', compress: false });
    expect(pdfPages(landscape).mediaBoxes[0]).toBe('0 0 792 612');
  });

  it('tiles a large diagram behind an overview, with page labels and neighbours', async () => {
    const scene = await sceneOf(syntheticGraph(1500), {}, 'document', 'Synthetic');
    const plan = planPdf(scene, 'a4', 'landscape');
    expect(plan.tiles.length).toBeGreaterThan(4);
    const pdf = await renderPdf(scene, { compress: false });
    const pages = pdfPages(pdf);
    const text = pdfTextOf(pdf);
    expect(pages.count).toBeGreaterThan(4);
    expect(pages.count).toBeLessThanOrEqual(plan.tiles.length + 1);
    const shown = text.find((t) => t.includes('Shown:'));
    expect(shown).toMatch(/overview of \d+ tiles \(A1–[A-Z]+\d+\) on the pages that follow, printed at 75%/);
    expect(text).toContain('A1');
    expect(text).toContain('B1');
    expect(text).toContain('continues on B1');
    expect(text.filter((t) => /^Synthetic {2}· {2}page \d+ of \d+$/.test(t))).toHaveLength(pages.count - 1);
  });

  it('puts the example on one page with node labels at 6 pt or more, and its legend on the next', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE), {}, 'document', 'Shop');
    const plan = planPdf(scene, 'a4', 'auto');
    expect(plan.tiles).toEqual([]);
    expect(plan.overviewScale * 11).toBeGreaterThanOrEqual(MIN_NODE_TEXT_PT);
    const pdf = await renderPdf(scene, { compress: false });
    expect(pdfPages(pdf)).toEqual({ count: 2, mediaBoxes: ['0 0 841.89 595.28', '0 0 841.89 595.28'] });
    const [first = [], second = []] = pdfPlacedText(pdf, 595.28);
    const labels = first.filter((t) => t.clip !== undefined);
    expect(labels.map((t) => t.text)).toEqual(expect.arrayContaining(['DEPLOY', 'api', 'SECRET', 'registry-credentials']));
    // Every node label lies inside the drawing's frame, and the frame inside the page.
    for (const t of labels) expect(overlaps(t.box, t.clip!), t.text).toBe(true);
    expect(marksOverDrawing(first)).toEqual([]);
    const legend = ['Legend', 'Relations (source -> target)', 'runs as', 'is governed by (serviceName)'];
    expect(second.map((t) => t.text)).toEqual(expect.arrayContaining(legend));
  });

  it('keeps a small diagram and its legend on one page', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML), {}, 'document', 'Small');
    const pdf = await renderPdf(scene, { compress: false });
    expect(pdfPages(pdf).count).toBe(1);
    const [page = []] = pdfPlacedText(pdf, 595.28);
    expect(page.filter((t) => t.clip !== undefined).map((t) => t.text)).toContain('Relations (source -> target)');
    expect(planPdf(scene, 'a4', 'auto').overviewScale).toBeGreaterThanOrEqual(MIN_READABLE_SCALE);
  });

  it('prints tile marks of a real cluster dump in the margins, never over the drawing', async (context) => {
    if (!existsSync(GKE_DUMP)) {
      console.log('skipped: no ../shared/corpus');
      context.skip();
    }
    const scene = await sceneOf(await graphOfPaths(GKE_DUMP), {}, 'document', 'GKE');
    const plan = planPdf(scene, 'a4', 'auto');
    expect(plan.tiles.length).toBeGreaterThan(1);
    const pdf = await renderPdf(scene, { compress: false });
    const pages = pdfPlacedText(pdf, plan.pageHeight);
    expect(pages.length).toBe(pdfPages(pdf).count);
    expect(pages.length).toBeLessThanOrEqual(plan.tiles.length + 1);
    const marks = pages[0]!.filter((t) => t.clip === undefined).map((t) => t.text);
    expect(marks).toEqual(expect.arrayContaining(['A', 'B', '1', '2']));
    expect(pages.map(marksOverDrawing)).toEqual(pages.map(() => []));
    // Nor drawn inside the drawing's frame, where it would print over node labels.
    const tileLabelsInside = pages[0]!.filter((t) => t.clip !== undefined && /^[A-Z]{1,2}\d+$/.test(t.text));
    expect(tileLabelsInside.map((t) => t.text)).toEqual([]);
    expect(pages.slice(1).every((page) => page.some((t) => t.text.startsWith('continues on')))).toBe(true);
  });

  it('names tiles like spreadsheet cells', () => {
    expect([tileLabel(0, 0), tileLabel(1, 1), tileLabel(25, 2), tileLabel(26, 0), tileLabel(27, 9)]).toEqual([
      'A1',
      'B2',
      'Z3',
      'AA1',
      'AB10',
    ]);
  });

  it('keeps text it cannot show in Helvetica visible as a replacement', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE), {}, 'document', 'Café → 東京');
    const text = pdfTextOf(await renderPdf(scene, { compress: false }));
    expect(text[0]).toBe('Café -> ??');
    expect(text).toContain('Relations (source -> target)');
  });
});
