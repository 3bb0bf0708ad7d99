/**
 * View options for exports: built from "show only these" choices (the CLI's --namespace and --kind), and
 * described in words for title blocks and subtitles, whoever built them (CLI flags or the webview state).
 */
import type { TopologyGraph } from '../model/graph.js';
import { compare } from '../viewModel/viewGraph.js';
import type { DetailLevel, LevelChoice, ViewOptions } from '../viewModel/viewOptions.js';
import { CLUSTER_SCOPE_LABEL, DEFAULT_VIEW_OPTIONS, resolveLevel } from '../viewModel/viewOptions.js';

export interface ExportChoices {
  /** Show only these namespaces ('' or CLUSTER_SCOPE_LABEL for cluster-scoped objects); empty shows all. */
  readonly namespaces?: readonly string[];
  /** Show only these kinds; empty shows all. */
  readonly kinds?: readonly string[];
  readonly groupByNamespace?: boolean;
  readonly collapsePods?: boolean;
  /** Level of detail; without one, exports draw the workload level (pods folded), as they always have. */
  readonly level?: LevelChoice;
}

export function viewOptionsFor(graph: TopologyGraph, choices: ExportChoices): ViewOptions {
  const namespaces = new Set((choices.namespaces ?? []).map((ns) => (ns === CLUSTER_SCOPE_LABEL ? '' : ns)));
  const kinds = new Set(choices.kinds ?? []);
  const hiddenNamespaces = namespaces.size === 0 ? [] : distinct(graph.nodes.map((n) => n.namespace)).filter((ns) => !namespaces.has(ns));
  const hiddenKinds = kinds.size === 0 ? [] : distinct(graph.nodes.map((n) => n.kind)).filter((k) => !kinds.has(k));
  const expandedOwners =
    choices.collapsePods === false ? distinct(graph.nodes.flatMap((n) => (n.controller === undefined ? [] : [n.controller]))) : [];
  return {
    ...DEFAULT_VIEW_OPTIONS,
    hiddenNamespaces,
    hiddenKinds,
    groupByNamespace: choices.groupByNamespace ?? DEFAULT_VIEW_OPTIONS.groupByNamespace,
    expandedOwners,
    level: choices.level ?? 'workload',
  };
}

/** Names the namespaces or kinds given on the command line that the graph does not contain. */
export function unknownChoices(graph: TopologyGraph, choices: ExportChoices): string[] {
  const namespaces = new Set(graph.nodes.map((n) => n.namespace));
  const kinds = new Set(graph.nodes.map((n) => n.kind));
  return [
    ...(choices.namespaces ?? []).filter((ns) => !namespaces.has(ns === CLUSTER_SCOPE_LABEL ? '' : ns)).map((ns) => `namespace '${ns}'`),
    ...(choices.kinds ?? []).filter((k) => !kinds.has(k)).map((k) => `kind '${k}'`),
  ];
}

/** The filters in effect as short lines for title blocks; empty when the view shows everything as is. */
export function describeFilters(graph: TopologyGraph, options: ViewOptions): string[] {
  const lines: string[] = [];
  const label = (ns: string): string => (ns === '' ? CLUSTER_SCOPE_LABEL : ns);
  const shownOf = (all: readonly string[], hidden: readonly string[]): string[] => all.filter((x) => !hidden.includes(x));
  if (options.hiddenNamespaces.length > 0) {
    const shown = shownOf(distinct(graph.nodes.map((n) => n.namespace)), options.hiddenNamespaces);
    lines.push(`namespaces: ${shown.map(label).join(', ') || 'none'}`);
  }
  if (options.hiddenKinds.length > 0) {
    const shown = shownOf(distinct(graph.nodes.map((n) => n.kind)), options.hiddenKinds);
    lines.push(
      shown.length <= options.hiddenKinds.length
        ? `kinds: ${shown.join(', ') || 'none'}`
        : `hidden kinds: ${[...options.hiddenKinds].sort(compare).join(', ')}`,
    );
  }
  if (options.hiddenEdgeTypes.length > 0) lines.push(`hidden relations: ${[...options.hiddenEdgeTypes].sort(compare).join(', ')}`);
  if (!options.groupByNamespace) lines.push('not grouped by namespace');
  if (options.collapsedNamespaces.length > 0)
    lines.push(`collapsed: ${[...options.collapsedNamespaces].sort(compare).map(label).join(', ')}`);
  if (options.expandedOwners.length > 0)
    lines.push(`pods expanded under ${options.expandedOwners.length} owner${options.expandedOwners.length === 1 ? '' : 's'}`);
  // Before filters: close enough to say which level `auto` drew, and a title only names it.
  const level = resolveLevel(options.level, graph.nodes.length);
  if (level !== 'workload') lines.push(levelLine(level, options.openedGroups.length));
  if (options.warningsOnly === true) lines.push('only objects with recent warnings, and their neighbours');
  if (options.focus !== null) lines.push(`focus: ${options.focus.id} (${options.focus.hops} hop${options.focus.hops === 1 ? '' : 's'})`);
  return lines;
}

function levelLine(level: DetailLevel, opened: number): string {
  const summaries = level === 'namespace' || level === 'application';
  const suffix = !summaries || opened === 0 ? '' : `, ${opened} group${opened === 1 ? '' : 's'} opened`;
  return `level: ${level}${suffix}`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}
