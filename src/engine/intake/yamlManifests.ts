import * as l10n from '@vscode/l10n';
import { Composer, LineCounter, Parser, isScalar, visit, YAMLParseError, type Alias, type CST, type Document } from 'yaml';
import { admitDocument, type DocumentLines } from './admitDocument.js';
import {
  blankCompactNesting,
  checkDocumentLimits,
  compactNestingOffsets,
  depthBreach,
  firstOffsetWithin,
  type LimitBreach,
} from './documentLimits.js';
import { isCircular } from './circular.js';
import { admitSwallowed } from './documentMarkers.js';
import { documentStartLine } from './documentStart.js';
import { DEFAULT_INTAKE_LIMITS, raiseHint, type IntakeLimits } from './limits.js';
import type { ParsedManifests } from './manifestTypes.js';
import { admitRunTogether, hasContent, splitAtTopLevelApiVersion, type PieceParser } from './runTogether.js';

/** A document the limits turned away, kept in file order with those that were read. */
interface Skipped {
  readonly breach: LimitBreach;
}

/** A document as the file holds it: composed, or turned away by a limit; `offset` is where it starts. */
interface Entry {
  readonly offset: number;
  readonly entry: Document.Parsed | Skipped;
}

/**
 * Parses one file's text (multi-document YAML, flow style or JSON) with the `yaml` library: the complete path, for
 * every file the fast one (fastManifests.ts) does not take. One bad document never stops the others. Pieces of
 * objects run together are read by `parsePiece`: this path by default, the fast path when manifests.ts calls.
 * Each document's syntax tree is checked against the limits (documentLimits.ts) before it is composed.
 */
export function parseManifestTextWithYaml(
  text: string,
  file: string,
  limits: IntakeLimits = DEFAULT_INTAKE_LIMITS,
  parsePiece: PieceParser = parseManifestTextWithYaml,
): ParsedManifests {
  const result: ParsedManifests = { objects: [], warnings: [] };
  const lineCounter = lineCounterOf(text);
  const entries = composeWithinLimits(text, limits);
  entries.forEach(({ offset, entry }, index) => {
    // The document's extent: up to the next one, with the error tokens after it that the Parser could not read.
    const end = entries[index + 1]?.offset ?? text.length;
    if (
      ('breach' in entry || entry.errors.length > 0) &&
      admitSwallowed(text, { offset, end, file, lineCounter, parsePiece, limits }, result)
    ) {
      return;
    }
    if ('breach' in entry) {
      const line = lineCounter.linePos(entry.breach.offset).line;
      result.warnings.push({ file, line, severity: 'error', problem: 'limit', message: entry.breach.message });
      return;
    }
    const startLine = startLineOf(entry, lineCounter, text);
    if (entry.errors.length > 0) recoverOrReport(entry, { text, file, startLine, lineCounter, parsePiece, limits }, result);
    else admitAliased(entry, { file, startLine, lineCounter, limits }, result);
  });
  return result;
}

interface Where {
  readonly file: string;
  readonly startLine: number;
  readonly lineCounter: LineCounter;
  readonly limits: IntakeLimits;
}

/**
 * Resolving aliases is where one document can still fail: an alias with no anchor before it (a typo), or aliases
 * that expand into more nodes than the aliases limit allows (a bomb: each `*b` in `[*a, *a, …]` repeats `a`'s
 * expansion). Either costs that document a warning at the alias, never the rest of the file.
 */
function admitAliased(doc: Document.Parsed, where: Where, result: ParsedManifests): void {
  const { file, startLine, lineCounter, limits } = where;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.aliases });
  } catch {
    const unresolved = firstUnresolvedAlias(doc);
    const offset = unresolved?.range?.[0];
    const line = offset === undefined ? startLine : lineCounter.linePos(offset).line;
    const message = unresolved
      ? l10n.t('document skipped: alias *{0} has no anchor &{0} before it', unresolved.source)
      : l10n.t(
          'document skipped: its aliases expand too far (more than {0}, the aliases limit); {1}',
          limits.aliases,
          raiseHint('aliases'),
        );
    result.warnings.push({ file, line, severity: 'error', problem: 'bad-alias', message });
    return;
  }
  if (isCircular(value)) {
    const message = l10n.t('document skipped: an alias refers to a node that contains it (a loop no Kubernetes object can hold)');
    result.warnings.push({ file, line: startLine, severity: 'error', problem: 'bad-alias', message });
    return;
  }
  admitDocument(value, file, startLine, linesOf(doc, startLine, lineCounter), result);
}

/** The first alias, in file order, whose anchor was not set above it (what toJS throws on). */
function firstUnresolvedAlias(doc: Document.Parsed): Alias | undefined {
  const anchors = new Set<string>();
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (anchors.has(alias.source)) return undefined;
      found = alias;
      return visit.BREAK;
    },
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
    },
  });
  return found;
}

/**
 * The file's documents in order: composed ones, and the ones a limit turned away before composing. The `yaml`
 * library's own duplicate-key check compares each key with every earlier one (100K keys: minutes), so it is off
 * and `reportDuplicateKeys` does the same check with a Set. Lines too deeply nested for its Parser are blanked
 * before it runs, and their documents skipped.
 */
