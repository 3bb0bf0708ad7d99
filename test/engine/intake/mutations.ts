/** The same pseudo-random sequence on every run: a failure names its seed and case, and reproduces. */
export function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Pieces of YAML syntax that move lines or change meaning when dropped into a real manifest. */
const PIECES = [':', ': ', '- ', ' #', '#', '{', '}', '[', ']', ',', "'", '"', '\t', '\n', '  ', '? ', '---\n', '...\n'];
const MORE = ['\\', '|', '>', '|-\n', 'on', '0755', '~', '\r\n', '"\\x41"', 'x', '.'];

/** A run of 5 to 45 lines of a real file, edited. */
export function mutate(lines: readonly string[], next: () => number): string {
  const start = Math.floor(next() * lines.length);
  return edit(lines.slice(start, start + 5 + Math.floor(next() * 40)).join('\n') + '\n', next);
}

/** One to three random edits of `text`: a piece of syntax inserted, a few characters dropped, a line re-indented. */
export function edit(original: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let text = original;
  for (let step = 0, steps = 1 + Math.floor(next() * 3); step < steps; step++) {
    const at = Math.floor(next() * text.length);
    const choice = next();
    if (choice < 0.4) text = text.slice(0, at) + pick(next() < 0.7 ? PIECES : MORE) + text.slice(at);
    else if (choice < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    else {
      const all = text.split('\n');
      const line = Math.floor(next() * all.length);
      all[line] = next() < 0.5 ? ` ${all[line]}` : all[line]!.replace(/^ /, '');
      text = all.join('\n');
    }
  }
  return text;
}
