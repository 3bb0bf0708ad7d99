/**
 * Resolves the visual language's theme colours against the live VS Code theme. Cytoscape paints on a
 * canvas and cannot read CSS variables, so colours are read once per theme change and baked into its
 * stylesheet; `watchTheme` notices VS Code switching themes (it rewrites the body class and the root
 * element's style) and asks for a rebuild.
 */
import type { ThemeColor, ThemeKind } from '../../engine/visual/theme';
import { fallbackColor } from '../../engine/visual/theme';
import type { ResolvedTheme, Rgba } from './resolvedTheme';

export function themeKindOf(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-light')) return 'light';
  return 'dark';
}

export function resolveTheme(doc: Document): ResolvedTheme {
  const kind = themeKindOf(doc.body);
  const style = getComputedStyle(doc.documentElement);
  const cache = new Map<string, Rgba>();
  const fontFamily = style.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif';
  return {
    kind,
    fontFamily,
    color(c: ThemeColor): Rgba {
      const hit = cache.get(c.cssVar);
      if (hit !== undefined) return hit;
      const value = parseCssColor(style.getPropertyValue(c.cssVar).trim()) ?? parseCssColor(fallbackColor(c, kind));
      const resolved = value ?? { rgb: '#808080', alpha: 1 };
      cache.set(c.cssVar, resolved);
      return resolved;
    },
  };
}

/** Parses the colour forms VS Code themes use: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb() and rgba(). */
export function parseCssColor(value: string): Rgba | undefined {
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)?.[1];
  if (hex !== undefined) {
    const full = hex.length <= 4 ? [...hex].map((ch) => ch + ch).join('') : hex;
    const alpha = full.length === 8 ? parseInt(full.slice(6, 8), 16) / 255 : 1;
    return { rgb: `#${full.slice(0, 6)}`, alpha: Math.round(alpha * 1000) / 1000 };
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(value);
  if (fn === null) return undefined;
  const [, r, g, b, a] = fn;
  const alpha = a === undefined ? 1 : a.endsWith('%') ? parseFloat(a) / 100 : parseFloat(a);
  return { rgb: `rgb(${r}, ${g}, ${b})`, alpha: Math.min(1, Math.max(0, alpha)) };
}

/** Calls `onChange` (coalesced per frame) whenever VS Code switches theme; returns the unsubscribe. */
export function watchTheme(doc: Document, onChange: () => void): () => void {
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  });
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
