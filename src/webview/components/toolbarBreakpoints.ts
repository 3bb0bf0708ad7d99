/**
 * Widths (px) below which toolbar controls move into its "More tools" menu, so the toolbar stays one row: first the
 * rarely used actions (with the level, grouping and "Warnings only" toggles), then the relation filter, then the
 * other filters. The details panel turns into an overlay below `actions` too (main.css).
 */
export const TOOLBAR_BREAKPOINTS = { actions: 1000, relations: 760, filters: 480 } as const;

/** While the focus chip is on the toolbar, each breakpoint is this much wider: the room the chip takes at its smallest. */
export const FOCUS_CHIP_ROOM = 200;

/**
 * While "Warnings only" is offered (the graph has recent Warnings), the actions breakpoint is this much wider: the
 * toggle's width. Folding the toggle alone would add the menu button and gain too little.
 */
export const WARNINGS_TOGGLE_ROOM = 150;

export type ToolbarPlace = keyof typeof TOOLBAR_BREAKPOINTS;

export function breakpoint(place: ToolbarPlace, focused: boolean, warned = false): number {
  return TOOLBAR_BREAKPOINTS[place] + (focused ? FOCUS_CHIP_ROOM : 0) + (warned && place === 'actions' ? WARNINGS_TOGGLE_ROOM : 0);
}
