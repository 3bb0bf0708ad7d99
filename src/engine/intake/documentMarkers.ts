import type { LineCounter } from 'yaml';
import type { IntakeLimits } from './limits.js';
import type { ManifestObject, ParsedManifests } from './manifestTypes.js';
import type { PieceParser } from './runTogether.js';

/** A `---` or `...` line after the first character: a line break, the marker, then a blank, a line break or the end. */
const MARKER_LINE = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;

/** One broken document's extent in the file: from its start to where the next document starts (or the end). */
export interface Extent {
  readonly offset: number;
  readonly end: number;
  readonly file: string;
  readonly lineCounter: LineCounter;
  readonly parsePiece: PieceParser;
  readonly limits: IntakeLimits;
}

/**
 * A broken document whose extent runs over document marker lines, read as YAML reads it: one document per piece
 * between markers. YAML forbids a marker line inside any node, and js-yaml ends a quoted scalar there with an error;
 * the `yaml` library (2.x) reads on to the closing quote, inside the document or as error tokens after it, so one
 * unclosed `"` swallowed every document after it (#16). Each piece is read alone and so ends at the next marker,
 * as it must: the broken one costs its own warning, the others load at their own lines. One pass over the extent,
 * however many documents it swallowed. False, and nothing admitted, when the extent holds no marker line.
 */
export function admitSwallowed(text: string, extent: Extent, result: ParsedManifests): boolean {
  const chunk = text.slice(extent.offset, extent.end);
  const markers = [...chunk.matchAll(MARKER_LINE)].map((match) => match.index + 1);
  if (markers.length === 0) return false;
  const starts = [0, ...markers];
  starts.forEach((start, index) => {
    const piece = chunk.slice(start, starts[index + 1] ?? chunk.length);
    if (piece.trim().length === 0) return;
    const shift = extent.lineCounter.linePos(extent.offset + start).line - 1;
    const parsed = extent.parsePiece(piece, extent.file, extent.limits);
    for (const object of parsed.objects) result.objects.push(shifted(object, shift));
    for (const warning of parsed.warnings) result.warnings.push({ ...warning, line: warning.line + shift });
  });
  return true;
}

function shifted(object: ManifestObject, shift: number): ManifestObject {
  const source = { file: object.source.file, line: object.source.line + shift };
  if (!object.valueLines) return { object: object.object, source };
  const valueLines = new Map<string, number>();
  for (const [value, line] of object.valueLines) valueLines.set(value, line + shift);
  return { object: object.object, source, valueLines };
}
