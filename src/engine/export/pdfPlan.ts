/**
 * Page planning for the PDF export, pure arithmetic.
 *
 * "Readable" means node labels print at MIN_NODE_TEXT_PT or more. A diagram that is readable on one page goes on
 * one page: with its legend beside or below it when that still leaves the labels readable, else with the legend on
 * a page of its own after it. The orientation is chosen to fit unless the caller fixed it. Only a diagram that is
 * not readable on one page is cut into tiles ("A1", "B2": column letter, row number) printed at TILE_SCALE, behind
 * an overview page whose grid letters and numbers sit in the margin, outside the drawing.
 */
import { placementOf } from './stubs.js';
import { NODE_METRICS } from '../visual/nodeGeometry.js';
import type { LegendBox } from './scene.js';
import { layoutLegend } from './legend.js';
import type { Rect, Scene } from './scene.js';

export type PageSize = 'a4' | 'letter';
/** `auto`: whichever of the two prints the diagram larger (landscape on a tie). */
export type Orientation = 'portrait' | 'landscape' | 'auto';

export const PAGE_SIZES: Readonly<Record<PageSize, readonly [number, number]>> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
};

/** 22 pt (7.8 mm): inside what office printers can print, small enough to leave the drawing the page. */
export const PAGE_MARGIN = 22;
/** Room for the title block on the first page: the title and two lines of facts. */
export const TITLE_BLOCK_HEIGHT = 42;
/** Room for the running header on tile and legend pages. */
export const TILE_HEADER_HEIGHT = 22;
/** Node labels smaller than this on paper are not readable: such a diagram is tiled. */
export const MIN_NODE_TEXT_PT = 6;
export const MIN_READABLE_SCALE = MIN_NODE_TEXT_PT / NODE_METRICS.fontSize;
/** A model pixel on paper, in points, for tiles: 11 px node text prints at 8.25 pt. */
export const TILE_SCALE = 0.75;
/** Tiles overlap by this many model pixels, so a node cut by a tile edge is whole on one of them. */
export const TILE_OVERLAP = 24;
/** Room outside the overview drawing for the tile grid's column letters (above) and row numbers (left). */
export const GRID_MARGIN = 14;
/** Around the printed region, in model pixels, so the outer borders and status rings are not clipped. */
const REGION_PAD = 3;
/** Between the diagram and a legend placed beside or below it, in model pixels. */
const LEGEND_GAP = 36;

export interface Tile {
  readonly label: string;
  /** The part of the scene on this tile, in model coordinates. */
  readonly area: Rect;
  readonly column: number;
  readonly row: number;
}

export interface PdfPlan {
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** The scene as printed: its legend may be placed anew to fit the page. */
  readonly scene: Scene;
  /** What the first page shows, in model coordinates: the drawing, with the legend unless it has its own page. */
  readonly region: Rect;
  /** Scale of the first page. */
  readonly overviewScale: number;
  /** The legend is printed on a page of its own, after the diagram. */
  readonly legendPage: boolean;
  /** Empty when the whole diagram is readable on the first page. */
  readonly tiles: readonly Tile[];
  readonly columns: number;
  readonly rows: number;
}

interface Fit {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly scene: Scene;
  readonly region: Rect;
  readonly scale: number;
  readonly legendPage: boolean;
}

export function planPdf(scene: Scene, size: PageSize, orientation: Orientation): PdfPlan {
  const pages = orientation === 'auto' ? pagesOf(size, 'landscape').concat(pagesOf(size, 'portrait')) : pagesOf(size, orientation);
  const fits = pages.flatMap(([w, h]) => onePageFits(scene, w, h));
  const best = (candidates: readonly Fit[]): Fit | undefined =>
    candidates.reduce<Fit | undefined>((a, b) => (a === undefined || b.scale > a.scale + 1e-9 ? b : a), undefined);
  const readable = fits.filter((f) => f.scale >= MIN_READABLE_SCALE);
  const single = best(readable.filter((f) => !f.legendPage)) ?? best(readable);
  if (single !== undefined) {
    const { pageWidth, pageHeight, region, scale, legendPage } = single;
    return { pageWidth, pageHeight, scene: single.scene, region, overviewScale: scale, legendPage, tiles: [], columns: 0, rows: 0 };
  }
  const [pageWidth, pageHeight] = pages[0]!;
  return tiledPlan(scene, pageWidth, pageHeight);
}

function pagesOf(size: PageSize, orientation: 'portrait' | 'landscape'): [number, number][] {
  const [w, h] = PAGE_SIZES[size];
  return [orientation === 'portrait' ? [w, h] : [h, w]];
}

/** The ways the diagram can go on one page: legend beside, legend below, or the legend on a page of its own. */
function onePageFits(scene: Scene, pageWidth: number, pageHeight: number): Fit[] {
  const width = pageWidth - 2 * PAGE_MARGIN;
  const height = pageHeight - 2 * PAGE_MARGIN - TITLE_BLOCK_HEIGHT;
  const d = scene.drawing;
  const placements: [LegendBox, boolean][] = [
    [
      layoutLegend(scene.nodes, scene.edges, placementOf(scene), { x: d.x + d.width + LEGEND_GAP, y: d.y }, scene.palette, 'stacked'),
      false,
    ],
    [
      layoutLegend(scene.nodes, scene.edges, placementOf(scene), { x: d.x, y: d.y + d.height + LEGEND_GAP }, scene.palette, 'columns'),
      false,
    ],
    [scene.legend, true],
  ];
  return placements.map(([legend, apart]) => {
    const region = pad(apart ? d : union(d, legend), REGION_PAD);
    const scale = Math.min(1, width / Math.max(1, region.width), height / Math.max(1, region.height));
    return { pageWidth, pageHeight, scene: apart ? scene : { ...scene, legend }, region, scale, legendPage: apart };
  });
}

function tiledPlan(scene: Scene, pageWidth: number, pageHeight: number): PdfPlan {
  const top = scene.drawing.y - 12;
  const region = { x: scene.bounds.x, y: top, width: scene.bounds.width, height: scene.bounds.y + scene.bounds.height - top };
  const overviewWidth = pageWidth - 2 * PAGE_MARGIN - GRID_MARGIN;
  const overviewHeight = pageHeight - 2 * PAGE_MARGIN - TITLE_BLOCK_HEIGHT - GRID_MARGIN;
  const overviewScale = Math.min(1, overviewWidth / region.width, overviewHeight / region.height);
  const tileWidth = (pageWidth - 2 * PAGE_MARGIN) / TILE_SCALE;
  const tileHeight = (pageHeight - 2 * PAGE_MARGIN - TILE_HEADER_HEIGHT) / TILE_SCALE;
  const stepX = tileWidth - TILE_OVERLAP;
  const stepY = tileHeight - TILE_OVERLAP;
  const columns = Math.max(1, Math.ceil((region.width - TILE_OVERLAP) / stepX));
  const rows = Math.max(1, Math.ceil((region.height - TILE_OVERLAP) / stepY));
  const tiles: Tile[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const area = { x: region.x + column * stepX, y: region.y + row * stepY, width: tileWidth, height: tileHeight };
      tiles.push({ label: tileLabel(column, row), area, column, row });
    }
  }
  return { pageWidth, pageHeight, scene, region, overviewScale, legendPage: false, tiles, columns, rows };
}

function pad(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Column letters like spreadsheet columns (A…Z, AA…), row numbers from 1. */
export function tileLabel(column: number, row: number): string {
  let letters = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Column letters alone ("A", "AB"), for the overview's grid marks. */
export function columnLetters(column: number): string {
  return tileLabel(column, 0).slice(0, -1);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
