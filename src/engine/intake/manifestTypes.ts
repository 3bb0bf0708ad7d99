import type { SourceLocation } from '../model/graph.js';
import type { KubeObject } from '../model/object.js';

export interface ManifestObject {
  readonly object: KubeObject;
  readonly source: SourceLocation;
  /** Line of the first occurrence of each string value in the document, to point diagnostics at a reference. */
  readonly valueLines?: ReadonlyMap<string, number>;
  /** Rendered charts: the release's namespace, for namespaced objects that name none (`helm install -n`). */
  readonly defaultNamespace?: string;
}

/** What kind of problem an intake warning is, so findings can be grouped by it. */
export type IntakeProblem =
  | 'yaml-error'
  | 'run-together'
  | 'not-an-object'
  | 'unreadable'
  | 'too-large'
  | 'last-good'
  /** A document over one of the intake limits (depth, aliases, keys per map), or a run over objects or bytes. */
  | 'limit'
  /** An alias with no anchor before it, or aliases that expand too far. */
  | 'bad-alias'
  | 'invalid-utf8'
  | 'symlink-loop'
  /** A Helm chart met in a folder walk: its templates are Go templates, not YAML, and are left out. */
  | 'helm-chart'
  /** A kustomization read as a plain file (a folder holding overlays): kustomize's build file, not an object. */
  | 'kustomization'
  /** A file a kustomization patches or generates from, left out of a plain read (kustomizations.ts). */
  | 'kustomization-input'
  /** The extension's parse worker stopped on the file (out of memory or time). */
  | 'parser-stopped';

export interface IntakeWarning {
  readonly file: string;
  readonly line: number;
  readonly severity: 'error' | 'note';
  readonly message: string;
  readonly problem?: IntakeProblem;
  /** A kustomization's note: the files it patches or generates from, '/'-separated in the same naming as `file`. */
  readonly leavesOut?: readonly string[];
  /** A kustomization's note: the ConfigMaps and Secrets its generators make, as `Kind/name`. */
  readonly generates?: readonly string[];
}

export interface ParsedManifests {
  readonly objects: ManifestObject[];
  readonly warnings: IntakeWarning[];
}
