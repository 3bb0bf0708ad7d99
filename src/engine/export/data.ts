/**
 * JSON and YAML export: the drawn graph as data — nodes with kinds, groups and positions, edges with
 * types — in a fixed key order, sorted by id, with rounded numbers, so a git diff of two exports shows only
 * real changes. The shape is described by topology-export.schema.json next to this file. No time and no
 * version go in, so re-exporting unchanged manifests gives identical bytes.
 */
import { stringify } from 'yaml';
import type { TopologyEdge, TopologyNode } from '../model/graph.js';
import type { ViewOptions } from '../viewModel/viewOptions.js';
import type { Rect, Scene, SceneEdge, SceneGroup, SceneNode } from './scene.js';
import { round } from './text.js';

export const EXPORT_FORMAT = 'kubilitics-topology';
export const EXPORT_FORMAT_VERSION = 1;
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/kubilitics/kubilitics-vscode/main/src/engine/export/topology-export.schema.json';

export interface ExportData {
  readonly $schema: string;
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_FORMAT_VERSION;
  readonly title: string;
  readonly source: string;
  readonly filters: readonly string[];
  readonly view: ViewOptions;
  readonly bounds: Rect;
  readonly groups: readonly Record<string, unknown>[];
  readonly nodes: readonly Record<string, unknown>[];
  readonly edges: readonly Record<string, unknown>[];
}

export function exportData(scene: Scene): ExportData {
  const objects = new Map(scene.graph.nodes.map((n) => [n.id, n]));
  const relations = new Map(scene.graph.edges.map((e) => [e.id, e]));
  return {
    $schema: SCHEMA_URL,
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    title: scene.meta.title,
    source: scene.meta.source,
    filters: scene.meta.filters,
    view: sortedView(scene.options),
    bounds: rect(scene.drawing),
    groups: [...scene.groups].sort(byId).map(groupData),
    nodes: [...scene.nodes].sort(byId).map((n) => nodeData(n, objects.get(n.id))),
    edges: [...scene.edges].sort(byId).map((e) => edgeData(e, relations)),
  };
}

export function renderJson(scene: Scene): string {
  return `${JSON.stringify(exportData(scene), null, 2)}\n`;
}

export function renderYaml(scene: Scene): string {
  return stringify(exportData(scene), { lineWidth: 0, aliasDuplicateObjects: false });
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortedView(options: ViewOptions): ViewOptions {
  const sorted = (list: readonly string[]): string[] => [...list].sort();
  return {
    hiddenNamespaces: sorted(options.hiddenNamespaces),
    hiddenKinds: sorted(options.hiddenKinds),
    hiddenEdgeTypes: [...options.hiddenEdgeTypes].sort(),
    groupByNamespace: options.groupByNamespace,
    collapsedNamespaces: sorted(options.collapsedNamespaces),
    expandedOwners: sorted(options.expandedOwners),
    level: options.level,
    openedGroups: sorted(options.openedGroups),
    focus: options.focus === null ? null : { id: options.focus.id, hops: options.focus.hops },
    ...(options.warningsOnly === true ? { warningsOnly: true } : {}),
  };
}

function rect(r: Rect): Rect {
  return { x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) };
}

function groupData(g: SceneGroup): Record<string, unknown> {
  return { id: g.id, namespace: g.namespace, label: g.label, ...rect(g.box) };
}

/** View node fields, then (for a node that is one object) the object's own metadata from the graph. */
function nodeData(n: SceneNode, object: TopologyNode | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: n.id,
    kind: n.kind,
    name: n.name,
    namespace: n.namespace,
    status: n.status,
    family: n.family,
    shape: n.shape,
    x: round(n.x),
    y: round(n.y),
    width: round(n.width),
    height: round(n.height),
  };
  if (n.parent !== undefined) data['group'] = n.parent;
  if (n.missing) data['missing'] = true;
  if (n.aggregate !== undefined) {
    data['aggregate'] = n.aggregate;
    data['members'] = [...n.members];
  }
  if (object !== undefined && n.aggregate === undefined) {
    data['apiGroup'] = object.group;
    if (object.detail !== undefined) data['detail'] = object.detail;
    if (Object.keys(object.labels).length > 0) data['labels'] = sortedRecord(object.labels);
  }
  return data;
}

function edgeData(e: SceneEdge, relations: ReadonlyMap<string, TopologyEdge>): Record<string, unknown> {
  const data: Record<string, unknown> = { id: e.id, source: e.source, target: e.target, type: e.type };
  if (e.broken !== undefined) data['broken'] = e.broken;
  if (e.controller) data['controller'] = true;
  if (e.count !== undefined) data['count'] = e.count;
  const via = [...new Set(e.members.flatMap((id) => relations.get(id)?.via ?? []))].sort();
  if (via.length > 0) data['via'] = via;
  // A line that stands for several relations (pods folded into one node) lists them.
  if (e.members.length > 1 || e.members[0] !== e.id) data['members'] = [...e.members];
  return data;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] ?? '';
  return out;
}
