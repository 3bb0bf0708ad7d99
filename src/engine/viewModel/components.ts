/**
 * The pieces the layered layout works on: nodes joined by structural edges (ownership, selection, routing)
 * within one group, plus each config, storage or identity object that exactly one of them uses, and each Event
 * (or fold of Events) beside the object it is about.
 *
 * Every edge with both ends in one component is laid out (and routed) with it. Every other edge is
 * cross-cutting (→ a Node, a shared ServiceAccount or ConfigMap, another component or group): it does not
 * move nodes, the view shows it on demand, and drawings leave it out.
 */
import type { EdgeType } from '../model/graph.js';
import type { Component, LayoutEdgeInput, LayoutNodeInput } from './layoutTypes.js';
import { isAttachable, isUseEdge } from './layoutRoles.js';

export const STRUCTURAL_EDGE_TYPES: ReadonlySet<EdgeType> = new Set<EdgeType>([
  'owns',
  'selects',
  'routes',
  'scales',
  'binds',
  'endpoint',
  'serves',
]);

export interface ComponentInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

/** Union-find over node ids; the smaller id becomes the root so keys do not depend on edge order. */
class Components {
  private readonly parent: Map<string, string>;

  constructor(ids: readonly string[]) {
    this.parent = new Map(ids.map((id) => [id, id]));
  }

  find(id: string): string {
    let root = id;
    while (this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    for (let cur = id; cur !== root;) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  union(x: string, y: string): void {
    const a = this.find(x);
    const b = this.find(y);
    if (a !== b) this.parent.set(a < b ? b : a, a < b ? a : b);
  }
}

/** Connected components over structural edges (and sole users), within one group; deterministic order and keys. */
export function findComponents(input: ComponentInput): Component[] {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const sameGroup = (e: LayoutEdgeInput): boolean =>
    e.source !== e.target && byId.has(e.source) && byId.has(e.target) && byId.get(e.source)?.group === byId.get(e.target)?.group;
  const sets = new Components(input.nodes.map((n) => n.id));
  for (const e of input.edges)
    if ((STRUCTURAL_EDGE_TYPES.has(e.type) || describes(e, byId)) && sameGroup(e)) sets.union(e.source, e.target);
  // Twice: a Secret pulled only by a ServiceAccount follows it once the ServiceAccount has joined its workload.
  for (let round = 0; round < 2; round++) attachSoleUses(input.edges.filter(sameGroup), byId, sets);
  const nodesByRoot = new Map<string, LayoutNodeInput[]>();
  for (const n of input.nodes) push(nodesByRoot, sets.find(n.id), n);
  const edgesByRoot = new Map<string, LayoutEdgeInput[]>();
  for (const e of input.edges) {
    if (!sameGroup(e) || sets.find(e.source) !== sets.find(e.target)) continue;
    push(edgesByRoot, sets.find(e.source), e);
  }
  return [...nodesByRoot.keys()].sort().map((root) => ({
    key: root,
    group: byId.get(root)?.group ?? '',
    nodes: nodesByRoot.get(root) ?? [],
    edges: edgesByRoot.get(root) ?? [],
  }));
}

/** An Event (or a fold of them) sits beside the one object it is about, in that object's component. */
function describes(e: LayoutEdgeInput, byId: ReadonlyMap<string, LayoutNodeInput>): boolean {
  return e.type === 'event' && byId.get(e.source)?.kind === 'Event';
}

/** Joins each attachable object to its users' component when all of its users are in one component. */
function attachSoleUses(edges: readonly LayoutEdgeInput[], byId: ReadonlyMap<string, LayoutNodeInput>, sets: Components): void {
  const userRoots = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!isUseEdge(e.type) || !isAttachable(byId.get(e.target)?.kind)) continue;
    const roots = userRoots.get(e.target) ?? new Set<string>();
    roots.add(sets.find(e.source));
    userRoots.set(e.target, roots);
  }
  for (const [id, roots] of [...userRoots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [only] = roots;
    if (roots.size === 1 && only !== undefined && only !== sets.find(id)) sets.union(id, only);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
