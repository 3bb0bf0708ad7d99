/**
 * Real manifest sets from ../shared/corpus exported in every format and checked the way a reader would:
 * the SVG parses, the PDF's text names the objects, the PNG has the expected size. The files (and the PDF
 * pages as pictures, where pdftoppm is installed) stay in test-results/export/ for a human look.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_EXTENSION, renderFormat } from '../../../src/engine/export/formats.js';
import { viewOptionsFor } from '../../../src/engine/export/filters.js';
import { headlessScene } from '../../../src/engine/export/headlessScene.js';
import { graphOfPaths, meta, pdfPages, pdfTextOf, pngSize, wellFormedXml } from './support.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const OUT = resolve(__dirname, '../../../test-results/export');
const SETS = ['bookinfo', 'online-boutique', 'argo-cd', 'kube-prometheus'];
const present = existsSync(CORPUS);
if (!present) console.log('skipped: no ../shared/corpus');
const PDFTOPPM = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));

describe.skipIf(!present)('exports of corpus sets', () => {
  mkdirSync(OUT, { recursive: true });

  it.each(SETS.filter((set) => present && existsSync(join(CORPUS, set))))('%s', async (set) => {
    const graph = await graphOfPaths(join(CORPUS, set));
    const scene = await headlessScene({
      graph,
      options: viewOptionsFor(graph, {}),
      theme: 'document',
      meta: { ...meta(set), source: `manifests in ../shared/corpus/${set}` },
    });
    expect(scene.nodes.length).toBeGreaterThan(5);
    const svg = (await renderFormat(scene, 'svg')).bytes;
    expect(wellFormedXml(svg.toString())).toBe(true);
    const png = (await renderFormat(scene, 'png', { png: { scale: 1 } })).bytes;
    expect(pngSize(png)).toEqual({ width: scene.bounds.width, height: scene.bounds.height });
    const pdf = (await renderFormat(scene, 'pdf', { pdf: { compress: false } })).bytes;
    const text = new Set(pdfTextOf(pdf));
    const names = scene.nodes.filter((n) => n.lines.length === 2).map((n) => n.lines[1] ?? '');
    expect(names.filter((name) => !text.has(name))).toEqual([]);
    expect(text.has(set)).toBe(true);
    for (const [format, bytes] of [
      ['svg', svg],
      ['png', png],
      ['pdf', pdf],
    ] as const)
      writeFileSync(join(OUT, `${set}${FORMAT_EXTENSION[format]}`), bytes);
    for (const format of ['json', 'mermaid', 'dot'] as const)
      writeFileSync(join(OUT, `${set}${FORMAT_EXTENSION[format]}`), (await renderFormat(scene, format)).bytes);
    if (PDFTOPPM !== undefined) {
      const pages = Math.min(3, pdfPages(pdf).count);
      execFileSync(PDFTOPPM, ['-r', '72', '-png', '-f', '1', '-l', String(pages), join(OUT, `${set}.pdf`), join(OUT, `${set}-page`)]);
    }
  });
});
