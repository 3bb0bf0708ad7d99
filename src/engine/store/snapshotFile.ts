import * as l10n from '@vscode/l10n';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { TopologyGraph } from '../model/graph.js';
import { validateGraph } from '../graph/validate.js';
import type { ClusterKey } from './clusters.js';
import { renameLegacyEdges } from './legacyEdges.js';
import { SnapshotFormatError, SnapshotLimitError } from './errors.js';
import { readLeadingMembers } from './snapshotHeader.js';

/**
 * The snapshot exchange file: gzip of a self-describing JSON document holding the plain graph, so it opens with
 * `zcat`/`jq` and in any later Kubilitics. The stored (compact) encoding stays private to the database.
 *
 * Snapshot files arrive from other people (an incident, a ticket), so reading one is bounded: the header is checked
 * from the first bytes before anything else is inflated, inflation stops at a size and a compression ratio, the
 * graph's node and edge counts are capped, and the shape check stops at the first few problems. The host runs all
 * of it in a worker with a heap limit (snapshotImport.ts), so what slips through can only kill that worker.
 */
export const SNAPSHOT_FILE_FORMAT = 'kubilitics.snapshot';
export const SNAPSHOT_FILE_VERSION = 1;

export interface SnapshotFile {
  readonly format: typeof SNAPSHOT_FILE_FORMAT;
  readonly version: number;
  readonly cluster: ClusterKey;
  readonly takenAt: number;
  readonly trigger: string;
  readonly graph: TopologyGraph;
}

export interface SnapshotFileLimits {
  /** Bytes of JSON a file may inflate to. A 100K-object cluster is ~110 MB. */
  readonly inflatedBytes: number;
  /**
   * Inflated bytes per compressed byte, beyond the first RATIO_FREE_BYTES. Real snapshots compress about 18:1;
   * a file of repeated empty objects compresses 1000:1, and that is what a decompression bomb looks like.
   */
  readonly ratio: number;
  readonly nodes: number;
  readonly edges: number;
  /**
   * Heap the reader may use, in MB (the worker's heap limit). A file whose parse is estimated to need more is refused
   * before JSON.parse: V8 cannot stop a worker inside one JSON.parse, so a parse past the limit kills the whole
   * process (seen with Node 20), not just the worker.
   */
  readonly memoryMb: number;
}

export const DEFAULT_SNAPSHOT_FILE_LIMITS: SnapshotFileLimits = {
  inflatedBytes: 256 * 1024 * 1024,
  ratio: 100,
  nodes: 1_000_000,
  edges: 4_000_000,
  memoryMb: 2048,
};

/** The limits for a given decompressed-size limit: the heap grows with it (8×, between 512 MB and 4 GB). */
export function snapshotFileLimits(inflatedMb: number): SnapshotFileLimits {
  return {
    ...DEFAULT_SNAPSHOT_FILE_LIMITS,
    inflatedBytes: Math.round(inflatedMb * 1048576),
    memoryMb: Math.min(4096, Math.max(512, Math.ceil(8 * inflatedMb))),
  };
}

/**
 * Heap bytes per object or array JSON.parse makes, measured at ~180 for real snapshots (nodes with labels) and ~70
 * for empty objects; with the text itself and the strings parsed out of it, this over-estimates real files ~1.5×.
 */
const HEAP_BYTES_PER_CONTAINER = 200;

/** Inflated bytes allowed whatever the ratio: small files may compress well without harm. */
const RATIO_FREE_BYTES = 16 * 1024 * 1024;
/** Compressed bytes inflated to read the header: deflate expands at most ~1032:1, so this gives ≤ 4 MB of text. */
const HEADER_INPUT_BYTES = 4096;
/** Problems kept for the message: a hostile file can have one per field of millions of nodes. */
const MAX_PROBLEMS = 3;
const GZIP_MAGIC = [0x1f, 0x8b];

export function encodeSnapshotFile(file: Omit<SnapshotFile, 'format' | 'version'>): Uint8Array {
  // Written in this order on purpose: readers check format and version from the first bytes, and the graph,
  // the only large member, comes last.
  const document: SnapshotFile = {
    format: SNAPSHOT_FILE_FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    cluster: file.cluster,
    takenAt: file.takenAt,
    trigger: file.trigger,
    graph: file.graph,
  };
  return gzipSync(JSON.stringify(document), { level: 6 });
}

