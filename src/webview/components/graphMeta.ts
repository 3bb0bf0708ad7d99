/**
 * What the view knows about the graph besides its objects (title, mode, findings, a comparison) and the
 * host's connection status. Their own file because the App holds them and the status bar, the toolbar and the
 * host message handler read them: those must not import the App back.
 */
import type { Finding } from '../../engine/findings';
import type { GraphDiff, GraphMode } from '../../protocol/messages';

export interface GraphMeta {
  readonly title: string;
  readonly mode: GraphMode;
  readonly findings: readonly Finding[];
  readonly diff?: GraphDiff;
}

export interface HostStatus {
  readonly connection?: string;
  readonly message?: string;
}
