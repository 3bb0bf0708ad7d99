import * as l10n from '@vscode/l10n';
import type { IntakeLimits } from './limits.js';
import type { ParsedManifests } from './manifestTypes.js';

/** Reads one piece of a document recovered from objects run together, under the file's limits. */
export type PieceParser = (text: string, file: string, limits: IntakeLimits) => ParsedManifests;

/** A PieceParser with the limits already chosen. */
type PieceReader = (text: string, file: string) => ParsedManifests;

/** Where the run-together document starts, and the line of its first duplicate key, both as the `yaml` path counts. */
export interface RunTogether {
  readonly file: string;
  readonly startLine: number;
  readonly errorLine: number;
  /** The line of the split text's first character: above `startLine` by its `---` marker and comments. */
  readonly chunkLine: number;
}

interface TextPiece {
  readonly text: string;
  readonly lineOffset: number;
}

interface ParsedPiece {
  readonly parsed: ParsedManifests;
  readonly lineOffset: number;
}

const LINE_START = '\napiVersion';
/** `apiVersion`, blanks, `:` at a line start (set lastIndex): the blanks may not run on to the next line. */
const API_VERSION_AT = /apiVersion[^\S\n]*:/y;
/** The key `apiVersion` itself: `apiVersion:x: 1` also starts like one, but its key is `apiVersion:x`. */
const API_VERSION_KEY = /^apiVersion[ \t]*:(?:[ \t]|\r?\n|$)/;

/**
 * A document's text cut before each top-level `apiVersion:` line after its first line; blank pieces dropped. Found
 * by searching for line starts rather than splitting every line: a dump is thousands of lines and a few pieces.
 */
export function splitAtTopLevelApiVersion(chunk: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let counted = 0;
  for (let found = chunk.indexOf(LINE_START, 0); found !== -1; found = chunk.indexOf(LINE_START, found + 1)) {
    API_VERSION_AT.lastIndex = found + 1;
    if (!API_VERSION_AT.test(chunk)) continue;
    line += newlines(chunk, counted, found + 1);
    counted = found + 1;
    pieces.push({ text: chunk.slice(start, found), lineOffset: startLine });
    start = found + 1;
    startLine = line;
  }
  pieces.push({ text: chunk.slice(start), lineOffset: startLine });
  return pieces.filter((piece) => piece.text.trim().length > 0);
}

/**
 * Whether a piece has a line that is not blank, a comment or a bare document marker. What comes before a document's
 * first `apiVersion` (its `---`, comments) is no object: one mapping with a duplicate key below its comments was
 * reported as two objects run together (#16).
 */
export function hasContent({ text }: TextPiece): boolean {
  return text.split('\n').some((line) => {
    const rest = line.replace(/^(?:---|\.\.\.)(?=\s|$)/, '').trim();
    return rest.length > 0 && !rest.startsWith('#');
  });
}

function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Reads each piece with `parsePiece` and admits what it found, after one warning that says what was recovered. */
export function admitRunTogether(pieces: readonly TextPiece[], where: RunTogether, parsePiece: PieceReader, result: ParsedManifests): void {
  admitPieces(
    pieces.map((piece) => ({ parsed: parsePiece(piece.text, where.file), lineOffset: piece.lineOffset })),
    where,
    result,
  );
}

/**
 * The fast path's reading of a file that is objects run together, or undefined when it is not one or when the
 * `yaml` path must read it. Taken only when the `yaml` path would find exactly this: one document (no markers) cut
 * into two or more pieces, each starting with a plain `apiVersion` key at column 0 and each read by the fast path
 * (so each is a block mapping with nothing the fast path gives back). Their concatenation is then one mapping whose
 * only errors are duplicate top-level keys, and the first of them is the second piece's `apiVersion`. Checked
 * before any parse, so such a file is read once, not once whole until the duplicate and again in pieces.
 */
export function parseRunTogetherFast(
  text: string,
  file: string,
  parseFast: (text: string, file: string) => ParsedManifests | undefined,
): ParsedManifests | undefined {
  const pieces = runTogetherPieces(text);
  if (pieces === undefined) return undefined;
  const parsedPieces: ParsedPiece[] = [];
  for (const piece of pieces) {
    const parsed = parseFast(piece.text, file);
    if (parsed === undefined) return undefined;
    parsedPieces.push({ parsed, lineOffset: piece.lineOffset });
  }
  const result: ParsedManifests = { objects: [], warnings: [] };
  admitPieces(parsedPieces, { file, startLine: 1, errorLine: pieces[1]!.lineOffset + 1, chunkLine: 1 }, result);
  return result;
}

function runTogetherPieces(text: string): TextPiece[] | undefined {
  if (!API_VERSION_KEY.test(text) || !text.includes(LINE_START) || text.includes('\n---') || text.includes('\n...')) {
    return undefined;
  }
  const pieces = splitAtTopLevelApiVersion(text);
  return pieces.length > 1 && pieces.every((piece) => API_VERSION_KEY.test(piece.text)) ? pieces : undefined;
}

function admitPieces(pieces: readonly ParsedPiece[], where: RunTogether, result: ParsedManifests): void {
  const { file, startLine, errorLine } = where;
  // Two sentences to translate: one literal of the whole would not fit a line.
  const ran = l10n.t("{0} objects run together without '---' separators (duplicate key at line {1});", pieces.length, errorLine);
  result.warnings.push({
    file,
    line: startLine,
    severity: 'error',
    problem: 'run-together',
    message: `${ran} ${l10n.t("recovered them by splitting at each top-level 'apiVersion:'")}`,
  });
  for (const { parsed, lineOffset } of pieces) {
    const shift = where.chunkLine - 1 + lineOffset;
    for (const object of parsed.objects) {
      result.objects.push({ object: object.object, source: { file, line: object.source.line + shift } });
    }
    for (const warning of parsed.warnings) result.warnings.push({ ...warning, line: warning.line + shift });
  }
}
