/**
 * Theme colours for DOM elements (legend, details): a CSS var() that follows the live VS Code theme, with
 * the visual language's fallback for the current theme kind. Applied through element.style (CSSOM),
 * which the CSP allows, unlike style attributes in markup.
 */
import type { NodeStatus } from '../../engine/model/graph';
import type { ThemeColor } from '../../engine/visual/theme';
import { STATUS_TONE, TONE_VISUALS } from '../../engine/visual/status';
import { fallbackColor } from '../../engine/visual/theme';
import { themeKindOf } from '../canvas/theme';

export function cssColor(c: ThemeColor): string {
  return `var(${c.cssVar}, ${fallbackColor(c, themeKindOf(document.body))})`;
}

/** The status colour, or a transparent ring for statuses that carry no judgement. */
export function statusColor(status: NodeStatus): string {
  const tone = STATUS_TONE[status];
  return tone === 'neutral' ? 'transparent' : cssColor(TONE_VISUALS[tone].color);
}
