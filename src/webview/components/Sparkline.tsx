/**
 * A small line of one resource's recent use (the last polls the host keeps, engine/metrics/history.ts). Drawn in SVG
 * with its colour from a class (main.css), so it follows the theme and needs no style attribute.
 */
import type { JSX } from 'preact';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkPoints } from './sparkPoints';

/** `caption`: what the line spans, in a word ("last 5 min"), written under it so the line explains itself. */
export function Sparkline({
  values,
  resource,
  label,
  caption,
}: {
  values: readonly (number | null)[];
  resource: 'cpu' | 'memory';
  label: string;
  caption: string;
}): JSX.Element | null {
  const points = sparkPoints(values);
  if (points.length === 0) return null;
  return (
    <>
      <svg
        class={`sparkline sparkline-${resource}`}
        data-testid={`sparkline-${resource}`}
        viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
      >
        <title>{label}</title>
        <polyline points={points.join(' ')} />
      </svg>
      <span class="spark-caption" aria-hidden="true">
        {caption}
      </span>
    </>
  );
}
