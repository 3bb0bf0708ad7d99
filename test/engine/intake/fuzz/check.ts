import { viewOptionsFor } from '../../../../src/engine/export/filters.js';
import { renderFormat } from '../../../../src/engine/export/formats.js';
import { headlessScene } from '../../../../src/engine/export/headlessScene.js';
import { validateGraph } from '../../../../src/engine/graph/validate.js';
import { parseManifestBytes } from '../../../../src/engine/intake/manifestBytes.js';
import { ManifestSet } from '../../../../src/engine/intake/manifestSet.js';
import type { ParsedManifests } from '../../../../src/engine/intake/manifestTypes.js';
import { topologyFromManifestSet } from '../../../../src/engine/topology.js';
import { canonical } from '../bothPaths.js';
import type { FuzzCase } from './cases.js';

export interface CheckOptions {
  /** Also lay out the graph and render the text export formats (slower; a crash there counts too). */
  readonly scene: boolean;
}

/** Graphs larger than this are not laid out for the scene check: the layout is not what is fuzzed. */
const SCENE_NODES = 300;

/**
 * Bytes → parse → engine → graph (→ scene and exports) for one case, and the properties every case must keep.
 * Returns what broke; a throw out of here is a crash and the caller reports it.
 */
export async function checkCase(fuzzCase: FuzzCase, options: CheckOptions): Promise<string[]> {
  const parsed = parseManifestBytes(fuzzCase.bytes, fuzzCase.file);
  const problems = [...wellFormed(parsed, fuzzCase), ...lostDocuments(parsed, fuzzCase)];
  const set = new ManifestSet();
  set.setParsed(fuzzCase.file, parsed);
  const topology = topologyFromManifestSet(set, [fuzzCase.file]);
  const graph = topology.engine.graph();
  problems.push(...validateGraph(graph, 3).map((problem) => `graph: ${problem}`));
  for (const finding of topology.findings) {
    if (finding.source && (finding.source.file !== fuzzCase.file || !(finding.source.line >= 1))) {
      problems.push(`finding at ${finding.source.file}:${finding.source.line}: ${finding.message}`);
    }
  }
  if (options.scene && graph.nodes.length <= SCENE_NODES) {
    const meta = { title: 'fuzz', source: fuzzCase.file, filters: [], version: '0.0.0-fuzz', generatedAt: '2025-01-31T12:00:00.000Z' };
    const scene = await headlessScene({ graph, options: viewOptionsFor(graph, {}), theme: 'document', meta });
    for (const format of ['svg', 'mermaid', 'dot', 'json'] as const) await renderFormat(scene, format);
  }
  return problems;
}

/** Every warning and object names the file and a line inside it. */
function wellFormed(parsed: ParsedManifests, fuzzCase: FuzzCase): string[] {
  const lines = lineCount(fuzzCase.bytes);
  const problems: string[] = [];
  const where = (file: string, line: number): boolean => file === fuzzCase.file && Number.isInteger(line) && line >= 1 && line <= lines;
  for (const warning of parsed.warnings) {
    if (!where(warning.file, warning.line) || !warning.message)
      problems.push(`warning at ${warning.file}:${warning.line}: ${warning.message}`);
  }
  for (const object of parsed.objects) {
    if (!where(object.source.file, object.source.line)) problems.push(`object at ${object.source.file}:${object.source.line}`);
  }
  return problems;
}

/**
 * Each valid document of a mixed case gives each of its objects, unchanged (or the same object, after a directive:
 * KeptDocument.identityOnly), at a line inside that document.
 */
function lostDocuments(parsed: ParsedManifests, fuzzCase: FuzzCase): string[] {
  const problems: string[] = [];
  const read = parsed.objects.map((object) => ({ text: canonical(object.object), id: identity(object.object), line: object.source.line }));
  for (const kept of fuzzCase.kept) {
    for (const expected of kept.objects) {
      const id = identity(JSON.parse(expected));
      const same = (object: { text: string; id: string }): boolean => (kept.identityOnly ? object.id === id : object.text === expected);
      if (read.some((object) => same(object) && object.line >= kept.firstLine && object.line <= kept.lastLine)) continue;
      problems.push(`lost ${kept.source} (lines ${kept.firstLine}-${kept.lastLine}): ${expected.slice(0, 120)}`);
    }
  }
  return problems;
}

function identity(object: unknown): string {
  const { apiVersion, kind, metadata } = object as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  return JSON.stringify([apiVersion, kind, metadata?.namespace, metadata?.name]);
}

/** Lines as either parser may count them: a lone carriage return ends a line for js-yaml. */
function lineCount(bytes: Uint8Array): number {
  let feeds = 0;
  let returns = 0;
  for (const byte of bytes) {
    if (byte === 0x0a) feeds++;
    else if (byte === 0x0d) returns++;
  }
  return feeds + returns + 1;
}
