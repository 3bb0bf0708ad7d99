/**
 * Export formats by file extension, and one call that renders a scene in any of them. Node-only (the PNG
 * and PDF renderers load native code and PDFKit); the extension host and the CLI both call this.
 */
import { extname } from 'node:path';
import { renderJson, renderYaml } from './data.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import type { Scene } from './scene.js';
import type { PdfOptions } from './pdf.js';
import { renderPdf } from './pdf.js';
import type { PngOptions } from './png.js';
import { renderPng } from './png.js';
import { renderSvg } from './svg.js';

export type ExportFormat = 'svg' | 'png' | 'pdf' | 'json' | 'yaml' | 'mermaid' | 'dot';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'pdf', 'json', 'yaml', 'mermaid', 'dot'];

const EXTENSIONS: Readonly<Record<string, ExportFormat>> = {
  '.svg': 'svg',
  '.png': 'png',
  '.pdf': 'pdf',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.dot': 'dot',
  '.gv': 'dot',
};

/** The extension written for each format by default. */
export const FORMAT_EXTENSION: Readonly<Record<ExportFormat, string>> = {
  svg: '.svg',
  png: '.png',
  pdf: '.pdf',
  json: '.json',
  yaml: '.yaml',
  mermaid: '.mmd',
  dot: '.dot',
};

export function formatOfPath(path: string): ExportFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS).join(', ');

export interface RenderOptions {
  readonly png?: PngOptions;
  readonly pdf?: PdfOptions;
}

export interface Rendered {
  readonly bytes: Buffer;
  /** Something the user should know about this file, e.g. a PNG scaled down to fit the pixel budget. */
  readonly note?: string;
}

export async function renderFormat(scene: Scene, format: ExportFormat, options: RenderOptions = {}): Promise<Rendered> {
  switch (format) {
    case 'svg':
      return { bytes: Buffer.from(renderSvg(scene)) };
    case 'png': {
      const result = renderPng(renderSvg(scene), options.png);
      const reduced = result.reducedFrom;
      if (reduced === undefined) return { bytes: result.png };
      return {
        bytes: result.png,
        note: `scaled down to ${result.width}×${result.height} px (asked for ${reduced.width}×${reduced.height})`,
      };
    }
    case 'pdf':
      return { bytes: await renderPdf(scene, options.pdf) };
    case 'json':
      return { bytes: Buffer.from(renderJson(scene)) };
    case 'yaml':
      return { bytes: Buffer.from(renderYaml(scene)) };
    case 'mermaid':
      return { bytes: Buffer.from(renderMermaid(scene)) };
    case 'dot':
      return { bytes: Buffer.from(renderDot(scene)) };
  }
}
