import type { TopologyGraph } from '../model/graph.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { SnapshotFormatError } from './errors.js';

/**
 * A compact, lossless binary form of a graph, made before compressing it (compressing the JSON alone is slower and
 * bigger: ids, kinds and label values repeat across thousands of nodes and edges). Every string goes into one
 * table; every object is written as its "shape" (its key list, in order — most nodes share one) plus its values;
 * an edge id that is just `source>type>target` is not written at all. Key order is kept, so `serializeGraph` of
 * the decoded graph is byte-equal to the original's.
 *
 * Layout: varint length + UTF-8 JSON header `{v, s: strings, h: shapes, n: nodeCount, e: edgeCount}`, then one
 * tagged value per node and per edge; a tag shares its varint with its operand (string index, shape, length).
 * Numbers are stored as their JSON text in the string table, so they come back exactly as JSON.stringify wrote them.
 */
export const GRAPH_CODEC_VERSION = 1;

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const STRING = 3;
const NUMBER = 4;
const ARRAY = 5;
const OBJECT = 6;
const DERIVED_ID = 7;

interface Header {
  readonly v: number;
  readonly s: readonly string[];
  readonly h: readonly (readonly string[])[];
  readonly n: number;
  readonly e: number;
}

function isWritten(this: Record<string, unknown>, key: string): boolean {
  const member = this[key];
  return member !== undefined && typeof member !== 'function';
}

interface ShapeTrie {
  index?: number;
  readonly next: Map<string, ShapeTrie>;
}

/** UTF-8 length of a string as JSON writes it (quotes and escapes included); plain ASCII skips the stringify. */
function jsonLength(value: string): number {
  return PLAIN_ASCII.test(value) ? value.length + 2 : Buffer.byteLength(JSON.stringify(value));
}
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Writes the compact form and, on the way, counts how many bytes `JSON.stringify` would give, so a snapshot
 * records its JSON size without paying for the stringify it exists to avoid.
 */
class Encoder {
  readonly out = new ByteWriter();
  readonly strings: string[] = [];
  json = 0;
  private readonly stringJson: number[] = [];
  private readonly shapeJson: number[] = [];
  readonly shapes: string[][] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly shapeRoot: ShapeTrie = { next: new Map() };

  value(value: unknown): void {
    switch (typeof value) {
      case 'string': {
        const index = this.string(value);
        this.out.tagged(STRING, index);
        this.json += this.stringJson[index]!;
        return;
      }
      case 'number': {
        const text = JSON.stringify(value);
        this.out.tagged(NUMBER, this.string(text));
        this.json += text.length;
        return;
      }
      case 'boolean':
        this.out.varint(value ? TRUE : FALSE);
        this.json += value ? 4 : 5;
        return;
      case 'object':
        if (value === null) this.null();
        else if (Array.isArray(value)) this.array(value);
        else this.object(value as Record<string, unknown>);
        return;
      default:
        this.null(); // undefined or a function inside an array: JSON writes null there too.
    }
  }

  /** `derivedId`: an edge whose id can be rebuilt from its ends, so only a marker is written in its place. */
  object(value: Record<string, unknown>, derivedId = false): void {
    // JSON.stringify skips undefined and function members; skipping them here keeps the round trip byte-equal.
    let keys = Object.keys(value);
    // Plain loops, no callbacks: this runs for every node, edge and label map.
    for (const key of keys) {
      const member = value[key];
      if (member === undefined || typeof member === 'function') {
        keys = keys.filter(isWritten, value);
        break;
      }
    }
    const shape = this.shape(keys);
    this.out.tagged(OBJECT, shape);
    this.json += this.shapeJson[shape]!;
    for (const key of keys) {
      if (derivedId && key === 'id') this.derivedId(value);
      else this.value(value[key]);
    }
  }

