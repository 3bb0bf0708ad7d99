import { gunzipSync, gzipSync } from 'node:zlib';
import type { TopologyGraph } from '../model/graph.js';
import { validateGraph } from '../graph/validate.js';
import type { ClusterKey } from './clusters.js';
import { renameLegacyEdges } from './legacyEdges.js';
import { SnapshotFormatError } from './errors.js';

/**
 * The snapshot exchange file: gzip of a self-describing JSON document holding the plain graph, so it opens with
 * `zcat`/`jq` and in any later Kubilitics. The stored (compact) encoding stays private to the database.
 */
export const SNAPSHOT_FILE_FORMAT = 'kubilitics.snapshot';
export const SNAPSHOT_FILE_VERSION = 1;
/** Refuse to inflate more than this: a hostile "snapshot" must not exhaust memory. */
const MAX_JSON_BYTES = 1024 * 1024 * 1024;

export interface SnapshotFile {
  readonly format: typeof SNAPSHOT_FILE_FORMAT;
  readonly version: number;
  readonly cluster: ClusterKey;
  readonly takenAt: number;
  readonly trigger: string;
  readonly graph: TopologyGraph;
}

export function encodeSnapshotFile(file: Omit<SnapshotFile, 'format' | 'version'>): Uint8Array {
  const document: SnapshotFile = { format: SNAPSHOT_FILE_FORMAT, version: SNAPSHOT_FILE_VERSION, ...file };
  return gzipSync(JSON.stringify(document), { level: 6 });
}

/** The file's content, or SnapshotFormatError saying in plain words why it is not a usable snapshot. */
export function decodeSnapshotFile(bytes: Uint8Array): SnapshotFile {
  let document: unknown;
  try {
    document = JSON.parse(gunzipSync(bytes, { maxOutputLength: MAX_JSON_BYTES }).toString('utf8'));
  } catch (error) {
    throw new SnapshotFormatError('Not a Kubilitics snapshot file: it is not gzip-compressed JSON.', { cause: error });
  }
  const head = document as Partial<Record<keyof SnapshotFile, unknown>> | null;
  if (head === null || typeof head !== 'object' || head.format !== SNAPSHOT_FILE_FORMAT) {
    throw new SnapshotFormatError(`Not a Kubilitics snapshot file: "format" is not "${SNAPSHOT_FILE_FORMAT}".`);
  }
  if (typeof head.version !== 'number' || head.version > SNAPSHOT_FILE_VERSION) {
    throw new SnapshotFormatError(
      `This snapshot file has version ${String(head.version)}; this Kubilitics reads up to version ${SNAPSHOT_FILE_VERSION}. ` +
        'Update Kubilitics to import it.',
    );
  }
  const problems = [...headerProblems(head), ...graphShapeProblems(head.graph)];
  if (problems.length === 0) problems.push(...validateGraph(head.graph as TopologyGraph));
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new SnapshotFormatError(`Invalid Kubilitics snapshot file: ${problems.slice(0, 3).join('; ')}${more}.`);
  }
  const file = head as SnapshotFile;
  return { ...file, graph: renameLegacyEdges(file.graph) };
}

function headerProblems(head: Partial<Record<keyof SnapshotFile, unknown>>): string[] {
  const problems: string[] = [];
  const cluster = head.cluster as Partial<ClusterKey> | undefined;
  if (typeof cluster?.context !== 'string' || typeof cluster.server !== 'string') problems.push('cluster needs context and server strings');
  if (typeof head.takenAt !== 'number' || !Number.isFinite(head.takenAt)) problems.push('takenAt is not a time');
  if (typeof head.trigger !== 'string') problems.push('trigger is not a string');
  return problems;
}

const NODE_STRINGS = ['id', 'kind', 'group', 'namespace', 'name', 'status'] as const;
const EDGE_STRINGS = ['id', 'source', 'target', 'type'] as const;

/** Checks what the engine's consumers rely on (not every optional field). */
export function graphShapeProblems(graph: unknown): string[] {
  const problems: string[] = [];
  const value = graph as { nodes?: unknown; edges?: unknown } | null | undefined;
  if (!value || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return ['graph needs "nodes" and "edges" arrays'];
  value.nodes.forEach((node: unknown, index) => {
    const record = (node ?? {}) as Record<string, unknown>;
    for (const key of NODE_STRINGS) if (typeof record[key] !== 'string') problems.push(`nodes[${index}].${key} is not a string`);
    const labels = record['labels'];
    if (labels === null || typeof labels !== 'object' || Object.values(labels).some((label) => typeof label !== 'string')) {
      problems.push(`nodes[${index}].labels is not a string map`);
    }
  });
  value.edges.forEach((edge: unknown, index) => {
    const record = (edge ?? {}) as Record<string, unknown>;
    for (const key of EDGE_STRINGS) if (typeof record[key] !== 'string') problems.push(`edges[${index}].${key} is not a string`);
    const via = record['via'];
    if (!Array.isArray(via) || via.some((item) => typeof item !== 'string')) problems.push(`edges[${index}].via is not a string list`);
  });
  return problems;
}
