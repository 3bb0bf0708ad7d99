/**
 * Where a field named by the API server sits in the YAML the user wrote, so a 422 (or an apply conflict) is shown at
 * that line rather than as a message about a path. The server spells paths two ways: validation errors as
 * `spec.template.spec.containers[0].image` or `metadata.labels[app.kubernetes.io/name]`, and apply conflicts as
 * `.spec.template.spec.containers[name="web"].image` (a list item picked by its key fields). Both are read here.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** A map key, a list index, or a list item picked by the values of its key fields. */
export type FieldSegment = string | number | { readonly [key: string]: string };

/** The line of a field (1-based); `exact` is false when only an enclosing field was found (the field is missing). */
export interface FieldLine {
  readonly line: number;
  readonly exact: boolean;
}

function parseSelector(inner: string): FieldSegment {
  if (/^\d+$/.test(inner)) return Number(inner);
  if (!/^[\w.-]+=/.test(inner)) return inner;
  const keys: Record<string, string> = {};
  // `[containerPort=80,protocol="TCP"]`: values may be quoted (JSON strings) or bare.
  for (const match of inner.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = match[2]!;
    keys[match[1]!] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
  }
  return keys;
}

/** `a.b[0].c`, `.a[k="v"]`, `metadata.labels[app.kubernetes.io/name]` → segments. */
export function fieldPathSegments(path: string): FieldSegment[] {
  const segments: FieldSegment[] = [];
  let index = 0;
  while (index < path.length) {
    const char = path[index];
    if (char === '.') index++;
    else if (char === '[') {
      const close = path.indexOf(']', index);
      const end = close === -1 ? path.length : close;
      segments.push(parseSelector(path.slice(index + 1, end)));
      index = end + 1;
    } else {
      const stop = path.slice(index).search(/[.[]/);
      const end = stop === -1 ? path.length : index + stop;
      segments.push(path.slice(index, end));
      index = end;
    }
  }
  return segments;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The node a segment leads to, and the offset to report (a map entry's key: the line that names the field). */
function step(node: Node, segment: FieldSegment): { node: Node | undefined; offset: number } | undefined {
  if (typeof segment === 'string' && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && scalarText(item.key) === segment);
    if (!pair) return undefined;
    const key = pair.key as Node;
    return { node: (pair.value as Node | null) ?? undefined, offset: key.range?.[0] ?? 0 };
  }
  if (!isSeq(node)) return undefined;
  const items = node.items as Node[];
  const item =
    typeof segment === 'number'
      ? items[segment]
      : typeof segment === 'object'
        ? items.find(
            (candidate) => isMap(candidate) && Object.entries(segment).every(([key, value]) => String(candidate.get(key)) === value),
          )
        : undefined;
  return item ? { node: item, offset: item.range?.[0] ?? 0 } : undefined;
}

/**
 * The line of `path` in the YAML `text`; in a file of several documents, in the one that starts at or contains
 * `documentLine` (1-based; default the first). Undefined when the text does not parse to a document.
 */
export function lineOfField(text: string, path: string, documentLine = 1): FieldLine | undefined {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter });
  if (!Array.isArray(documents)) return undefined;
  const document = [...documents].reverse().find((candidate) => counter.linePos(candidate.range[0]).line <= documentLine) ?? documents[0];
  const root = document?.contents;
  if (!document || !root) return undefined;
  let node: Node | undefined = root as Node;
  let offset = root.range?.[0] ?? 0;
  let exact = true;
  for (const segment of fieldPathSegments(path)) {
    const next: ReturnType<typeof step> = node ? step(node, segment) : undefined;
    if (!next) {
      exact = false;
      break;
    }
    offset = next.offset;
    node = next.node;
  }
  return { line: counter.linePos(offset).line, exact };
}

/** A problem the API server reported about one field, placed at a line of the YAML that was sent. */
export interface PlacedProblem {
  readonly line: number;
  /** `spec.replicas: must be greater than or equal to 0`, or the message alone for the whole object. */
  readonly message: string;
  /** False when the field itself is not written there (only an enclosing field, or the document, was found). */
  readonly exact: boolean;
}

/**
 * The problems of one object at their lines in `text`, which may hold many documents: the object's document is the
 * one at `documentLine` (its first line, as the intake reports it), so a file of several objects, or a selection
 * shifted back to its document's lines, points at the right one. A problem without a field, or a field in a List's
 * item (not followed into `items`), stays at the document's line.
 */
export function placeProblems(
  text: string,
  documentLine: number,
  problems: readonly { readonly field: string; readonly message: string }[],
): PlacedProblem[] {
  return problems.map(({ field, message }) => {
    const found = field ? lineOfField(text, field, documentLine) : undefined;
    const line = found && found.line >= documentLine ? found.line : documentLine;
    return { line, message: field ? `${field}: ${message}` : message, exact: found?.exact === true && line === found.line };
  });
}
