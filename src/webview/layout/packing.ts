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

/** Width ÷ height the packer aims for: a little wider than tall, like an editor pane. */
const TARGET_ASPECT = 1.6;

export function shelfPack(boxes: readonly Box[], gap: number): Packing {
  if (boxes.length === 0) return { boxes: [], width: 0, height: 0 };
  const sorted = [...boxes].sort(
    (a, b) => b.height - a.height || b.width - a.width || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  let area = 0;
  let widest = 0;
  for (const box of sorted) {
    area += (box.width + gap) * (box.height + gap);
    widest = Math.max(widest, box.width);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area * TARGET_ASPECT));
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
