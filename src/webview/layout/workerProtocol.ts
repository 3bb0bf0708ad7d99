/** Messages between the webview and its layout worker. Internal to the webview bundle. */
import type { LayoutInput, LayoutOutput } from '../../engine/viewModel/layoutCore';

export interface LayoutRequest {
  /** Increases with every request; the webview drops any answer older than its latest request. */
  readonly seq: number;
  readonly input: LayoutInput;
}

export type LayoutResponse =
  | { readonly seq: number; readonly ok: true; readonly output: LayoutOutput; readonly ms: number }
  | { readonly seq: number; readonly ok: false; readonly error: string };
