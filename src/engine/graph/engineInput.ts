import type { SourceLocation } from '../model/graph.js';
import type { KubeObject } from '../model/object.js';

/** One object as given to the engine, with where it was read (manifests) for diagnostics. */
export interface InputObject {
  readonly object: KubeObject;
  readonly source?: SourceLocation;
  readonly valueLines?: ReadonlyMap<string, number>;
  /** The namespace of a namespaced object that names none, when not the engine's (a Helm release's namespace). */
  readonly defaultNamespace?: string;
}

export interface ObjectEvent extends InputObject {
  readonly type: 'upsert' | 'delete';
}
