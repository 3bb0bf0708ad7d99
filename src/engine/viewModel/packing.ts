/**
 * Shelf packing of rectangles: boxes sorted tallest first, laid out in rows up to a target width chosen
 * from the total area. Linear after the sort and deterministic, which matters more here than the last few
 * percent of density that a smarter packer would buy.
 */

export interface Box {
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

export interface PackedBox extends Box {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

export interface Packing {
  readonly boxes: readonly PackedBox[];
  readonly width: number;
  readonly height: number;
}

/**
 * Packs boxes into shelves, choosing the row width whose result best matches `aspect` (width ÷ height)
 * while wasting little space: a handful of candidate widths between the widest box and one single row
 * are tried, each a linear pass.
 */
export function shelfPack(boxes: readonly Box[], gap: number, aspect = 1.6): Packing {
  if (boxes.length === 0) return { boxes: [], width: 0, height: 0 };
  const sorted = [...boxes].sort((a, b) => b.height - a.height || b.width - a.width || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let widest = 0;
  let total = 0;
  for (const box of sorted) {
    widest = Math.max(widest, box.width);
    total += box.width + gap;
  }
  let best: Packing | undefined;
  let bestScore = Infinity;
  const steps = 16;
  for (let i = 0; i <= steps; i++) {
    // Geometric steps: small widths need finer resolution than wide ones.
    const rowWidth = widest * Math.pow(Math.max(1, total / widest), i / steps);
    const packing = packRows(sorted, gap, rowWidth);
    const ratio = packing.width / Math.max(1, packing.height);
    const score = packing.width * packing.height * Math.max(ratio / aspect, aspect / ratio);
    if (score < bestScore) {
      bestScore = score;
      best = packing;
    }
  }
  return best ?? packRows(sorted, gap, total);
}

function packRows(sorted: readonly Box[], gap: number, rowWidth: number): Packing {
  const placed: PackedBox[] = [];
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  let width = 0;
  for (const box of sorted) {
    if (x > 0 && x + box.width > rowWidth) {
      y += shelfHeight + gap;
      x = 0;
      shelfHeight = 0;
    }
    placed.push({ ...box, x, y });
    width = Math.max(width, x + box.width);
    x += box.width + gap;
    shelfHeight = Math.max(shelfHeight, box.height);
  }
  return { boxes: placed, width, height: y + shelfHeight };
}
