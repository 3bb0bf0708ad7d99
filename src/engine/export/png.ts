/**
 * PNG export: the SVG export rasterised by resvg, so PNG and SVG are the same drawing. resvg is given
 * only the Inter font shipped in an npm package (system fonts are never loaded; pngFonts.ts says how it is
 * prepared), so text renders without any fonts installed and the same input gives the same pixels wherever
 * the same resvg build runs (the same platform and package versions, as on CI). Node-only: it loads a native
 * module and font files.
 */
import { Resvg } from '@resvg/resvg-js';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { encodeOpaquePng, isOpaque } from './pngEncode.js';
import { pngFontFiles } from './pngFonts.js';

export interface PngOptions {
  /** Pixels per model pixel, 1–4. Ignored when `width` is given. */
  readonly scale?: number;
  /** Width of the image in pixels; the height follows the drawing's aspect. */
  readonly width?: number;
}

export interface PngResult {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** Set when the requested size was too large and the image was scaled down to fit the pixel budget. */
  readonly reducedFrom?: { readonly width: number; readonly height: number };
}

export const MIN_PNG_SCALE = 1;
export const MAX_PNG_SCALE = 4;
/**
 * The pixel budget: 40 MP, 7,700 × 5,200 for a 5,000-node cluster's 3:2 drawing, where labels are still about 6 px
 * high and readable zoomed in. Rasterising and encoding grow with the pixels: at 100 MP that drawing took 30 s and
 * 58 MB; at 40 MP, with the encoder in pngEncode.ts, about a quarter of the time and 24.5 MB. Small diagrams (the
 * bundled shop example, even at 4×) are far below it and drawn at the scale asked for.
 */
export const MAX_PNG_PIXELS = 40_000_000;

interface PngPlan {
  readonly width: number;
  readonly reducedFrom?: { readonly width: number; readonly height: number };
}

/** The image width for a drawing of this size: the one asked for, or smaller to stay within the pixel budget. */
function planPng(size: { width: number; height: number }, options: PngOptions): PngPlan {
  const wanted = options.width ?? Math.round(size.width * clampScale(options.scale ?? 1));
  const wantedHeight = Math.round((wanted / size.width) * size.height);
  const budget = Math.sqrt(MAX_PNG_PIXELS / Math.max(1, wanted * wantedHeight));
  if (budget >= 1) return { width: wanted };
  return {
    width: widthWithinBudget(Math.floor(wanted * budget), size.height / size.width),
    reducedFrom: { width: wanted, height: wantedHeight },
  };
}

function resvgOptions(width: number): ResvgRenderOptions {
  return {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false, fontFiles: pngFontFiles(), defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  };
}

export function renderPng(svg: string, options: PngOptions = {}): PngResult {
  const plan = planPng(svgSize(svg), options);
  const image = new Resvg(svg, resvgOptions(plan.width)).render();
  // Opaque (every theme paints a background): our RGB encoder, smaller and faster; otherwise resvg's RGBA one.
  const pixels = image.pixels;
  const png = isOpaque(pixels) ? encodeOpaquePng(pixels, image.width, image.height) : image.asPng();
  const result = { png, width: image.width, height: image.height };
  return plan.reducedFrom === undefined ? result : { ...result, reducedFrom: plan.reducedFrom };
}

/**
 * resvg rounds the height it draws up, so a width from the square root alone could come out a row over the budget
 * (40,000,030 pixels for one 5K layout): step down until the rounded-up height fits.
 */
function widthWithinBudget(width: number, heightPerWidth: number): number {
  let fitted = width;
  while (fitted > 1 && fitted * Math.ceil(fitted * heightPerWidth) > MAX_PNG_PIXELS) fitted--;
  return fitted;
}

export function clampScale(scale: number): number {
  return Math.min(MAX_PNG_SCALE, Math.max(MIN_PNG_SCALE, scale));
}

/** The root element's width and height attributes (the exporter always writes both). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? NaN);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? NaN);
  if (!(width > 0 && height > 0)) throw new Error('PNG export needs an SVG with width and height');
  return { width, height };
}
