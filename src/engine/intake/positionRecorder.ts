import type { EventType, State } from 'js-yaml';
import { documentStartLine } from './documentStart.js';
import type { IntakeLimits } from './limits.js';

/** What the `yaml` path records for one document, found while js-yaml builds it (lines are 1-based). */
export interface DocumentPositions {
  readonly startLine: number;
  /**
   * Line of the first occurrence of each string that is a mapping value, in document order. Built when asked: a
   * List's items are admitted without it.
   */
  valueLines(): Map<string, number>;
  /** Lines of the items of the sequences near the root (a List's `items`), by the array js-yaml built. */
  readonly itemLines: ReadonlyMap<unknown, readonly number[]>;
}

/** Thrown out of js-yaml to give a file to the `yaml` path: this file uses something the fast path does not mirror. */
export class NotMirrored extends Error {}

/** The parts of js-yaml's loader state the recorder reads; its published types name only some of them. */
interface LoaderState extends State {
  readonly depth: number;
  readonly anchor: string | null;
}

const TAG = 0x21; // !
const ANCHOR = 0x26; // &
const ALIAS = 0x2a; // *
/** Key start to value start: more than the `yaml` path's 1024 characters from key start to `:`, or a long way down. */
const MAX_KEY_SPAN = 1024;

/**
 * js-yaml's `listener` calls `open` before each node and `close` after it. Closed nodes wait on a stack until
 * their parent closes; a parent then checks that its children are exactly what js-yaml put into it (so every
 * line is attributed to the right value), and records the lines the `yaml` path would. Anything it cannot
 * attribute (anchors, aliases, tags, non-string keys, a shape it does not know) throws NotMirrored.
 */
export class PositionRecorder {
  readonly documents: DocumentPositions[] = [];
  private readonly openOffsets: number[] = [];
  private readonly openLines: number[] = [];
  private readonly openMarks: number[] = [];
  // Closed nodes waiting for their parent, `top` of them: a stack pointer, as shrinking arrays is slow in V8.
  private readonly values: unknown[] = [];
  private readonly kinds: (string | null)[] = [];
  private readonly offsets: number[] = [];
  private readonly lines: number[] = [];
  /** Index of each waiting node in `strings` when it is a string scalar, else -1. */
  private readonly stringIndexes: number[] = [];
  private top = 0;
  // The document's string scalars as they close, which is the order they are written in (scalars are leaves),
  // their lines, and 1 for those found to be mapping values when their parent closes.
  private strings: string[] = [];
  private stringLines: number[] = [];
  private stringIsValue: number[] = [];
  private itemLines = new Map<unknown, readonly number[]>();

  constructor(private readonly limits: IntakeLimits) {}

  readonly listener = (event: EventType, state: State): void => {
    if (event === 'open') this.open(state as LoaderState);
    else this.close(state as LoaderState);
  };

  private open(state: LoaderState): void {
    const input = state.input;
    let offset = state.position;
    let line = state.line;
    // The separation space js-yaml skips before a node's content (its skipSeparationSpace): blanks, comments, breaks.
    for (;;) {
      const ch = input.charCodeAt(offset);
      if (ch === 0x20 || ch === 0x09) offset++;
      else if (ch === 0x23) offset = endOfLine(input, offset);
      else if (ch === 0x0a || ch === 0x0d) {
        offset += ch === 0x0d && input.charCodeAt(offset + 1) === 0x0a ? 2 : 1;
        line++;
      } else break;
    }
    const first = input.charCodeAt(offset);
    if (first === TAG || first === ANCHOR || first === ALIAS) throw new NotMirrored('tag, anchor or alias');
    this.openOffsets.push(offset);
    this.openLines.push(line + 1);
    this.openMarks.push(this.top);
  }

  private close(state: LoaderState): void {
    const mark = this.openMarks.pop()!;
    const offset = this.openOffsets.pop()!;
    const line = this.openLines.pop()!;
    if (state.anchor !== null) throw new NotMirrored('anchor');
    if (commentTouches(state.input, state.position)) throw new NotMirrored('a comment right after a quote or bracket');
    const result: unknown = state.result;
    if (state.depth > this.limits.depth && (state.kind === 'mapping' || state.kind === 'sequence')) throw new NotMirrored('too deep');
    const passThrough = this.top === mark + 1 && Object.is(this.values[mark], result);
    if (!passThrough) this.checkChildren(state.kind, result, mark, state.depth);
    if (state.depth === 1) {
      this.finishDocument(state.input, offset, line);
      return;
    }
    this.values[mark] = result;
    this.kinds[mark] = state.kind;
    this.offsets[mark] = offset;
    this.lines[mark] = line;
    this.stringIndexes[mark] = passThrough ? this.passStringThrough(mark, line) : this.recordString(result, line);
    this.top = mark + 1;
  }

