/**
 * Brings cytoscape's elements in line with a derived view in one batch: removes what left, adds what
 * came, rewrites data only where it changed. Positions of surviving nodes are never touched here, so a
 * status change restyles in place and the picture does not jump.
 */
import type { Core, ElementDefinition, NodeSingular, SingularElementArgument } from 'cytoscape';
import { STATUS_TONE } from '../../engine/visual/status';
import { kindVisual } from '../../engine/visual/kinds';
import { EDGE_VISUALS } from '../../engine/visual/edges';
import { CLUSTER_SCOPE_LABEL } from '../../engine/viewModel/viewOptions';
import type { Point } from '../../engine/viewModel/layoutTypes';
import { GROUP_FONT } from './groupTitle';
import type { ViewEdge } from '../../engine/viewModel/deriveView';
import type { ViewGraph, ViewGroup, ViewNode } from '../../engine/viewModel/viewGraph';
import type { RouteBook } from './edgeRoutes';
import { segmentData } from './edgeRoutes';
import { warningBadge } from './warningBadge';

type Data = Record<string, string | number | boolean>;

/** A new group's title width until decorations.ts measures its box. */
const GROUP_TITLE_WIDTH = 1000;

export function nodeData(n: ViewNode): Data {
  const visual = kindVisual(n.kind, n.missing, n.expected === true);
  const data: Data = {
    id: n.id,
    label: n.label,
    kind: n.kind,
    status: n.status,
    tone: STATUS_TONE[n.status],
    family: visual.family,
    kindFamily: visual.kindFamily,
    width: n.width,
    height: n.height,
    missing: n.missing,
  };
  if (n.aggregate !== undefined) data['aggregate'] = n.aggregate;
  if (n.warnings !== undefined) {
    data['warnings'] = n.warnings;
    data['badge'] = warningBadge(n.warnings);
  }
  if (n.parent !== undefined) data['parent'] = n.parent;
  return data;
}

function groupData(g: ViewGroup): Data {
  return {
    id: g.id,
    label: g.namespace === '' ? CLUSTER_SCOPE_LABEL : g.namespace,
    group: true,
    labelSize: GROUP_FONT,
    titleWidth: GROUP_TITLE_WIDTH,
  };
}

function edgeData(e: ViewEdge): Data {
  // `reading` is the label drawn along a highlighted edge: what the arrow says, in the direction it points.
  const reading = EDGE_VISUALS[e.type].label;
  const data: Data = { id: e.id, source: e.source, target: e.target, type: e.type, reading, controller: e.controller };
  if (e.broken !== undefined) data['broken'] = e.broken;
  // A line between folded groups stands for several relations: it is labelled with how many.
  if (e.count !== undefined) data['countLabel'] = String(e.count);
  return data;
}

/** Fields cytoscape fixes at creation; `ele.data()` must not be asked to change them. */
const FIXED = new Set(['id', 'parent', 'source', 'target']);

function sameData(a: Data | undefined, b: Data): boolean {
  if (a === undefined) return false;
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  return count === Object.keys(b).length;
}

/** Rewrites an element's data to `next`, dropping fields `next` no longer has (e.g. `broken`). */
function updateData(ele: SingularElementArgument, before: Data | undefined, next: Data): void {
  const stale = Object.keys(before ?? (ele.data() as Data)).filter((key) => !FIXED.has(key) && !(key in next));
  const update: Data = {};
  for (const [key, value] of Object.entries(next)) if (!FIXED.has(key)) update[key] = value;
  if (stale.length > 0) ele.removeData(stale.join(' '));
  ele.data(update);
}

/** Cytoscape restyles an element on `toggleClass(c, flag)` even when it already is so; restyle only real changes. */
function setClass(ele: SingularElementArgument, cls: string, on: boolean): void {
  if (ele.hasClass(cls) !== on) ele.toggleClass(cls, on);
}

interface AppliedNode {
  readonly data: Data;
  readonly at: Point;
}

interface AppliedEdge {
  readonly edge: ViewEdge;
  readonly inputs: LookInputs;
  readonly data: Data;
}

/**
 * What this module last put into one cytoscape instance, so a delta touches only what changed: comparing in plain
 * objects costs microseconds, where reading data and classes back from cytoscape's elements cost a third of a
 * 100-object delta at 5,000 objects, and every `toggleClass` restyled its element whether or not it changed.
 */
class Applied {
  readonly nodes = new Map<string, AppliedNode>();
  readonly groups = new Map<string, Data>();
  readonly edges = new Map<string, AppliedEdge>();

  /** Removes elements (with their edges and members, as cytoscape does) and forgets them. */
  remove(cy: Core, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const doomed = cy.collection();
    // `merge` grows the collection in place; `union` would copy it for every id.
    for (const id of ids) doomed.merge(cy.getElementById(id));
    doomed.remove().forEach((ele) => {
      this.nodes.delete(ele.id());
      this.groups.delete(ele.id());
      this.edges.delete(ele.id());
    });
  }
}

const applied = new WeakMap<Core, Applied>();

function appliedTo(cy: Core): Applied {
  let state = applied.get(cy);
  if (state === undefined) {
    state = new Applied();
    applied.set(cy, state);
  }
  return state;
}

