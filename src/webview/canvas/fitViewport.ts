/**
 * Where "Fit" puts the viewport. A whole diagram squeezed into a narrow panel is a picture nobody can read, so a
 * small diagram never zooms out below the zoom at which node labels are readable; if it does not fit there, it
 * starts at its top-left corner (the entry side of the flow) at that zoom, and the rest is a pan away.
 * Pure geometry: no cytoscape, no DOM.
 */
import type { Point } from '../../engine/viewModel/layoutTypes';

/** Diagrams up to this many objects are meant to be read, not overviewed: Fit keeps their text readable. */
export const SMALL_DIAGRAM = 60;
/** The smallest node label, in screen pixels, that Fit allows for a small diagram. */
export const MIN_LABEL_PX = 9;
/** A handful of nodes should not fill the screen at 3× zoom: Fit stops near natural size. */
export const MAX_FIT_ZOOM = 1.25;

export interface Bounds {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface FitRequest {
  /** What to show, in model coordinates. */
  readonly bounds: Bounds;
  /** The canvas, in screen pixels. */
  readonly width: number;
  readonly height: number;
  /** Space kept free around the diagram, in screen pixels. */
  readonly padding: number;
  /** Objects drawn (not groups): decides whether the readability floor applies. */
  readonly objects: number;
  /** Node label font size in model units. */
  readonly labelFontSize: number;
}

export interface FitViewport {
  readonly zoom: number;
  readonly pan: Point;
  /** True when the diagram is larger than the canvas at this zoom and Fit shows its top-left part. */
  readonly partial: boolean;
}

/** The zoom at which labels of `labelFontSize` model units are `MIN_LABEL_PX` on screen. */
export function readableZoom(labelFontSize: number): number {
  return MIN_LABEL_PX / labelFontSize;
}

export function fitViewport(request: FitRequest): FitViewport {
  const { bounds, width, height, padding } = request;
  const boxWidth = Math.max(1, bounds.x2 - bounds.x1);
  const boxHeight = Math.max(1, bounds.y2 - bounds.y1);
  const room = { x: Math.max(1, width - 2 * padding), y: Math.max(1, height - 2 * padding) };
  const whole = Math.min(room.x / boxWidth, room.y / boxHeight, MAX_FIT_ZOOM);
  const floor = request.objects <= SMALL_DIAGRAM ? readableZoom(request.labelFontSize) : 0;
  const zoom = Math.max(whole, Math.min(floor, MAX_FIT_ZOOM));
  // Per axis: centred where the diagram fits, aligned to its start (left, top) where it does not.
  const place = (start: number, size: number, screen: number, free: number): number =>
    size * zoom <= free ? screen / 2 - (start + size / 2) * zoom : padding - start * zoom;
  return {
    zoom,
    pan: { x: place(bounds.x1, boxWidth, width, room.x), y: place(bounds.y1, boxHeight, height, room.y) },
    partial: boxWidth * zoom > room.x + 0.5 || boxHeight * zoom > room.y + 0.5,
  };
}
