/**
 * Widths (px) below which toolbar controls move into its "More tools" menu, so the toolbar stays one row: first the
 * rarely used actions, then the relation filter, then the other filters. The details panel turns into an overlay
 * below `actions` too (main.css).
 */
export const TOOLBAR_BREAKPOINTS = { actions: 1000, relations: 760, filters: 480 } as const;

/** While the focus chip is on the toolbar, each breakpoint is this much wider: the room the chip takes at its smallest. */
export const FOCUS_CHIP_ROOM = 200;

export type ToolbarPlace = keyof typeof TOOLBAR_BREAKPOINTS;

export function breakpoint(place: ToolbarPlace, focused: boolean): number {
  return TOOLBAR_BREAKPOINTS[place] + (focused ? FOCUS_CHIP_ROOM : 0);
}
