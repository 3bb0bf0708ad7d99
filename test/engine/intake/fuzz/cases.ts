import { parseManifestText } from '../../../../src/engine/intake/manifests.js';
import { canonical } from '../bothPaths.js';
import { mutate } from './mutate.js';
import { caseRandom, type Random } from './random.js';
import type { Source } from './sources.js';

/**
 * Fuzz cases from (seed, index). Two kinds:
 * - `file`: a source file (or a window of a large one) mutated anywhere. Only "no crash, well-formed warnings,
 *   a valid graph" can be asked of it.
 * - `mixed`: valid documents of the sources around one mutated document, with every `---` line kept. The mutation
 *   touches only the bytes of that document's body, and YAML forbids a `---` line inside any scalar or flow
 *   collection, so a parser that follows the spec ends the broken document there: every valid document must come
 *   out whole, at a line inside its own document.
 */
export interface FuzzCase {
  readonly seed: number;
  readonly index: number;
  readonly kind: 'file' | 'mixed';
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly ops: readonly string[];
  /** Where the input came from: the source of each document, the mutated one marked. */
  readonly from: readonly string[];
  /** The valid documents of a `mixed` case. */
  readonly kept: readonly KeptDocument[];
}

export interface KeptDocument {
  readonly source: string;
  /** Lines of the file the document takes, its `---` marker included. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** The canonical text of each object it gives when read alone. */
  readonly objects: readonly string[];
  /**
   * Only its objects' identity is checked, not their content: it follows a broken document that holds a directive
   * line (`%YAML 1.1`), and a directive before `---` belongs to the document after it (1.1 reads `<<` and `yes`).
   */
  readonly identityOnly?: boolean;
}

interface Document {
  readonly source: string;
  readonly text: string;
}

/** Inputs larger than this are cut to a window of whole lines: the fuzz is about shapes, not sizes. */
const WINDOW_BYTES = 24 * 1024;
const MARKERS = ['---\n', '--- # next\n', '---\n\n', '---   \n'];

export class CaseMaker {
  private readonly documents = new Map<Source, Document[]>();
  private readonly valid = new Map<Source, (Document & { objects: string[] })[]>();

  constructor(
    private readonly sources: readonly Source[],
    private readonly seed: number,
  ) {}

  make(index: number): FuzzCase {
    const random = caseRandom(this.seed, index);
    return random.chance(0.5) ? this.fileCase(index, random) : this.mixedCase(index, random);
  }

  private fileCase(index: number, random: Random): FuzzCase {
    const source = random.pick(this.sources);
    const mutated = mutate(window(source.bytes, random), random);
    const file = `fuzz/${source.name.split('/').pop() ?? 'case.yaml'}`;
    return {
      seed: this.seed,
      index,
      kind: 'file',
      file,
      bytes: mutated.bytes,
      ops: mutated.ops,
      from: [`${source.name} (mutated)`],
      kept: [],
    };
  }

  private mixedCase(index: number, random: Random): FuzzCase {
    const broken = random.pick(this.documentsOf(random.pick(this.sources)));
    const mutated = mutate(window(Buffer.from(broken.text, 'utf8'), random), random);
    const body = Buffer.from(mutated.bytes);
    const neighbours = Array.from({ length: random.between(2, 4) }, () => this.validDocument(random));
    const brokenAt = random.below(neighbours.length + 1);
    const parts: Buffer[] = [];
    const kept: KeptDocument[] = [];
    const from: string[] = [];
    let line = 1;
    let afterDirective = false;
    const add = (bytes: Buffer, document?: Document & { objects: string[] }): void => {
      const marker = parts.length === 0 ? Buffer.alloc(0) : Buffer.from(random.pick(MARKERS), 'utf8');
      const content = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? bytes : Buffer.concat([bytes, Buffer.from('\n')]);
      const lines = countLines(marker) + countLines(content);
      if (document) {
        const where = { source: document.source, firstLine: line, lastLine: line + lines - 1, objects: document.objects };
        kept.push(afterDirective ? { ...where, identityOnly: true } : where);
      }
      afterDirective = !document && /^%/m.test(content.toString('latin1'));
      parts.push(marker, content);
      line += lines;
    };
    neighbours.forEach((document, at) => {
      if (at === brokenAt) add(body);
      add(Buffer.from(document.text, 'utf8'), document);
      from.push(document.source);
    });
    if (brokenAt === neighbours.length) add(body);
    from.splice(brokenAt, 0, `${broken.source} (mutated)`);
    return { seed: this.seed, index, kind: 'mixed', file: 'fuzz/mixed.yaml', bytes: Buffer.concat(parts), ops: mutated.ops, from, kept };
  }

  /** A document that alone gives objects and no warning, from a random source that has one. */
  private validDocument(random: Random): Document & { objects: string[] } {
    for (let tries = 0; ; tries++) {
      if (tries > 100 * this.sources.length) throw new Error('no source has a valid document to put beside a broken one');
      const source = random.pick(this.sources);
      let valid = this.valid.get(source);
      if (!valid) {
        valid = this.documentsOf(source).flatMap((document) => {
          if (document.text.length > 16 * 1024 || /^(%|\.\.\.|---)/m.test(document.text)) return [];
          const parsed = parseManifestText(document.text, 'alone.yaml');
          if (parsed.warnings.length > 0 || parsed.objects.length === 0) return [];
          return [{ ...document, objects: parsed.objects.map((object) => canonical(object.object)) }];
        });
        this.valid.set(source, valid);
      }
      if (valid.length > 0) return random.pick(valid);
    }
  }

  private documentsOf(source: Source): Document[] {
    let documents = this.documents.get(source);
    if (!documents) {
      const text = Buffer.from(source.bytes).toString('utf8');
      const pieces = text.split(/^---(?:[ \t].*)?\r?\n/m).filter((piece) => piece.trim().length > 0);
      documents = (pieces.length > 0 ? pieces : [text]).map((piece) => ({ source: source.name, text: piece }));
      this.documents.set(source, documents);
    }
    return documents;
  }
}

/** A large input cut to a window of whole lines at a random place; small ones whole. */
function window(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length <= WINDOW_BYTES) return bytes;
  let start = random.below(bytes.length - WINDOW_BYTES);
  while (start > 0 && bytes[start - 1] !== 0x0a) start--;
  let end = Math.min(bytes.length, start + WINDOW_BYTES);
  while (end < bytes.length && bytes[end - 1] !== 0x0a) end++;
  return bytes.subarray(start, end);
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return lines;
}
