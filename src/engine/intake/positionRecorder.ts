import type { EventType, State } from 'js-yaml';
import { documentStartLine } from './documentStart.js';

/** What the `yaml` path records for one document, found while js-yaml builds it (lines are 1-based). */
export interface DocumentPositions {
  readonly startLine: number;
  /** Line of the first occurrence of each string that is a mapping value, in document order. */
  readonly valueLines: Map<string, number>;
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
  private top = 0;
  // Each distinct string value of the document: its slot, then its first offset and line in parallel arrays.
  private valueSlots = new Map<string, number>();
  private readonly slotValues: string[] = [];
  private readonly slotOffsets: number[] = [];
  private readonly slotLines: number[] = [];
  private itemLines = new Map<unknown, readonly number[]>();

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
    this.top = mark + 1;
  }

  private checkChildren(kind: string | null, result: unknown, mark: number, depth: number): void {
    if (kind === 'mapping') this.checkMapping(result as Record<string, unknown>, mark);
    else if (kind === 'sequence') this.checkSequence(result as unknown[], mark, depth);
    else if (this.top > mark + (this.endsWithEmptyNode(mark) ? 1 : 0)) throw new NotMirrored('scalar with children');
  }

  /** Key, value, key, value… and perhaps one empty node last: js-yaml's try at a next key that was not there. */
  private checkMapping(result: Record<string, unknown>, mark: number): void {
    const pairs = Object.keys(result).length;
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
      if (typeof value === 'string') this.recordValue(value, this.offsets[index + 1]!, this.lines[index + 1]!);
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

  private recordValue(value: string, offset: number, line: number): void {
    const slot = this.valueSlots.get(value);
    if (slot === undefined) {
      this.valueSlots.set(value, this.slotValues.length);
      this.slotValues.push(value);
      this.slotOffsets.push(offset);
      this.slotLines.push(line);
    } else if (offset < this.slotOffsets[slot]!) {
      this.slotOffsets[slot] = offset;
      this.slotLines[slot] = line;
    }
  }

  /** Parents close after their children, so values arrive out of order: the `yaml` path lists them as written. */
  private finishDocument(input: string, offset: number, line: number): void {
    const slots = this.slotValues.map((_, slot) => slot).sort((a, b) => this.slotOffsets[a]! - this.slotOffsets[b]!);
    const valueLines = new Map<string, number>();
    for (const slot of slots) valueLines.set(this.slotValues[slot]!, this.slotLines[slot]!);
    this.documents.push({ startLine: documentStartLine(input, offset, line), valueLines, itemLines: this.itemLines });
    this.valueSlots = new Map();
    this.slotValues.length = 0;
    this.slotOffsets.length = 0;
    this.slotLines.length = 0;
    this.itemLines = new Map();
    this.top = 0;
    this.values.length = 0;
  }
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
