/**
 * What the view knows about the graph besides its objects (title, mode, warnings, insights, a comparison) and the
 * host's connection status. Their own file because the App holds them and the status bar, the toolbar and the
 * host message handler read them: those must not import the App back.
 */
import type { Insight } from '../../engine/insights';
import type { GraphDiff, GraphMode } from '../../protocol/messages';

export interface GraphMeta {
  readonly title: string;
  readonly mode: GraphMode;
  readonly warnings: readonly string[];
  readonly insights: readonly Insight[];
  readonly diff?: GraphDiff;
}

export interface HostStatus {
  readonly connection?: string;
  readonly message?: string;
}