/** The file's content, or SnapshotFormatError (SnapshotLimitError for a limit) saying in plain words why not. */
export function decodeSnapshotFile(bytes: Uint8Array, limits: SnapshotFileLimits = DEFAULT_SNAPSHOT_FILE_LIMITS): SnapshotFile {
  checkLeadingHeader(bytes);
  const head = parseDocument(checkMemory(inflate(bytes, limits), limits));
  checkFormatAndVersion(head.format, head.version);
  const problems = [...headerProblems(head), ...graphShapeProblems(head.graph, limits)];
  if (problems.length === 0) problems.push(...validateGraph(head.graph as TopologyGraph, MAX_PROBLEMS + 1));
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS).join('; ');
    throw new SnapshotFormatError(
      problems.length > MAX_PROBLEMS
        ? l10n.t('Invalid Kubilitics snapshot file: {0} (and more).', shown)
        : l10n.t('Invalid Kubilitics snapshot file: {0}.', shown),
    );
  }
  const file = head as unknown as SnapshotFile;
  return { ...file, graph: renameLegacyEdges(file.graph) };
}

/** Messages are made when thrown, not at load: the host configures l10n after this module is loaded. */
const notGzipJson = (): string => l10n.t('Not a Kubilitics snapshot file: it is not gzip-compressed JSON.');
const notASnapshot = (): string => l10n.t('Not a Kubilitics snapshot file: "format" is not "{0}".', SNAPSHOT_FILE_FORMAT);
/** Said last by every limit: the import is all or nothing. */
const nothingImported = (): string => l10n.t('Nothing was imported.');

