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
import type { ViewEdge, ViewGraph, ViewGroup, ViewNode } from '../../engine/viewModel/deriveView';
import type { RouteBook } from './edgeRoutes';
import { segmentData } from './edgeRoutes';

type Data = Record<string, string | number | boolean>;

/** A new group's title width until decorations.ts measures its box. */
const GROUP_TITLE_WIDTH = 1000;

export function nodeData(n: ViewNode): Data {
  const visual = kindVisual(n.kind, n.missing);
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

/** Rewrites an element's data if it differs, dropping fields the new data no longer has (e.g. `broken`). */
function updateData(ele: SingularElementArgument, next: Data): void {
  const current = ele.data() as Record<string, unknown>;
  const stale = Object.keys(current).filter((key) => !FIXED.has(key) && !(key in next) && current[key] !== undefined);
  let changed = stale.length > 0;
  const update: Data = {};
  for (const [key, value] of Object.entries(next)) {
    if (FIXED.has(key)) continue;
    update[key] = value;
    if (current[key] !== value) changed = true;
  }
  if (!changed) return;
  if (stale.length > 0) ele.removeData(stale.join(' '));
  ele.data(update);
}

/**
 * Applies `view` to `cy`. Only nodes with a known position are drawn: a node still waiting for layout is
 * simply not added yet (nor its edges), which costs nothing, where adding it hidden and revealing it
 * later would make cytoscape compute every style twice. Placed nodes move to `positionOf` if it differs.
 */
export function syncElements(cy: Core, view: ViewGraph, positionOf: (id: string) => Point | undefined, routes?: RouteBook): void {
  const wantNodes = new Map<string, Data>();
  const liveGroups = new Set<string>();
  for (const n of view.nodes) {
    if (positionOf(n.id) === undefined) continue;
    wantNodes.set(n.id, nodeData(n));
    if (n.parent !== undefined) liveGroups.add(n.parent);
  }
  const wantGroups = new Map<string, Data>();
  for (const g of view.groups) if (liveGroups.has(g.id)) wantGroups.set(g.id, groupData(g));
  cy.batch(() => {
    removeStale(cy, wantNodes, wantGroups, view);
    const additions: ElementDefinition[] = [];
    for (const [id, data] of wantGroups) {
      if (cy.getElementById(id).empty()) additions.push({ group: 'nodes', data, classes: 'group' });
    }
    for (const [id, data] of wantNodes) {
      const p = positionOf(id) ?? { x: 0, y: 0 };
      const existing = cy.getElementById(id);
      if (existing.empty()) additions.push({ group: 'nodes', data, position: { x: p.x, y: p.y } });
      else {
        updateData(existing, data);
        const at = (existing as NodeSingular).position();
        if (at.x !== p.x || at.y !== p.y) (existing as NodeSingular).position({ x: p.x, y: p.y });
      }
    }
    cy.add(additions);
    syncEdges(cy, view, wantNodes, (e) => edgeLook(e, positionOf, routes));
  });
}

function removeStale(cy: Core, wantNodes: ReadonlyMap<string, Data>, wantGroups: ReadonlyMap<string, Data>, view: ViewGraph): void {
  const wantEdges = new Set(view.edges.map((e) => e.id));
  // Whole-collection removes: per-element calls cost a collection each, seconds at 10,000 elements.
  cy.edges()
    .filter((e) => !wantEdges.has(e.id()))
    .remove();
  // A node that changes group must be re-created: cytoscape has no in-place re-parenting in a batch.
  cy.nodes()
    .filter((n) => {
      if (n.hasClass('group')) return false;
      const want = wantNodes.get(n.id());
      return want === undefined || want['parent'] !== n.data('parent');
    })
    .remove();
  cy.nodes('.group')
    .filter((g) => !wantGroups.has(g.id()))
    .remove();
}

interface EdgeLook {
  /** Segment weights and distances when the edge follows a layout route. */
  readonly segments?: Data;
  /** Left out of the layout: drawn only while one of its ends is selected or hovered. */
  readonly cross: boolean;
}

function edgeLook(e: ViewEdge, positionOf: (id: string) => Point | undefined, routes: RouteBook | undefined): EdgeLook {
  const route = routes?.route(e.id);
  const source = positionOf(e.source);
  const target = positionOf(e.target);
  const segments = route && source && target ? segmentData(route, source, target) : undefined;
  return { cross: routes?.isCrossCutting(e.id) ?? false, ...(segments === undefined ? {} : { segments: { ...segments } }) };
}

function syncEdges(cy: Core, view: ViewGraph, placed: ReadonlyMap<string, Data>, lookOf: (e: ViewEdge) => EdgeLook): void {
  const additions: ElementDefinition[] = [];
  for (const e of view.edges) {
    if (!placed.has(e.source) || !placed.has(e.target)) continue;
    const look = lookOf(e);
    const data = { ...edgeData(e), ...look.segments };
    const classes = [look.segments === undefined ? '' : 'routed', look.cross ? 'cross' : ''].filter((c) => c !== '').join(' ');
    const existing = cy.getElementById(e.id);
    if (existing.empty()) additions.push({ group: 'edges', data, classes });
    else {
      updateData(existing, data);
      existing.toggleClass('routed', look.segments !== undefined).toggleClass('cross', look.cross);
    }
  }
  cy.add(additions);
}
