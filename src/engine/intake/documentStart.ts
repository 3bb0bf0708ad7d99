/**
 * The line the `yaml` path gives a document (manifests' lineOf): from the document's `---` marker, or from its
 * content when it has none, the first line that is not blank, not a comment and not a bare `---`. js-yaml tells
 * where the content starts; the lines above it up to the marker can only be blank or comments, so the answer is
 * the content's line unless the marker line carries something after the `---` (a comment: `--- # app`).
 */
export function documentStartLine(input: string, contentOffset: number, contentLine: number): number {
  let lineStart = input.lastIndexOf('\n', contentOffset - 1) + 1;
  if (isMarker(input, lineStart)) return contentLine;
  let line = contentLine;
  while (lineStart > 0) {
    const previousStart = lineStart >= 2 ? input.lastIndexOf('\n', lineStart - 2) + 1 : 0;
    const text = input.slice(previousStart, lineStart - 1).trim();
    line--;
    if (isMarker(input, previousStart)) return text === '---' ? contentLine : line;
    if (text.length > 0 && !text.startsWith('#')) return contentLine;
    lineStart = previousStart;
  }
  return contentLine;
}

/** A `---` at the start of a line, followed by a blank, a line break or the end: a document marker. */
function isMarker(input: string, lineStart: number): boolean {
  if (!input.startsWith('---', lineStart)) return false;
  const next = input.charCodeAt(lineStart + 3);
  return Number.isNaN(next) || next === 0 || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}
