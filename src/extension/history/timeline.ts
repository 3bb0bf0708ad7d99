import { diffGraphs, sortGraph } from '../../engine/graph/delta.js';
import type { GraphDelta, TopologyGraph } from '../../engine/model/graph.js';
import { parseId } from '../../engine/model/kinds.js';
import type { SnapshotMeta } from '../../engine/store/snapshots.js';
import type { GraphDiff, TimelineEntry } from '../../protocol/messages.js';

export function timelineEntry(meta: SnapshotMeta): TimelineEntry {
  return { id: meta.id, takenAt: meta.takenAt, trigger: meta.trigger, nodes: meta.nodeCount, edges: meta.edgeCount };
}

export function describeMoment(at: number | undefined): string {
  return at === undefined
    ? 'now'
    : new Date(at)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

/**
 * Two moments as one drawable graph: everything of `after`, plus what `before` had that is gone (kept so the
 * view can draw it as removed), with the ids of added, removed and changed items and the changes in words.
 */
export function compareGraphs(
  before: TopologyGraph,
  after: TopologyGraph,
  labels: { from: string; to: string },
): { graph: TopologyGraph; diff: GraphDiff } {
  const delta = diffGraphs(before, after);
  const removedNodes = new Set(delta.removedNodes);
  const removedEdges = new Set(delta.removedEdges);
  const graph = sortGraph(
    [...after.nodes, ...before.nodes.filter((node) => removedNodes.has(node.id))],
    [...after.edges, ...before.edges.filter((edge) => removedEdges.has(edge.id))],
  );
  return {
    graph,
    diff: {
      from: labels.from,
      to: labels.to,
      added: [...delta.addedNodes.map((n) => n.id), ...delta.addedEdges.map((e) => e.id)],
      removed: [...delta.removedNodes, ...delta.removedEdges],
      changed: [...delta.changedNodes.map((n) => n.id), ...delta.changedEdges.map((e) => e.id)],
      changes: describeChanges(before, delta),
    },
  };
}

function describeChanges(before: TopologyGraph, delta: GraphDelta): string[] {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const name = (id: string): string => {
    const { kind, namespace, name: objectName } = parseId(id);
    return `${kind} ${namespace ? `${namespace}/` : ''}${objectName}`;
  };
  const lines = [
    ...delta.addedNodes.map((node) => `+ ${name(node.id)}`),
    ...delta.removedNodes.map((id) => `− ${name(id)}`),
    ...delta.changedNodes.map((node) => {
      const previous = old.get(node.id);
      const status = previous && previous.status !== node.status ? `: ${previous.status} → ${node.status}` : '';
      const detail = previous && previous.detail !== node.detail && node.detail ? ` (${previous.detail ?? '—'} → ${node.detail})` : '';
      return `~ ${name(node.id)}${status}${detail}`;
    }),
    ...delta.addedEdges.map((edge) => `+ ${edge.type}: ${name(edge.source)} → ${name(edge.target)}`),
    ...delta.removedEdges.map((id) => {
      const [source = '', type = '', target = ''] = id.split('>');
      return `− ${type}: ${name(source)} → ${name(target)}`;
    }),
  ];
  return lines;
}
