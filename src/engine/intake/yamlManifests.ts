import { LineCounter, parseAllDocuments, isScalar, visit, type Document } from 'yaml';
import { admitDocument, type DocumentLines } from './admitDocument.js';
import type { ParsedManifests } from './manifestTypes.js';
import { admitRunTogether, splitAtTopLevelApiVersion, type PieceParser } from './runTogether.js';

/**
 * Parses one file's text (multi-document YAML, flow style or JSON) with the `yaml` library: the complete path, for
 * every file the fast one (fastManifests.ts) does not take. One bad document never stops the others. Pieces of
 * objects run together are read by `parsePiece`: this path by default, the fast path when manifests.ts calls.
 */
export function parseManifestTextWithYaml(
  text: string,
  file: string,
  parsePiece: PieceParser = parseManifestTextWithYaml,
): ParsedManifests {
  const result: ParsedManifests = { objects: [], warnings: [] };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(documents) ? documents : [];
  for (const doc of docs) {
    const startLine = lineOf(lineCounter, doc.range[0], text);
    if (doc.errors.length > 0) {
      recoverOrReport(doc, { text, file, startLine, lineCounter, parsePiece }, result);
      continue;
    }
    admitDocument(doc.toJS({ maxAliasCount: 1000 }), file, startLine, linesOf(doc, startLine, lineCounter), result);
  }
  return result;
}

interface Recovery {
  readonly text: string;
  readonly file: string;
  readonly startLine: number;
  readonly lineCounter: LineCounter;
  readonly parsePiece: PieceParser;
}

function recoverOrReport(doc: Document.Parsed, recovery: Recovery, result: ParsedManifests): void {
  const { text, file, startLine, lineCounter } = recovery;
  const first = doc.errors[0]!;
  const errorLine = first.linePos?.[0]?.line ?? lineOf(lineCounter, first.pos[0], text);
  const onlyDuplicateKeys = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
  const chunk = text.slice(doc.range[0], doc.range[2]);
  const pieces = onlyDuplicateKeys ? splitAtTopLevelApiVersion(chunk) : [];
  if (pieces.length > 1) {
    admitRunTogether(pieces, { file, startLine, errorLine }, recovery.parsePiece, result);
    return;
  }
  result.warnings.push({
    file,
    line: errorLine,
    severity: 'error',
    problem: 'yaml-error',
    message: `YAML error: ${firstLine(first.message)}`,
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
