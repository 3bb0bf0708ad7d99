/**
 * What the webview reports for an export (`view/export` with format `positions`): where every drawn node
 * is, the canvas aspect, and the view options (filters, grouping, collapse, focus). With the graph, that
 * is all `buildScene` needs to export exactly what the user sees. Pure: the webview writes it, the host
 * checks it here before trusting it.
 */
import type { EdgeType } from '../model/graph.js';
import { EDGE_VISUALS } from '../visual/edges.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { ViewOptions } from '../viewModel/viewOptions.js';
import { isLevelChoice } from '../viewModel/viewOptions.js';

export interface ViewPositionNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ViewPositions {
  readonly version: 1;
  /** Width ÷ height of the canvas: a headless re-layout with this aspect reproduces the view's layout. */
  readonly aspect: number;
  readonly view: ViewOptions;
  readonly nodes: readonly ViewPositionNode[];
  /** Ids of the drawn edges. */
  readonly edges: readonly string[];
  /** The layout's routes of edges whose ends have not moved since, by edge id (layoutCore.ts). */
  readonly routes?: Readonly<Record<string, readonly Point[]>>;
  /** Edges the layout left out (shown in the view on selection or hover only). */
  readonly crossCutting?: readonly string[];
}

export type ParsedPositions = { readonly ok: true; readonly value: ViewPositions } | { readonly ok: false; readonly reason: string };

type Json = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export function parseViewPositions(text: string): ParsedPositions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'positions are not JSON' };
  }
  if (!isRecord(value) || value['version'] !== 1) return { ok: false, reason: 'positions: unknown version' };
  if (!isFiniteNumber(value['aspect']) || value['aspect'] <= 0)
    return { ok: false, reason: "positions: 'aspect' must be a positive number" };
  const view = parseView(value['view']);
  if (view === undefined) return { ok: false, reason: "positions: 'view' is malformed" };
  const nodes = value['nodes'];
  if (!Array.isArray(nodes) || !nodes.every(isPositionNode)) return { ok: false, reason: "positions: 'nodes' is malformed" };
  if (!isStringList(value['edges'])) return { ok: false, reason: "positions: 'edges' must be a list of ids" };
  const routes = value['routes'];
  if (routes !== undefined && !isRouteTable(routes)) return { ok: false, reason: "positions: 'routes' is malformed" };
  const crossCutting = value['crossCutting'];
  if (crossCutting !== undefined && !isStringList(crossCutting))
    return { ok: false, reason: "positions: 'crossCutting' must be a list of ids" };
  const routing = { ...(routes === undefined ? {} : { routes }), ...(crossCutting === undefined ? {} : { crossCutting }) };
  return { ok: true, value: { version: 1, aspect: value['aspect'], view, nodes, edges: value['edges'], ...routing } };
}

function isRouteTable(v: unknown): v is Record<string, Point[]> {
  const isPoint = (p: unknown): boolean => isRecord(p) && isFiniteNumber(p['x']) && isFiniteNumber(p['y']);
  return isRecord(v) && Object.values(v).every((route) => Array.isArray(route) && route.length >= 2 && route.every(isPoint));
}

function isPositionNode(v: unknown): v is ViewPositionNode {
  return isRecord(v) && typeof v['id'] === 'string' && ['x', 'y', 'width', 'height'].every((k) => isFiniteNumber(v[k]));
}

function parseView(v: unknown): ViewOptions | undefined {
  if (!isRecord(v) || typeof v['groupByNamespace'] !== 'boolean') return undefined;
  const lists = ['hiddenNamespaces', 'hiddenKinds', 'hiddenEdgeTypes', 'collapsedNamespaces', 'expandedOwners'] as const;
  if (!lists.every((key) => isStringList(v[key]))) return undefined;
  const edgeTypes = v['hiddenEdgeTypes'] as string[];
  if (!edgeTypes.every((t) => Object.hasOwn(EDGE_VISUALS, t))) return undefined;
  const focus = v['focus'];
  const validFocus = focus === null || (isRecord(focus) && typeof focus['id'] === 'string' && isFiniteNumber(focus['hops']));
  if (!validFocus) return undefined;
  return {
    hiddenNamespaces: v['hiddenNamespaces'] as string[],
    hiddenKinds: v['hiddenKinds'] as string[],
    hiddenEdgeTypes: edgeTypes as EdgeType[],
    groupByNamespace: v['groupByNamespace'],
    collapsedNamespaces: v['collapsedNamespaces'] as string[],
    expandedOwners: v['expandedOwners'] as string[],
    focus: focus === null ? null : { id: (focus as Json)['id'] as string, hops: (focus as Json)['hops'] as number },
    // Older payloads carry no level: they were drawn with pods folded, which is the workload level.
    level: isLevelChoice(v['level']) ? v['level'] : 'workload',
    openedGroups: isStringList(v['openedGroups']) ? v['openedGroups'] : [],
    ...(v['warningsOnly'] === true ? { warningsOnly: true } : {}),
  };
}

/** Node centres by id, as `buildScene` takes them. */
export function positionsById(positions: ViewPositions): Record<string, Point> {
  const result: Record<string, Point> = {};
  for (const n of positions.nodes) result[n.id] = { x: n.x, y: n.y };
  return result;
}
