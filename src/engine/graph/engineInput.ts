import type { SourceLocation } from '../model/graph.js';
import type { KubeObject } from '../model/object.js';

/** One object as given to the engine, with where it was read (manifests) for diagnostics. */
export interface InputObject {
  readonly object: KubeObject;
  readonly source?: SourceLocation;
  readonly valueLines?: ReadonlyMap<string, number>;
}

export interface ObjectEvent extends InputObject {
  readonly type: 'upsert' | 'delete';
}
