/** The theme's colours as the canvas uses them; no DOM here, so the stylesheet can be built and tested in Node. */
import type { ThemeColor, ThemeKind } from '../../engine/visual/theme';

/** A colour as cytoscape wants it: an opaque colour plus a separate opacity. */
export interface Rgba {
  readonly rgb: string;
  readonly alpha: number;
}

export interface ResolvedTheme {
  readonly kind: ThemeKind;
  readonly fontFamily: string;
  color(c: ThemeColor): Rgba;
}
