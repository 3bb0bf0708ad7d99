/** Messages between the webview and its layout worker. Internal to the webview bundle. */
import type { LayoutInput } from '../../engine/viewModel/layoutCore';
import type { LayoutPatch } from '../../engine/viewModel/incrementalLayout';

export interface LayoutRequest {
  /** Increases with every request; the webview drops any answer older than its latest request. */
  readonly seq: number;
  readonly input: LayoutInput;
  /** The canvas's layout context (grouping + focus): each keeps its own picture, laid out incrementally. */
  readonly context: string;
  /** Pack every block afresh (first picture, Relayout) instead of laying out only what changed. */
  readonly full: boolean;
  /** The last answer the canvas applied in this context; whatever the worker answered since is sent again. */
  readonly applied: number;
}

export interface LayoutAnswer {
  readonly seq: number;
  readonly patch: LayoutPatch;
}

export type LayoutResponse =
  | { readonly seq: number; readonly ok: true; readonly output: LayoutPatch; readonly ms: number }
  | { readonly seq: number; readonly ok: false; readonly error: string };
