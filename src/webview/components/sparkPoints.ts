/** The sparkline's geometry (Sparkline.tsx), pure so it is tested without a page. */

export const SPARK_WIDTH = 100;
export const SPARK_HEIGHT = 24;
/** Room at the top and bottom so a flat line at the maximum or at zero is not cut by the edge. */
const PAD = 2;

/**
 * Polyline points for the values in order, spaced by their place in the series; polls without a figure (`null`) are
 * left out, and the line joins across them. Scaled from zero to the largest value.
 */
export function sparkPoints(values: readonly (number | null)[]): string[] {
  const present = values.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
  if (present.length < 2) return [];
  const max = Math.max(...present.map((p) => p.value));
  const step = values.length > 1 ? SPARK_WIDTH / (values.length - 1) : 0;
  const y = (value: number): number => (max > 0 ? SPARK_HEIGHT - PAD - (value / max) * (SPARK_HEIGHT - 2 * PAD) : SPARK_HEIGHT - PAD);
  return present.map((p) => `${round(p.index * step)},${round(y(p.value))}`);
}

const round = (n: number): number => Math.round(n * 10) / 10;
