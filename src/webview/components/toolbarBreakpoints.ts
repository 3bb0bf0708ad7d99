import * as l10n from '@vscode/l10n';

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

/** What the toolbar's buttons and toggles say: their length in the display language against English sizes the toolbar. */
const TOOLBAR_WORDS = (): readonly string[] => [
  l10n.t('Namespaces'),
  l10n.t('Kinds'),
  l10n.t('Relations'),
  l10n.t('Group by namespace'),
  l10n.t('Warnings only'),
  l10n.t('Fit'),
  l10n.t('Re-layout'),
  l10n.t('Export…'),
  l10n.t('Legend'),
];
const ENGLISH_LENGTH = 'NamespacesKindsRelationsGroup by namespaceWarnings onlyFitRe-layoutExport…Legend'.length;

/**
 * The widths were measured in English. A language whose words are longer (German, or the pseudo-localisation) fills
 * the row sooner: its breakpoints grow by as much, so controls go into "More tools" before they squeeze the title and
 * the search box to nothing. Never below English: shorter words (Chinese, Japanese) are wider per character.
 */
export function textScale(): number {
  const length = TOOLBAR_WORDS().reduce((sum, word) => sum + [...word].length, 0);
  return Math.min(2, Math.max(1, length / ENGLISH_LENGTH));
}

export function breakpoint(place: ToolbarPlace, focused: boolean, warned = false): number {
  const english = TOOLBAR_BREAKPOINTS[place] + (focused ? FOCUS_CHIP_ROOM : 0) + (warned && place === 'actions' ? WARNINGS_TOGGLE_ROOM : 0);
  return Math.round(english * textScale());
}
