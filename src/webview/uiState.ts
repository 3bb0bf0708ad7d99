/**
 * UI intent persisted with vscode.setState (filters, grouping, focus, selection, viewport, panels) and
 * restored when the panel is shown again. Never domain data: the host re-sends the graph on `view/ready`.
 * Restored state is untrusted (an older version may have written it), so every field is checked.
 */
import type { EdgeType } from '../engine/model/graph';
import { EDGE_VISUALS } from '../engine/visual/edges';
import type { FocusOptions, ViewOptions } from '../engine/viewModel/viewOptions';
import type { OverlayResource } from '../engine/metrics/overlay';
import { LIMITS } from '../protocol/messages';
import { DEFAULT_VIEW_OPTIONS, MAX_FOCUS_HOPS, MIN_FOCUS_HOPS, isLevelChoice } from '../engine/viewModel/viewOptions';

export interface Viewport {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

export interface UiState {
  readonly version: 1;
  readonly view: ViewOptions;
  readonly selection: string | null;
  /** A multi-selection (two or more objects), kept like the single one while the panel is hidden. */
  readonly multiSelection?: readonly string[];
  readonly viewport: Viewport | null;
  readonly legendOpen: boolean;
  readonly search: string;
  /** The metrics overlay (cluster views): nodes coloured by CPU or memory use; absent when off. */
  readonly overlay?: OverlayResource;
}

export const DEFAULT_UI_STATE: UiState = {
  version: 1,
  view: DEFAULT_VIEW_OPTIONS,
  selection: null,
  viewport: null,
  legendOpen: false,
  search: '',
};

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function restoreFocus(value: unknown): FocusOptions | null {
  if (!isRecord(value) || typeof value['id'] !== 'string' || !finite(value['hops'])) return null;
  const hops = Math.min(MAX_FOCUS_HOPS, Math.max(MIN_FOCUS_HOPS, Math.round(value['hops'])));
  return { id: value['id'], hops };
}

function restoreView(value: unknown): ViewOptions {
  if (!isRecord(value)) return DEFAULT_VIEW_OPTIONS;
  const edgeTypes = strings(value['hiddenEdgeTypes']).filter((t): t is EdgeType => Object.hasOwn(EDGE_VISUALS, t));
  return {
    hiddenNamespaces: strings(value['hiddenNamespaces']),
    hiddenKinds: strings(value['hiddenKinds']),
    hiddenEdgeTypes: edgeTypes,
    groupByNamespace: typeof value['groupByNamespace'] === 'boolean' ? value['groupByNamespace'] : DEFAULT_VIEW_OPTIONS.groupByNamespace,
    collapsedNamespaces: strings(value['collapsedNamespaces']),
    expandedOwners: strings(value['expandedOwners']),
    focus: restoreFocus(value['focus']),
    level: isLevelChoice(value['level']) ? value['level'] : DEFAULT_VIEW_OPTIONS.level,
    openedGroups: strings(value['openedGroups']),
    ...(value['warningsOnly'] === true ? { warningsOnly: true } : {}),
  };
}

function restoreViewport(value: unknown): Viewport | null {
  if (!isRecord(value) || !finite(value['zoom']) || value['zoom'] <= 0 || !isRecord(value['pan'])) return null;
  const { x, y } = value['pan'];
  return finite(x) && finite(y) ? { zoom: value['zoom'], pan: { x, y } } : null;
}

function restoreMultiSelection(value: unknown): Pick<UiState, 'multiSelection'> {
  const ids = [...new Set(strings(value))].slice(0, LIMITS.actionIds);
  return ids.length > 1 ? { multiSelection: ids } : {};
}

export function restoreUiState(raw: unknown): UiState {
  if (!isRecord(raw) || raw['version'] !== 1) return DEFAULT_UI_STATE;
  return {
    version: 1,
    view: restoreView(raw['view']),
    selection: typeof raw['selection'] === 'string' ? raw['selection'] : null,
    ...restoreMultiSelection(raw['multiSelection']),
    viewport: restoreViewport(raw['viewport']),
    legendOpen: raw['legendOpen'] === true,
    search: typeof raw['search'] === 'string' ? raw['search'].slice(0, 200) : '',
    ...(raw['overlay'] === 'cpu' || raw['overlay'] === 'memory' ? { overlay: raw['overlay'] } : {}),
  };
}
