import type { IntakeLimits } from './limits.js';
import type { ManifestObject, ParsedManifests } from './manifestTypes.js';
import type { PieceParser } from './runTogether.js';

/** A `---` or `...` line after the first character: a line break, the marker, then a blank, a line break or the end. */
const MARKER_LINE = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;

/**
 * Where `chunk` (one document as the `yaml` library ended it) holds document marker lines, as offsets of the marker.
 * YAML forbids a marker line inside any node, and js-yaml ends a quoted scalar there with an error; the `yaml`
 * library (2.x) reads on to the closing quote, so one unclosed `"` swallowed every document after it (#16).
 */
export function markerLines(chunk: string): number[] {
  return [...chunk.matchAll(MARKER_LINE)].map((match) => match.index + 1);
}

export interface Swallowed {
  readonly chunk: string;
  /** Offsets of the marker lines in the chunk (markerLines). */
  readonly markers: readonly number[];
  readonly file: string;
  /** Lines above the line at `offset` of the chunk. */
  readonly linesAbove: (offset: number) => number;
  readonly parsePiece: PieceParser;
  readonly limits: IntakeLimits;
}

/**
 * A document that ran over marker lines, read as YAML reads it: one document per piece between markers. Each piece
 * is read alone (each then ends at the next marker, as it must), so the broken one costs its own warning and the
 * others load, at their own lines. One pass over the chunk however many documents it swallowed.
 */
export function admitSwallowed(swallowed: Swallowed, result: ParsedManifests): void {
  const { chunk, markers, file } = swallowed;
  const starts = [0, ...markers];
  starts.forEach((start, index) => {
    const piece = chunk.slice(start, starts[index + 1] ?? chunk.length);
    if (piece.trim().length === 0) return;
    const shift = swallowed.linesAbove(start);
    const parsed = swallowed.parsePiece(piece, file, swallowed.limits);
    for (const object of parsed.objects) result.objects.push(shifted(object, shift));
    for (const warning of parsed.warnings) result.warnings.push({ ...warning, line: warning.line + shift });
  });
}

function shifted(object: ManifestObject, shift: number): ManifestObject {
  const source = { file: object.source.file, line: object.source.line + shift };
  if (!object.valueLines) return { object: object.object, source };
  const valueLines = new Map<string, number>();
  for (const [value, line] of object.valueLines) valueLines.set(value, line + shift);
  return { object: object.object, source, valueLines };
}
