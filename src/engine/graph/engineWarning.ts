/**
 * What the engine reports about its input without failing on it (a duplicate, an object it cannot admit). Its own
 * file because both the engine and the helpers that produce warnings (duplicates.ts) need it.
 */
import type { SourceLocation } from '../model/graph.js';

export interface EngineWarning {
  readonly message: string;
  readonly source?: SourceLocation;
  /** Set on a duplicate: the id both inputs share and where the copy that is used is defined. */
  readonly duplicate?: { readonly id: string; readonly kept?: SourceLocation };
}