  /** JSON of `a>b>c` is the three strings' JSON minus their inner quotes plus the two separators. */
  private derivedId(edge: Record<string, unknown>): void {
    this.out.varint(DERIVED_ID);
    this.json += this.jsonOf(edge['source'] as string) + this.jsonOf(edge['type'] as string) + this.jsonOf(edge['target'] as string) - 2;
  }

  private null(): void {
    this.out.varint(NULL);
    this.json += 4;
  }

  private array(items: readonly unknown[]): void {
    this.out.tagged(ARRAY, items.length);
    this.json += 2 + Math.max(0, items.length - 1);
    for (const item of items) this.value(item);
  }

  private jsonOf(value: string): number {
    return this.stringJson[this.string(value)]!;
  }

  private string(value: string): number {
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringJson.push(jsonLength(value));
      this.stringIndex.set(value, index);
    }
    return index;
  }

  /** Shapes are found through a trie of keys: short, already-interned key strings hash faster than a joined one. */
  private shape(keys: string[]): number {
    let node = this.shapeRoot;
    for (const key of keys) {
      let next = node.next.get(key);
      if (!next) node.next.set(key, (next = { next: new Map() }));
      node = next;
    }
    if (node.index === undefined) {
      node.index = this.shapes.length;
      this.shapes.push(keys);
      // Braces, commas between members, and each `"key":`.
      this.shapeJson.push(2 + Math.max(0, keys.length - 1) + keys.reduce((sum, key) => sum + jsonLength(key) + 1, 0));
    }
    return node.index;
  }
}

const derivableId = (edge: TopologyGraph['edges'][number]): boolean =>
  typeof edge.id === 'string' && edge.id === `${edge.source}>${edge.type}>${edge.target}`;

export interface EncodedGraph {
  readonly bytes: Uint8Array;
  /** Byte length of `serializeGraph(graph)`, counted while encoding. */
  readonly jsonBytes: number;
}

/** `{"nodes":[` + `],"edges":[` + `]}`. */
const GRAPH_WRAPPER_JSON = 23;

/** The compact bytes of a graph (deterministic: the same graph gives the same bytes). */
export function encodeGraph(graph: TopologyGraph): EncodedGraph {
  const encoder = new Encoder();
  encodeRange(encoder, graph, 0, graph.nodes.length + graph.edges.length);
  return finish(encoder, graph);
}

/**
 * The same bytes as `encodeGraph`, written `sliceSize` nodes and edges at a time with `pause()` between slices, so
 * a 100K-object graph (about a second of work) never holds the extension host's event loop for long.
 * The graph must not change meanwhile (engine graphs are fresh arrays of immutable values).
 */
export async function encodeGraphInSlices(
  graph: TopologyGraph,
  pause: () => Promise<void> = nextTurn,
  sliceSize = 5000,
): Promise<EncodedGraph> {
  const encoder = new Encoder();
  const total = graph.nodes.length + graph.edges.length;
  for (let start = 0; start < total; start += sliceSize) {
    encodeRange(encoder, graph, start, Math.min(total, start + sliceSize));
    await pause();
  }
  return finish(encoder, graph);
}

