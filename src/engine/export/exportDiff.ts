/**
 * Two drawn graphs compared in a reviewer's terms: objects added, removed and changed, relations added, removed and
 * changed, and references that broke or were mended. The comparison itself is the engine's (diffGraphs); this only
 * sorts its result into what a pull request review asks.
 */
import { diffGraphs } from '../graph/delta.js';
import type { TopologyEdge, TopologyGraph, TopologyNode } from '../model/graph.js';
import { isEmptyDelta } from '../model/graph.js';
import { parseId } from '../model/kinds.js';
import type { ExportNode } from './readExport.js';

export interface ObjectChange {
  /** `Deployment shop/api`. */
  readonly object: string;
  /** What differs, in words (`status Running → Failed`); empty for an added or removed object. */
  readonly what: readonly string[];
}

export interface RelationChange {
  /** `Deployment shop/api`. */
  readonly source: string;
  readonly type: string;
  readonly target: string;
  /** Why the relation exists (`env DB_HOST`), as after the change (before it, for a removed one). */
  readonly via: readonly string[];
  /** What differs, for a changed relation. */
  readonly what: readonly string[];
  /** Why it is broken (`missing`), if it is (after the change; before it, for a mended one). */
  readonly broken?: string;
}

export interface TopologyChanges {
  readonly addedObjects: readonly ObjectChange[];
  readonly removedObjects: readonly ObjectChange[];
  readonly changedObjects: readonly ObjectChange[];
  readonly addedRelations: readonly RelationChange[];
  readonly removedRelations: readonly RelationChange[];
  readonly changedRelations: readonly RelationChange[];
  /** Relations broken after the change that were not broken (or not there) before it. */
  readonly newBrokenReferences: readonly RelationChange[];
  /** Relations broken before the change that are whole, or gone, after it. */
  readonly mendedReferences: readonly RelationChange[];
  readonly unchanged: boolean;
}

/**
 * Objects that only stand for a missing reference (placeholders) are not objects of the manifests: their coming and
 * going is told as a broken or mended reference, not as an object added or removed.
 */
export function topologyChanges(before: TopologyGraph, after: TopologyGraph): TopologyChanges {
  const delta = diffGraphs(before, after);
  const oldNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const oldEdges = new Map(before.edges.map((edge) => [edge.id, edge]));
  const label = (id: string): string => objectLabel(newNodes.get(id) ?? oldNodes.get(id), id);
  const relation = (edge: TopologyEdge, what: readonly string[] = []): RelationChange => ({
    source: label(edge.source),
    type: edge.type,
    target: label(edge.target),
    via: edge.via,
    what,
    ...(edge.broken === undefined ? {} : { broken: edge.broken }),
  });
  const removedEdges = delta.removedEdges.map((id) => oldEdges.get(id)!);
  const changedEdges = delta.changedEdges.map((edge) => ({ before: oldEdges.get(edge.id)!, after: edge }));
  const real = (node: TopologyNode | undefined): boolean => node !== undefined && node.missing !== true;
  return {
    addedObjects: delta.addedNodes.filter(real).map((node) => ({ object: label(node.id), what: [] })),
    removedObjects: delta.removedNodes.filter((id) => real(oldNodes.get(id))).map((id) => ({ object: label(id), what: [] })),
    changedObjects: delta.changedNodes
      .map((node) => ({ object: label(node.id), what: nodeDifferences(oldNodes.get(node.id)!, node) }))
      .filter((change) => change.what.length > 0),
    addedRelations: delta.addedEdges.map((edge) => relation(edge)),
    removedRelations: removedEdges.map((edge) => relation(edge)),
    changedRelations: changedEdges.map(({ before: old, after: now }) => relation(now, edgeDifferences(old, now))),
    newBrokenReferences: [
      ...delta.addedEdges.filter((edge) => edge.broken !== undefined),
      ...changedEdges.filter(({ before: old, after: now }) => now.broken !== undefined && old.broken === undefined).map((c) => c.after),
    ].map((edge) => relation(edge)),
    mendedReferences: [
      ...removedEdges.filter((edge) => edge.broken !== undefined),
      ...changedEdges.filter(({ before: old, after: now }) => old.broken !== undefined && now.broken === undefined).map((c) => c.before),
    ].map((edge) => relation(edge)),
    unchanged: isEmptyDelta(delta),
  };
}

/**
 * `Deployment shop/api`, `Namespace shop`; from the node when there is one, else from its id. A node that stands for
 * several objects (a level's summary) goes by its own name: `Namespace shop`, `Cluster RBAC`.
 */
export function objectLabel(node: ExportNode | undefined, id: string): string {
  if (node?.members !== undefined) return node.kind === 'Namespace' ? `Namespace ${node.name}` : node.name;
  const { kind, namespace, name } = node ?? parseId(id);
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** Members listed by name in a node's changes; a summary node of a large namespace says how many more. */
const SHOWN_MEMBERS = 10;

function nodeDifferences(before: ExportNode, after: ExportNode): string[] {
  const what: string[] = [];
  what.push(...memberDifferences(before.members ?? [], after.members ?? []));
  if (before.status !== after.status) what.push(`status ${before.status} → ${after.status}`);
  if (before.detail !== after.detail) what.push(`${before.detail ?? '—'} → ${after.detail ?? '—'}`);
  if (before.missing !== after.missing) what.push(after.missing === true ? 'now missing' : 'now defined');
  const keys = [...new Set([...Object.keys(before.labels), ...Object.keys(after.labels)])].sort();
  for (const key of keys) {
    const [old, now] = [before.labels[key], after.labels[key]];
    if (old === now) continue;
    what.push(
      now === undefined ? `label ${key} removed` : old === undefined ? `label ${key}=${now} added` : `label ${key}: ${old} → ${now}`,
    );
  }
  if (before.group !== after.group || before.kind !== after.kind) what.push(`API group ${before.group} → ${after.group}`);
  return what;
}

function edgeDifferences(before: TopologyEdge, after: TopologyEdge): string[] {
  const what: string[] = [];
  if (before.broken !== after.broken)
    what.push(after.broken === undefined ? `no longer broken (was ${before.broken ?? ''})` : `now broken (${after.broken})`);
  const added = after.via.filter((reason) => !before.via.includes(reason));
  const removed = before.via.filter((reason) => !after.via.includes(reason));
  if (added.length > 0) what.push(`+ ${added.join(', ')}`);
  if (removed.length > 0) what.push(`− ${removed.join(', ')}`);
  if (before.controller !== after.controller) what.push(after.controller === true ? 'now the controller' : 'no longer the controller');
  return what;
}

function memberDifferences(before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  const now = new Set(after);
  const changes = [
    ...after.filter((id) => !old.has(id)).map((id) => `+ ${objectLabel(undefined, id)}`),
    ...before.filter((id) => !now.has(id)).map((id) => `− ${objectLabel(undefined, id)}`),
  ];
  const more = changes.length - SHOWN_MEMBERS;
  return more > 0 ? [...changes.slice(0, SHOWN_MEMBERS), `and ${more} more`] : changes;
}
