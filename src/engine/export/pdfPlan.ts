/**
 * Page planning for the PDF export, pure arithmetic: whether the diagram fits one page at a readable size,
 * and otherwise how it is cut into tiles ("A1", "B2": column letter, row number) printed at a fixed
 * readable scale, behind an overview page that shows the whole picture with the tile grid on it.
 */
import type { Rect, Scene } from './scene.js';

export type PageSize = 'a4' | 'letter';
export type Orientation = 'portrait' | 'landscape';

export const PAGE_SIZES: Readonly<Record<PageSize, readonly [number, number]>> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
};

export const PAGE_MARGIN = 36;
/** Room for the title block on the first page. */
export const TITLE_BLOCK_HEIGHT = 92;
/** Room for the running header on tile pages. */
export const TILE_HEADER_HEIGHT = 26;
/** A model pixel on paper, in points, for tiles: 11 px node text prints at 8.25 pt. */
export const TILE_SCALE = 0.75;
/** Below this scale a single page would be too small to read, so the diagram is tiled. */
export const MIN_READABLE_SCALE = 0.55;
/** Tiles overlap by this many model pixels, so a node cut by a tile edge is whole on one of them. */
export const TILE_OVERLAP = 24;

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
  /** What is printed: the scene without its on-screen header (the title block replaces it). */
  readonly region: Rect;
  /** Scale of the first page, which shows the whole region under the title block. */
  readonly overviewScale: number;
  /** Empty when the whole diagram is readable on the first page. */
  readonly tiles: readonly Tile[];
  readonly columns: number;
  readonly rows: number;
}

export function planPdf(scene: Scene, size: PageSize, orientation: Orientation): PdfPlan {
  const [w, h] = PAGE_SIZES[size];
  const [pageWidth, pageHeight] = orientation === 'portrait' ? [w, h] : [h, w];
  const top = scene.drawing.y - 12;
  const region = { x: scene.bounds.x, y: top, width: scene.bounds.width, height: scene.bounds.y + scene.bounds.height - top };
  const availableWidth = pageWidth - 2 * PAGE_MARGIN;
  const overviewHeight = pageHeight - 2 * PAGE_MARGIN - TITLE_BLOCK_HEIGHT;
  const overviewScale = Math.min(1, availableWidth / region.width, overviewHeight / region.height);
  if (overviewScale >= MIN_READABLE_SCALE) return { pageWidth, pageHeight, region, overviewScale, tiles: [], columns: 0, rows: 0 };
  const tileWidth = availableWidth / TILE_SCALE;
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
  return { pageWidth, pageHeight, region, overviewScale, tiles, columns, rows };
}

/** Column letters like spreadsheet columns (A…Z, AA…), row numbers from 1. */
export function tileLabel(column: number, row: number): string {
  let letters = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