  private recordString(result: unknown, line: number): number {
    if (typeof result !== 'string') return -1;
    this.stringLines.push(line);
    this.stringIsValue.push(0);
    return this.strings.push(result) - 1;
  }

  /** A node whose only child is its result takes the child's place, with its own start. */
  private passStringThrough(mark: number, line: number): number {
    const index = this.stringIndexes[mark]!;
    if (index >= 0) this.stringLines[index] = line;
    return index;
  }

  private checkChildren(kind: string | null, result: unknown, mark: number, depth: number): void {
    if (kind === 'mapping') this.checkMapping(result as Record<string, unknown>, mark);
    else if (kind === 'sequence') this.checkSequence(result as unknown[], mark, depth);
    else if (this.top > mark + (this.endsWithEmptyNode(mark) ? 1 : 0)) throw new NotMirrored('scalar with children');
  }

  /** Key, value, key, value… and perhaps one empty node last: js-yaml's try at a next key that was not there. */
  private checkMapping(result: Record<string, unknown>, mark: number): void {
    const pairs = Object.keys(result).length;
    if (pairs > this.limits.keysPerMap) throw new NotMirrored('more keys than the limit');
    const children = this.top - mark;
    if (children !== 2 * pairs && !(children === 2 * pairs + 1 && this.endsWithEmptyNode(mark))) {
      throw new NotMirrored('mapping children');
    }
    for (let index = mark; index < mark + 2 * pairs; index += 2) {
      const key = this.values[index];
      const value = this.values[index + 1];
      if (typeof key !== 'string' || key === '__proto__' || !Object.hasOwn(result, key) || !Object.is(result[key], value)) {
        throw new NotMirrored('mapping key');
      }
      // The `yaml` path rejects an implicit key whose `:` is more than 1024 characters after its start.
      if (this.offsets[index + 1]! - this.offsets[index]! > MAX_KEY_SPAN) throw new NotMirrored('long key');
      const stringIndex = this.stringIndexes[index + 1]!;
      if (stringIndex >= 0) this.stringIsValue[stringIndex] = 1;
    }
  }

  private checkSequence(result: unknown[], mark: number, depth: number): void {
    if (this.top - mark !== result.length) throw new NotMirrored('sequence children');
    for (let index = 0; index < result.length; index++) {
      if (!Object.is(result[index], this.values[mark + index])) throw new NotMirrored('sequence item');
    }
    // A List's items are the value of a root key: depth 2, or 3 when js-yaml read them through a try at a key.
    if (depth <= 3) this.itemLines.set(result, this.lines.slice(mark, this.top));
  }

  private endsWithEmptyNode(mark: number): boolean {
    const last = this.top - 1;
    return last >= mark && this.kinds[last] === null && this.values[last] === null;
  }

  private finishDocument(input: string, offset: number, line: number): void {
    const valueLines = valueLinesOnce(this.strings, this.stringLines, this.stringIsValue);
    this.documents.push({ startLine: documentStartLine(input, offset, line), valueLines, itemLines: this.itemLines });
    this.strings = [];
    this.stringLines = [];
    this.stringIsValue = [];
    this.itemLines = new Map();
    this.top = 0;
    this.values.length = 0;
  }
}

function valueLinesOnce(strings: readonly string[], lines: readonly number[], isValue: readonly number[]): () => Map<string, number> {
  let valueLines: Map<string, number> | undefined;
  return () => {
    if (valueLines !== undefined) return valueLines;
    valueLines = new Map();
    for (let index = 0; index < strings.length; index++) {
      const value = strings[index]!;
      if (isValue[index] === 1 && !valueLines.has(value)) valueLines.set(value, lines[index]!);
    }
    return valueLines;
  };
}

/** `"x"#c`: js-yaml reads a comment there; the `yaml` path says comments must be separated by white space. */
function commentTouches(input: string, position: number): boolean {
  if (input.charCodeAt(position) !== 0x23) return false;
  const before = input.charCodeAt(position - 1);
  return before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d;
}

function endOfLine(input: string, offset: number): number {
  let position = offset;
  for (let ch = input.charCodeAt(position); ch !== 0x0a && ch !== 0x0d && ch !== 0 && !Number.isNaN(ch);) {
    ch = input.charCodeAt(++position);
  }
  return position;
}
