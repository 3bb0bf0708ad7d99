/** The PDF export: title block, vector drawing with the node names, tiling with page labels, paper sizes. */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/engine/export/pdf.js';
import { planPdf, tileLabel } from '../../../src/engine/export/pdfPlan.js';
import { graphOf } from '../support.js';
import { syntheticGraph } from '../../webview/syntheticGraph.js';
import { EXAMPLE, SMALL_YAML, graphOfPaths, pdfPages, pdfTextOf, sceneOf } from './support.js';

describe('PDF export', () => {
  it('has a title block and draws the nodes as text, not pictures', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML), { namespaces: ['shop'] }, 'document', 'Small');
    const pdf = await renderPdf(scene, { compress: false });
    const text = pdfTextOf(pdf);
    expect(text.slice(0, 4)).toEqual([
      'Small',
      'Source: manifests in examples/shop',
      'Generated: 2025-01-31 12:00 UTC  ·  Kubilitics 0.0.0-test',
      'Filters: none (everything shown)',
    ]);
    for (const name of ['DEPLOY', 'web', 'PODS', 'web-1 (2 pods)', 'web-config', 'web-secrets', 'shop']) expect(text).toContain(name);
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
    expect(text.find((t) => t.startsWith('Shown:'))).toMatch(/overview of \d+ tiles \(A1–[A-Z]+\d+\) on the pages that follow, printed at 75%/);
    expect(text).toContain('A1');
    expect(text).toContain('B1');
    expect(text).toContain('continues on B1');
    expect(text.filter((t) => /^Synthetic {2}· {2}page \d+ of \d+$/.test(t))).toHaveLength(pages.count - 1);
  });

  it('names tiles like spreadsheet cells', () => {
    expect([tileLabel(0, 0), tileLabel(1, 1), tileLabel(25, 2), tileLabel(26, 0), tileLabel(27, 9)]).toEqual(['A1', 'B2', 'Z3', 'AA1', 'AB10']);
  });

  it('keeps text it cannot show in Helvetica visible as a replacement', async () => {
    const scene = await sceneOf(await graphOfPaths(EXAMPLE), {}, 'document', 'Café → 東京');
    const text = pdfTextOf(await renderPdf(scene, { compress: false }));
    expect(text[0]).toBe('Café -> ??');
    expect(text).toContain('Relations (source -> target)');
  });
});
