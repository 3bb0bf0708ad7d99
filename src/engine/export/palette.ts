/**
 * Colours for exports. The view reads VS Code's theme variables; an export has no VS Code around it, so it
 * resolves the same visual language against the fallback palettes. `document` is the default: the light
 * palette on white with slightly darker text and lines, because exports end up in READMEs and on paper.
 */
import type { ThemeColor, ThemeKind } from '../visual/theme.js';
import { CHROME, fallbackColor } from '../visual/theme.js';

export type ExportTheme = 'document' | 'light' | 'dark' | 'high-contrast';

export const EXPORT_THEMES: readonly ExportTheme[] = ['document', 'light', 'dark', 'high-contrast'];

/** An opaque colour plus an opacity: what SVG, PDF and DOT each want separately. */
export interface Paint {
  readonly color: string;
  readonly opacity: number;
}

export interface Palette {
  readonly theme: ExportTheme;
  readonly background: Paint;
  readonly foreground: Paint;
  readonly muted: Paint;
  /** Node fill opacity over the background, as the view's stylesheet uses for this theme. */
  readonly fillOpacity: number;
  paint(color: ThemeColor): Paint;
}

const DOCUMENT_OVERRIDES: Readonly<Record<string, string>> = {
  [CHROME.foreground.cssVar]: '#1f2328',
  [CHROME.muted.cssVar]: '#59636e',
  [CHROME.edge.cssVar]: '#59636eb0',
};

export function themeKindOf(theme: ExportTheme): ThemeKind {
  return theme === 'document' ? 'light' : theme;
}

export function palette(theme: ExportTheme): Palette {
  const kind = themeKindOf(theme);
  const paint = (c: ThemeColor): Paint => {
    const value = (theme === 'document' ? DOCUMENT_OVERRIDES[c.cssVar] : undefined) ?? fallbackColor(c, kind);
    return parseHexColor(value);
  };
  return {
    theme,
    background: paint(CHROME.background),
    foreground: paint(CHROME.foreground),
    muted: paint(CHROME.muted),
    fillOpacity: kind === 'dark' || kind === 'high-contrast' ? 0.2 : 0.13,
    paint,
  };
}

/** `#rgb`, `#rrggbb` or `#rrggbbaa` → lower-case `#rrggbb` and an opacity rounded to 3 places. */
export function parseHexColor(value: string): Paint {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)?.[1];
  if (hex === undefined) return { color: '#808080', opacity: 1 };
  const full = (hex.length === 3 ? [...hex].map((ch) => ch + ch).join('') : hex).toLowerCase();
  const opacity = full.length === 8 ? Math.round((parseInt(full.slice(6, 8), 16) / 255) * 1000) / 1000 : 1;
  return { color: `#${full.slice(0, 6)}`, opacity };
}

/** The colour seen when `paint` is laid over `under`: for formats without transparency (DOT fills, Mermaid). */
export function blend(paint: Paint, under: Paint): string {
  const channel = (hex: string, i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  let out = '#';
  for (let i = 0; i < 3; i++) {
    const v = Math.round(channel(paint.color, i) * paint.opacity + channel(under.color, i) * (1 - paint.opacity));
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}