/** Format and version from the first bytes, before the rest is inflated or parsed. */
function checkLeadingHeader(bytes: Uint8Array): void {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) throw new SnapshotFormatError(notGzipJson());
  let prefix: Buffer;
  try {
    // A truncated stream with a sync flush yields what it holds so far instead of failing.
    prefix = gunzipSync(bytes.subarray(0, HEADER_INPUT_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    throw new SnapshotFormatError(notGzipJson(), { cause: error });
  }
  const leading = readLeadingMembers(prefix.toString('utf8', 0, Math.min(prefix.length, 64 * 1024)));
  if (leading === 'not-an-object') throw new SnapshotFormatError(notGzipJson());
  // Files written by encodeSnapshotFile start with format and version; a file edited by hand may not, and is
  // then checked after parsing (still under every limit).
  if ('format' in leading) checkFormatAndVersion(leading['format'], 'version' in leading ? leading['version'] : undefined);
  else if (leading.complete) throw new SnapshotFormatError(notASnapshot());
}

function checkFormatAndVersion(format: unknown, version: unknown): void {
  if (format !== SNAPSHOT_FILE_FORMAT) {
    throw new SnapshotFormatError(notASnapshot());
  }
  if (typeof version !== 'number' || version > SNAPSHOT_FILE_VERSION) {
    const versions = l10n.t(
      'This snapshot file has version {0}; this Kubilitics reads up to version {1}.',
      String(version),
      SNAPSHOT_FILE_VERSION,
    );
    throw new SnapshotFormatError(`${versions} ${l10n.t('Update Kubilitics to import it.')}`);
  }
}

function inflate(bytes: Uint8Array, limits: SnapshotFileLimits): Buffer {
  const byRatio = Math.max(RATIO_FREE_BYTES, bytes.length * limits.ratio);
  const allowed = Math.min(limits.inflatedBytes, byRatio);
  try {
    return gunzipSync(bytes, { maxOutputLength: allowed });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw new SnapshotFormatError(notGzipJson(), { cause: error });
    if (allowed === limits.inflatedBytes) {
      throw new SnapshotLimitError(
        'inflatedBytes',
        `${l10n.t('This snapshot file inflates to more than {0} MB of JSON, the import limit.', megabytes(allowed))} ${nothingImported()}`,
      );
    }
    throw new SnapshotLimitError(
      'ratio',
      [
        l10n.t(
          'This snapshot file inflates to more than {0} times its {1} KB (stopped at {2} MB).',
          limits.ratio,
          kilobytes(bytes.length),
          megabytes(allowed),
        ),
        l10n.t('Real snapshots compress about 20:1; this looks like a decompression bomb.'),
        nothingImported(),
      ].join(' '),
    );
  }
}

/** Refuses text whose parse would need more heap than the reader has (see SnapshotFileLimits.memoryMb). */
function checkMemory(text: Buffer, limits: SnapshotFileLimits): Buffer {
  const containers = countByte(text, 0x7b) + countByte(text, 0x5b);
  const estimate = 2 * text.length + containers * HEAP_BYTES_PER_CONTAINER;
  if (estimate > limits.memoryMb * 1048576 * 0.75) {
    const need = l10n.t(
      '{0} MB of memory ({1} objects and lists in {2} MB of JSON)',
      megabytes(estimate),
      containers,
      megabytes(text.length),
    );
    const refused = l10n.t("Reading this snapshot file would need about {0}, more than the reader's {1} MB.", need, limits.memoryMb);
    throw new SnapshotLimitError('memory', `${refused} ${nothingImported()}`);
  }
  return text;
}

/** Occurrences of one byte (memchr-fast): `{` and `[` inside strings count too, an upper bound on containers. */
function countByte(text: Buffer, byte: number): number {
  let count = 0;
  for (let at = text.indexOf(byte); at !== -1; at = text.indexOf(byte, at + 1)) count++;
  return count;
}

function parseDocument(text: Buffer): Partial<Record<keyof SnapshotFile, unknown>> {
  let document: unknown;
  try {
    document = JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw new SnapshotFormatError(notGzipJson(), { cause: error });
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SnapshotFormatError(notASnapshot());
  }
  return document as Partial<Record<keyof SnapshotFile, unknown>>;
}

function headerProblems(head: Partial<Record<keyof SnapshotFile, unknown>>): string[] {
  const problems: string[] = [];
  const cluster = head.cluster as Partial<ClusterKey> | undefined;
  if (typeof cluster?.context !== 'string' || typeof cluster.server !== 'string')
    problems.push(l10n.t('cluster needs context and server strings'));
  if (typeof head.takenAt !== 'number' || !Number.isFinite(head.takenAt)) problems.push(l10n.t('takenAt is not a time'));
  if (typeof head.trigger !== 'string') problems.push(l10n.t('trigger is not a string'));
  return problems;
}

const NODE_STRINGS = ['id', 'kind', 'group', 'namespace', 'name', 'status'] as const;
const EDGE_STRINGS = ['id', 'source', 'target', 'type'] as const;

/**
 * Checks what the engine's consumers rely on (not every optional field). Stops after the first few problems: a
 * message shows three, and collecting one per field of millions of nodes costs gigabytes.
 */
export function graphShapeProblems(
  graph: unknown,
  limits: Pick<SnapshotFileLimits, 'nodes' | 'edges'> = DEFAULT_SNAPSHOT_FILE_LIMITS,
): string[] {
  const value = graph as { nodes?: unknown; edges?: unknown } | null | undefined;
  if (!value || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return [l10n.t('graph needs "nodes" and "edges" arrays')];
  if (value.nodes.length > limits.nodes) {
    throw new SnapshotLimitError(
      'nodes',
      l10n.t('This snapshot file holds {0} nodes; the import limit is {1}.', value.nodes.length, limits.nodes),
    );
  }
  if (value.edges.length > limits.edges) {
    throw new SnapshotLimitError(
      'edges',
      l10n.t('This snapshot file holds {0} edges; the import limit is {1}.', value.edges.length, limits.edges),
    );
  }
  const problems: string[] = [];
  const full = (): boolean => problems.length > MAX_PROBLEMS;
  for (let index = 0; index < value.nodes.length && !full(); index++) {
    const record = (value.nodes[index] ?? {}) as Record<string, unknown>;
    for (const key of NODE_STRINGS)
      if (typeof record[key] !== 'string') problems.push(l10n.t('{0} is not a string', `nodes[${index}].${key}`));
    const labels = record['labels'];
    if (labels === null || typeof labels !== 'object' || Object.values(labels).some((label) => typeof label !== 'string')) {
      problems.push(l10n.t('{0} is not a string map', `nodes[${index}].labels`));
    }
  }
  for (let index = 0; index < value.edges.length && !full(); index++) {
    const record = (value.edges[index] ?? {}) as Record<string, unknown>;
    for (const key of EDGE_STRINGS)
      if (typeof record[key] !== 'string') problems.push(l10n.t('{0} is not a string', `edges[${index}].${key}`));
    const via = record['via'];
    if (!Array.isArray(via) || via.some((item) => typeof item !== 'string'))
      problems.push(l10n.t('{0} is not a string list', `edges[${index}].via`));
  }
  return problems;
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1048576);
}

function kilobytes(bytes: number): number {
  return Math.max(1, Math.round(bytes / 1024));
}
