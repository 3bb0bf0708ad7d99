/**
 * How large a namespace title is drawn. Near, it sits above its box at the size of the text around it; far out,
 * where nothing else is readable, it sits over the box at a steady size on screen. Either way it never takes more
 * than a third of its box's height, nor more than its width (longer titles end in an ellipsis), so a small
 * namespace's title is never larger than the diagram it names. Pure: no cytoscape.
 */

/** Below this zoom, node labels are unreadable: namespace names become map labels over their boxes. */
export const FAR_ZOOM = 0.4;
/** The title's size near (model units), and on screen far out (px, ×1.3 for emphasis). */
export const GROUP_FONT = 13;
const FAR_SCREEN_FONT = GROUP_FONT * 1.3;
/** A title takes at most this share of its box's height. */
export const TITLE_SHARE = 1 / 3;
/** Titles smaller than this, in model units, are not worth a restyle; cytoscape hides them on screen anyway. */
const MIN_TITLE = 1;

export interface GroupTitle {
  /** Font size in model units. */
  readonly size: number;
  /** Widest the title may be before it is ellipsized, in model units. */
  readonly maxWidth: number;
  /** Centred over the box (far out) rather than above it. */
  readonly far: boolean;
}

/** `boxWidth` and `boxHeight` are the group box's outer size in model units. */
export function groupTitle(zoom: number, boxWidth: number, boxHeight: number): GroupTitle {
  const far = zoom < FAR_ZOOM;
  const wanted = far ? FAR_SCREEN_FONT / zoom : GROUP_FONT;
  // Whole model units, rounded down: the cap holds, and a pan or a tiny zoom step changes nothing.
  const size = Math.max(MIN_TITLE, Math.floor(Math.min(wanted, boxHeight * TITLE_SHARE)));
  return { size, maxWidth: Math.max(MIN_TITLE, Math.floor(boxWidth)), far };
}