/**
 * Applies `view` to `cy`. Only nodes with a known position are drawn: a node still waiting for layout is
 * simply not added yet (nor its edges), which costs nothing, where adding it hidden and revealing it
 * later would make cytoscape compute every style twice. Placed nodes move to `positionOf` if it differs.
 * `addMany`, when given, receives the new elements (nodes before edges) instead of `cy.add` whenever they are more than
 * `ADD_MANY`: the caller adds them in slices (slicedAdd.ts), and nothing may sync again before it has added them all.
 */
export function syncElements(
  cy: Core,
  view: ViewGraph,
  positionOf: (id: string) => Point | undefined,
  routes?: RouteBook,
  addMany?: (additions: ElementDefinition[]) => void,
): void {
  const state = appliedTo(cy);
  const wantNodes = new Map<string, ViewNode>();
  const liveGroups = new Set<string>();
  for (const n of view.nodes) {
    if (positionOf(n.id) === undefined) continue;
    wantNodes.set(n.id, n);
    if (n.parent !== undefined) liveGroups.add(n.parent);
  }
  const wantGroups = new Map<string, Data>();
  for (const g of view.groups) if (liveGroups.has(g.id)) wantGroups.set(g.id, groupData(g));
  cy.batch(() => {
    removeStale(cy, state, wantNodes, wantGroups, view);
    const additions: ElementDefinition[] = [];
    for (const [id, data] of wantGroups) {
      if (!state.groups.has(id)) additions.push({ group: 'nodes', data, classes: 'group' });
      state.groups.set(id, state.groups.get(id) ?? data);
    }
    for (const [id, n] of wantNodes) syncNode(cy, state, n, positionOf(id) ?? { x: 0, y: 0 }, additions);
    syncEdges(cy, state, view, positionOf, routes, additions);
    if (addMany !== undefined && additions.length > ADD_MANY) addMany(additions);
    else cy.add(additions);
  });
}

/** More new elements than this at once (a large view's first draw) are worth adding in slices. */
export const ADD_MANY = 1500;

function syncNode(cy: Core, state: Applied, n: ViewNode, p: Point, additions: ElementDefinition[]): void {
  const data = nodeData(n);
  const before = state.nodes.get(n.id);
  state.nodes.set(n.id, { data, at: p });
  if (before === undefined) {
    additions.push({ group: 'nodes', data, position: { x: p.x, y: p.y } });
    return;
  }
  const changed = !sameData(before.data, data);
  const moved = before.at.x !== p.x || before.at.y !== p.y;
  if (!changed && !moved) return;
  const existing = cy.getElementById(n.id) as NodeSingular;
  if (changed) updateData(existing, before.data, data);
  if (moved) existing.position({ x: p.x, y: p.y });
}

function removeStale(
  cy: Core,
  state: Applied,
  wantNodes: ReadonlyMap<string, ViewNode>,
  wantGroups: ReadonlyMap<string, Data>,
  view: ViewGraph,
): void {
  const wantEdges = new Set(view.edges.map((e) => e.id));
  const doomed: string[] = [];
  for (const id of state.edges.keys()) if (!wantEdges.has(id)) doomed.push(id);
  // A node that changes group must be re-created: cytoscape has no in-place re-parenting in a batch.
  for (const [id, { data }] of state.nodes) {
    const want = wantNodes.get(id);
    if (want === undefined || want.parent !== data['parent']) doomed.push(id);
  }
  for (const id of state.groups.keys()) if (!wantGroups.has(id)) doomed.push(id);
  state.remove(cy, doomed);
}

/** What an edge's look is computed from, compared by reference: its route, both end positions, cross-cutting or not. */
type LookInputs = readonly [readonly Point[] | undefined, Point | undefined, Point | undefined, boolean];

function sameInputs(a: LookInputs, b: LookInputs): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** Data and classes of an edge: routed edges carry their segment points, cross-cutting ones show only on demand. */
function edgeLook(e: ViewEdge, [route, source, target, cross]: LookInputs): { data: Data; classes: string } {
  const segments = route && source && target ? segmentData(route, source, target) : undefined;
  const data = { ...edgeData(e), ...segments };
  const classes = [segments === undefined ? '' : 'routed', cross ? 'cross' : ''].filter((c) => c !== '').join(' ');
  return { data, classes };
}

function syncEdges(
  cy: Core,
  state: Applied,
  view: ViewGraph,
  positionOf: (id: string) => Point | undefined,
  routes: RouteBook | undefined,
  additions: ElementDefinition[],
): void {
  for (const e of view.edges) {
    if (!state.nodes.has(e.source) || !state.nodes.has(e.target)) continue;
    const inputs: LookInputs = [routes?.route(e.id), positionOf(e.source), positionOf(e.target), routes?.isCrossCutting(e.id) ?? false];
    const before = state.edges.get(e.id);
    if (before !== undefined && sameInputs(before.inputs, inputs) && sameEdge(before.edge, e)) continue;
    const { data, classes } = edgeLook(e, inputs);
    state.edges.set(e.id, { edge: e, inputs, data });
    if (before === undefined) {
      additions.push({ group: 'edges', data, classes });
      continue;
    }
    const existing = cy.getElementById(e.id);
    if (!sameData(before.data, data)) updateData(existing, before.data, data);
    setClass(existing, 'routed', classes.includes('routed'));
    setClass(existing, 'cross', classes.includes('cross'));
  }
}

/** The fields of a view edge its drawing depends on (its members do not show). */
function sameEdge(a: ViewEdge, b: ViewEdge): boolean {
  return a.type === b.type && a.broken === b.broken && a.controller === b.controller && a.count === b.count;
}
