/**
 * The webview's layout without a webview: the same ELK build, component layouter and packing that run in
 * the layout worker, so the CLI draws nodes exactly where the view would for the same canvas aspect.
 * ELK is deterministic, so the same view always gets the same positions.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ViewGraph } from './viewGraph.js';
import { ComponentLayouter } from './componentLayout.js';
import { computeLayout } from './layoutCore.js';
import type { LayoutOutput } from './layoutCore.js';
import { DEFAULT_ASPECT, layoutInput } from './viewLayout.js';

export async function layoutViewHeadless(view: ViewGraph, aspect: number = DEFAULT_ASPECT): Promise<LayoutOutput> {
  return computeLayout(new ComponentLayouter(new ELK()), layoutInput(view.nodes, view, aspect));
}