function composeWithinLimits(text: string, limits: IntakeLimits): Entry[] {
  const entries: Entry[] = [];
  const tooDeep = compactNestingOffsets(text, limits);
  const parsed = tooDeep.length > 0 ? blankCompactNesting(text, tooDeep) : text;
  const skip = (document: CST.Document, end: number): boolean => {
    const deep = firstOffsetWithin(tooDeep, document.offset, end);
    const breach = deep === undefined ? checkDocumentLimits(document, limits) : depthBreach(deep, limits);
    if (breach) entries.push({ offset: document.offset, entry: { breach } });
    return breach !== undefined;
  };
  // logLevel 'error': a key that is a map is stringified as before, without a process warning per document.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  for (const doc of composer.compose(withoutSkipped(new Parser().parse(parsed), skip))) {
    reportDuplicateKeys(doc);
    entries.push({ offset: doc.range[0], entry: doc });
  }
  return entries.sort((a, b) => a.offset - b.offset);
}

/**
 * The tokens without the documents `skip` turns away (told where each ends: where the next one starts), nor what
 * follows them up to the next document but its directives: their `...` would end the document before them, and
 * the Composer gives their error tokens (the rest of a line it could not read) to the document before them, which
 * then was lost as broken (#16).
 */
function* withoutSkipped(tokens: Iterable<CST.Token>, skip: (document: CST.Document, end: number) => boolean): Generator<CST.Token> {
  let held: CST.Token[] = [];
  function* release(end: number): Generator<CST.Token> {
    const [document, ...after] = held;
    held = [];
    const skipped = document?.type === 'document' && skip(document, end);
    if (document && !skipped) yield document;
    for (const token of after) if (!skipped || token.type === 'directive') yield token;
  }
  for (const token of tokens) {
    if (token.type === 'document') {
      // The Parser may report errors of a document before the document itself (`--- # x` then `]]] t`); the
      // Composer would give them to the document before, which was then lost as broken (#16). They go after it.
      // Not those at the very start of the document: the end of a flow collection or of an empty block scalar
      // that the marker line cut short is reported there, and is the error of the document before.
      const late = held.filter((earlier, index) => index > 0 && earlier.type === 'error' && earlier.offset > token.offset);
      if (late.length > 0) held = held.filter((earlier) => !late.includes(earlier));
      yield* release(token.offset);
      held = [token, ...late];
    } else if (held.length > 0) held.push(token);
    else yield token;
  }
  yield* release(Number.POSITIVE_INFINITY);
}

/**
 * What the `yaml` library's `uniqueKeys` reports (DUPLICATE_KEY at the key, "Map keys must be unique"), found
 * with one Set per map: scalar keys with the same value (`===`, so `1` and `"1"` differ, as there); other keys
 * are never equal to each other, as there. Errors stay in file order, so the first one reported is the same.
 */
function reportDuplicateKeys(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) {
          const start = key.range?.[0] ?? map.range?.[0] ?? 0;
          found.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(key.value);
      }
    },
  });
  if (found.length === 0) return;
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

interface Recovery {
  readonly text: string;
  readonly file: string;
  readonly startLine: number;
  readonly lineCounter: LineCounter;
  readonly parsePiece: PieceParser;
  readonly limits: IntakeLimits;
}

function recoverOrReport(doc: Document.Parsed, recovery: Recovery, result: ParsedManifests): void {
  const { text, file, startLine, lineCounter } = recovery;
  const first = doc.errors[0]!;
  const errorLine = first.linePos?.[0]?.line ?? lineOf(lineCounter, first.pos[0], text);
  const onlyDuplicateKeys = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
  const chunk = text.slice(doc.range[0], doc.range[2]);
  const pieces = onlyDuplicateKeys ? splitAtTopLevelApiVersion(chunk).filter(hasContent) : [];
  if (pieces.length > 1) {
    const chunkLine = lineCounter.linePos(doc.range[0]).line;
    const where = { file, startLine, errorLine, chunkLine };
    admitRunTogether(pieces, where, (piece, name) => recovery.parsePiece(piece, name, recovery.limits), result);
    return;
  }
  result.warnings.push({
    file,
    line: errorLine,
    severity: 'error',
    problem: 'yaml-error',
    message: l10n.t('YAML error: {0}', firstLine(first.message)),
  });
}

function linesOf(doc: Document.Parsed, listLine: number, lineCounter: LineCounter): DocumentLines {
  return {
    valueLines: () => valueLinesOf(doc, lineCounter),
    itemLine: (index) => {
      const node = doc.getIn(['items', index], true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : listLine;
    },
  };
}

function valueLinesOf(doc: Document.Parsed, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  visit(doc, {
    Pair(_, pair) {
      const value = pair.value;
      if (isScalar(value) && typeof value.value === 'string' && value.range && !lines.has(value.value)) {
        lines.set(value.value, lineCounter.linePos(value.range[0]).line);
      }
    },
  });
  return lines;
}

/**
 * Every line of `text`, counted here: the `yaml` Parser's own line callback skips the line breaks inside the
 * tokens it gives up on after an error, so every line below a broken document was reported too high.
 */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}

/**
 * A document's line, counted from its content as the fast path counts it (documentStart.ts): the Parser may start a
 * document at a stray token before its `---` (`...`, `}`, `---`), and the line was that token's (#16).
 */
function startLineOf(doc: Document.Parsed, lineCounter: LineCounter, text: string): number {
  const content = doc.contents?.range?.[0];
  if (content === undefined || content <= doc.range[0]) return lineOf(lineCounter, doc.range[0], text);
  return documentStartLine(text, content, lineCounter.linePos(content).line);
}

/** The line of a document's first content, skipping the `---` marker and leading comments. */
function lineOf(lineCounter: LineCounter, offset: number, text: string): number {
  let position = offset;
  while (position < text.length) {
    const end = text.indexOf('\n', position);
    const line = text.slice(position, end === -1 ? text.length : end).trim();
    if (line.length > 0 && line !== '---' && !line.startsWith('#')) break;
    if (end === -1) break;
    position = end + 1;
  }
  return lineCounter.linePos(Math.min(position, text.length)).line;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
