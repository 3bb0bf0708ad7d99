/**
 * A scene without a webview: derive the view and lay it out with the webview's own layout code, then
 * build the export model. The CLI and the tests use this; VS Code exports pass the view's positions to
 * `buildScene` instead, and both give the same scene for the same canvas aspect.
 */
import type { TopologyGraph } from '../model/graph.js';
import { deriveView } from '../viewModel/deriveView.js';
import { GraphStore } from '../viewModel/graphStore.js';
import { layoutViewHeadless } from '../viewModel/headlessLayout.js';
import type { LayoutOutput } from '../viewModel/layoutCore.js';
import type { Point } from '../viewModel/layoutTypes.js';
import type { ViewOptions } from '../viewModel/viewOptions.js';
import { DEFAULT_ASPECT } from '../viewModel/viewLayout.js';
import type { ExportMeta, Scene } from './scene.js';
import { buildScene } from './model.js';
import type { ExportTheme } from './palette.js';

export interface HeadlessSceneInput {
  readonly graph: TopologyGraph;
  readonly options: ViewOptions;
  readonly theme: ExportTheme;
  readonly meta: ExportMeta;
  /** Width ÷ height the layout packs towards, as the view does with its canvas size. */
  readonly aspect?: number;
  /** Placeholders expected to be absent (findings.ts `expectedPlaceholders`): drawn as made elsewhere. */
  readonly expected?: ReadonlySet<string>;
}

export async function headlessPositions(
  graph: TopologyGraph,
  options: ViewOptions,
  aspect = DEFAULT_ASPECT,
): Promise<Record<string, Point>> {
  return (await headlessLayout(graph, options, aspect)).positions;
}

/** Positions, routes and cross-cutting edges of the headless layout: what the view's layout worker gives. */
export async function headlessLayout(
  graph: TopologyGraph,
  options: ViewOptions,
  aspect = DEFAULT_ASPECT,
  expected: ReadonlySet<string> = new Set(),
): Promise<LayoutOutput> {
  const store = new GraphStore();
  store.reset(graph);
  store.setExpected(expected);
  return layoutViewHeadless(deriveView(store, options), aspect);
}

export async function headlessScene(input: HeadlessSceneInput): Promise<Scene> {
  const { graph, options, expected = new Set<string>() } = input;
  const { positions, routes, crossCutting } = await headlessLayout(graph, options, input.aspect, expected);
  return buildScene({ graph, options, positions, routes, crossCutting, expected, theme: input.theme, meta: input.meta });
}
