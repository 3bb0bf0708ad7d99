import type { ApplyItem } from '../../engine/actions/applyManifests.js';
import type { IntakeWarning } from '../../engine/intake/manifestTypes.js';
import type { AppliedText } from './applyDiagnostics.js';

/** What Apply to Cluster (and Compare with Cluster) sends: objects, each at its file and line, and how kubectl would. */
export interface ApplySource {
  readonly items: ApplyItem[];
  readonly warnings: IntakeWarning[];
  /** Files for the kubectl line; empty for a selection. */
  readonly files: string[];
  /** The file is a kustomization: the kubectl line applies it with `-k`. */
  readonly kustomization?: boolean;
  /** Each file's text by the intake's file name, where refused fields are placed (a selection: its whole document). */
  readonly texts: ReadonlyMap<string, AppliedText>;
}
