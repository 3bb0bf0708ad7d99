/**
 * A JSON or YAML topology export (data.ts) read back as a graph, so two exports can be compared with the engine's
 * own diff (graph/delta.ts). What a diagram's reviewer cares about is kept — ids, kinds, names, status, detail,
 * labels, relation types, reasons, broken marks — and what moves with every layout (positions, sizes) is left out,
 * so a re-layout alone is no change. Files come from pull requests: every field is checked, nothing is trusted.
 */
import * as l10n from '@vscode/l10n';
import { parse } from 'yaml';
import type { BrokenReason, EdgeType, NodeStatus, TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';
import { EDGE_TYPES } from '../model/graph.js';
import { EXPORT_FORMAT } from './data.js';

export class ExportReadError extends Error {
  override readonly name = 'ExportReadError';
}

/** A node of an export: a graph node, and for one that stands for several objects (a level's summary), their ids. */
export interface ExportNode extends TopologyNode {
  readonly members?: readonly string[];
}

export interface ReadExport {
  readonly title: string;
  readonly graph: TopologyGraph & { readonly nodes: readonly ExportNode[] };
}

type Fields = Readonly<Record<string, unknown>>;

const BROKEN_REASONS: readonly BrokenReason[] = ['missing', 'not-permitted', 'uid-mismatch'];

/** Parses `text` (JSON, or YAML, of which JSON is a subset) as an export; `name` is used in messages. */
export function readExport(content: string, name: string): ReadExport {
  let document: unknown;
  try {
    // JSON.parse for JSON (fast on large exports); YAML, of which JSON is a subset, otherwise. No aliases: a file from
    // a pull request must not expand into gigabytes.
    document = content.trimStart().startsWith('{') ? JSON.parse(content) : parse(content, { maxAliasCount: 0 });
  } catch (error) {
    throw new ExportReadError(l10n.t('{0} is not JSON or YAML: {1}', name, error instanceof Error ? error.message : String(error)));
  }
  if (!isFields(document) || document['format'] !== EXPORT_FORMAT)
    throw new ExportReadError(
      l10n.t('{0} is not a Kubilitics topology export (no "format": "{1}"); write one with -o FILE.json', name, EXPORT_FORMAT),
    );
  const nodes = listOf(document, 'nodes', name).map((fields, index) => exportNode(fields, `${name}: nodes[${index}]`));
  const edges = listOf(document, 'edges', name).map((fields, index) => exportEdge(fields, `${name}: edges[${index}]`));
  const title = typeof document['title'] === 'string' ? document['title'] : name;
  return { title, graph: { nodes: sortById(nodes), edges: sortById(edges) } };
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(document: Fields, key: string, name: string): Fields[] {
  const list = document[key];
  if (!Array.isArray(list) || !list.every(isFields)) throw new ExportReadError(l10n.t('{0}: "{1}" is not a list of objects', name, key));
  return list;
}

function text(fields: Fields, key: string, where: string): string {
  const value = fields[key];
  if (typeof value !== 'string') throw new ExportReadError(l10n.t('{0}: "{1}" is missing or not text', where, key));
  return value;
}

function optionalText(fields: Fields, key: string, where: string): string | undefined {
  return fields[key] === undefined ? undefined : text(fields, key, where);
}

function textList(fields: Fields, key: string, where: string): string[] {
  const value = fields[key] ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new ExportReadError(l10n.t('{0}: "{1}" is not text', where, key));
  return [...value].sort();
}

function labels(fields: Fields, where: string): Record<string, string> {
  const value = fields['labels'] ?? {};
  if (!isFields(value) || !Object.values(value).every((v) => typeof v === 'string'))
    throw new ExportReadError(l10n.t('{0}: "labels" is not a map of text', where));
  return value as Record<string, string>;
}

/** Members are kept on the node, so the engine's diff (which compares whole values) sees a new member as a change. */
function exportNode(fields: Fields, where: string): ExportNode {
  const members = textList(fields, 'members', where);
  const detail = optionalText(fields, 'detail', where);
  return {
    id: text(fields, 'id', where),
    kind: text(fields, 'kind', where),
    group: optionalText(fields, 'apiGroup', where) ?? '',
    namespace: text(fields, 'namespace', where),
    name: text(fields, 'name', where),
    labels: labels(fields, where),
    status: text(fields, 'status', where) as NodeStatus,
    ...(detail === undefined ? {} : { detail }),
    ...(members.length > 0 ? { members } : {}),
    ...(fields['missing'] === true ? { missing: true } : {}),
  };
}

function exportEdge(fields: Fields, where: string): TopologyEdge {
  const type = text(fields, 'type', where);
  if (!(EDGE_TYPES as readonly string[]).includes(type)) throw new ExportReadError(l10n.t("{0}: unknown relation type '{1}'", where, type));
  const broken = optionalText(fields, 'broken', where);
  if (broken !== undefined && !(BROKEN_REASONS as readonly string[]).includes(broken))
    throw new ExportReadError(l10n.t("{0}: unknown broken reason '{1}'", where, broken));
  return {
    id: text(fields, 'id', where),
    source: text(fields, 'source', where),
    target: text(fields, 'target', where),
    type: type as EdgeType,
    via: textList(fields, 'via', where),
    ...(fields['controller'] === true ? { controller: true } : {}),
    ...(broken === undefined ? {} : { broken: broken as BrokenReason }),
  };
}

function sortById<T extends { readonly id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