/** Lets every timer and I/O callback waiting in the event loop run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function encodeRange(encoder: Encoder, graph: TopologyGraph, from: number, to: number): void {
  const nodeCount = graph.nodes.length;
  for (let index = from; index < to; index++) {
    if (index < nodeCount) {
      encoder.object(graph.nodes[index] as unknown as Record<string, unknown>);
    } else {
      const edge = graph.edges[index - nodeCount]!;
      encoder.object(edge as unknown as Record<string, unknown>, derivableId(edge));
    }
  }
}

function finish(encoder: Encoder, graph: TopologyGraph): EncodedGraph {
  const header: Header = { v: GRAPH_CODEC_VERSION, s: encoder.strings, h: encoder.shapes, n: graph.nodes.length, e: graph.edges.length };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = new ByteWriter();
  prefix.varint(headerBytes.length);
  const commas = Math.max(0, graph.nodes.length - 1) + Math.max(0, graph.edges.length - 1);
  return {
    bytes: Buffer.concat([prefix.result(), headerBytes, encoder.out.result()]),
    jsonBytes: encoder.json + GRAPH_WRAPPER_JSON + commas,
  };
}

class Decoder {
  constructor(
    private readonly reader: ByteReader,
    private readonly header: Header,
  ) {}

  value(): unknown {
    const word = this.reader.varint();
    const tag = word % 8;
    const operand = Math.floor(word / 8);
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case STRING:
        return this.string(operand);
      case NUMBER:
        return JSON.parse(this.string(operand)) as number;
      case ARRAY:
        return this.array(operand);
      case OBJECT:
        return this.objectBody(operand);
      case DERIVED_ID:
        return DERIVED_ID_MARK;
      default:
        throw new SnapshotFormatError(`Snapshot graph: unknown value tag ${tag}.`);
    }
  }

  object(): Record<string, unknown> {
    const word = this.reader.varint();
    if (word % 8 !== OBJECT) throw new SnapshotFormatError('Snapshot graph: expected an object.');
    return this.objectBody(Math.floor(word / 8));
  }

  private array(length: number): unknown[] {
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) items.push(this.value());
    return items;
  }

  private objectBody(shape: number): Record<string, unknown> {
    const keys = this.header.h[shape];
    if (!keys) throw new SnapshotFormatError('Snapshot graph: unknown object shape.');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      // Plain assignment of "__proto__" would replace the prototype instead of adding the key JSON.parse would add.
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      else out[key] = this.value();
    }
    return out;
  }

  private string(index: number): string {
    const found = this.header.s[index];
    if (found === undefined) throw new SnapshotFormatError('Snapshot graph: string index out of range.');
    return found;
  }
}

const DERIVED_ID_MARK = Symbol('derived edge id');

/** The graph back from `encodeGraph` bytes; throws SnapshotFormatError on anything else. */
export function decodeGraph(bytes: Uint8Array): TopologyGraph {
  const reader = new ByteReader(bytes);
  const headerLength = reader.varint();
  if (headerLength > reader.remaining) throw new SnapshotFormatError('Snapshot graph is truncated.');
  const header = parseHeader(Buffer.from(bytes.buffer, bytes.byteOffset + reader.position, headerLength));
  reader.position += headerLength;
  // Every node and edge takes at least one byte; this also stops a forged count from allocating a huge array.
  if (header.n + header.e > reader.remaining) throw new SnapshotFormatError('Snapshot graph is truncated.');
  const decoder = new Decoder(reader, header);
  const nodes = Array.from({ length: header.n }, () => decoder.object());
  const edges = Array.from({ length: header.e }, () => {
    const edge = decoder.object();
    // Assigning an existing key keeps its position, so the rebuilt id serializes where it was.
    if (edge['id'] === DERIVED_ID_MARK) edge['id'] = `${String(edge['source'])}>${String(edge['type'])}>${String(edge['target'])}`;
    return edge;
  });
  if (reader.remaining !== 0) throw new SnapshotFormatError('Snapshot graph has trailing bytes.');
  return { nodes, edges } as unknown as TopologyGraph;
}

function parseHeader(bytes: Buffer): Header {
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8')) as Header;
  } catch (error) {
    throw new SnapshotFormatError('Snapshot graph header is not valid JSON.', { cause: error });
  }
  if (header?.v !== GRAPH_CODEC_VERSION) throw new SnapshotFormatError(`Snapshot graph has unknown encoding version ${String(header?.v)}.`);
  const counts = Number.isSafeInteger(header.n) && Number.isSafeInteger(header.e) && header.n >= 0 && header.e >= 0;
  if (!Array.isArray(header.s) || !Array.isArray(header.h) || !counts)
    throw new SnapshotFormatError('Snapshot graph header is incomplete.');
  return header;
}
