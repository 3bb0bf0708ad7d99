/**
 * Kustomize writes no source comments, but with `buildMetadata: [originAnnotations]` it annotates every object with
 * the file that declared it (`config.kubernetes.io/origin`). The renderer asks for that through a kustomization of
 * its own around the user's (tools/kustomizeRun.ts), so the user's files are never edited; here the annotation is
 * read and taken off again, so what is drawn and exported is what `kustomize build` gives without it.
 */
import type { KubeObject } from '../model/object.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface KustomizeOrigin {
  /** The file that declared the object (`path:`), or the kustomization whose generator made it (`configuredIn:`). */
  readonly path: string;
  /** The object came from a generator (configMapGenerator, secretGenerator, …) declared in `path`. */
  readonly generated: boolean;
  /** A remote base (`repo:`): `path` is inside that repository, not on this disk. */
  readonly repo?: string;
}

/** The origin annotation's YAML is three flat keys at most; read them without a YAML parser. */
export function parseOrigin(value: string): KustomizeOrigin | undefined {
  const keys = new Map<string, string>();
  for (const line of value.split(/\r?\n/)) {
    const match = /^(path|configuredIn|repo):\s*(.+?)\s*$/.exec(line);
    if (match) keys.set(match[1]!, unquote(match[2]!));
  }
  const repo = keys.get('repo');
  const path = keys.get('path') ?? keys.get('configuredIn');
  if (path === undefined) return undefined;
  return { path, generated: !keys.has('path'), ...(repo === undefined ? {} : { repo }) };
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** The object's origin, and the object without the annotation (the object itself when it has none). */
export function takeOrigin(object: KubeObject): { object: KubeObject; origin: KustomizeOrigin | undefined } {
  const annotations = object.metadata?.annotations;
  const value = annotations?.[ORIGIN_ANNOTATION];
  if (annotations === undefined || typeof value !== 'string') return { object, origin: undefined };
  const { [ORIGIN_ANNOTATION]: _origin, ...kept } = annotations;
  const { annotations: _annotations, ...metadata } = object.metadata!;
  const stripped = { ...object, metadata: Object.keys(kept).length > 0 ? { ...metadata, annotations: kept } : metadata };
  return { object: stripped, origin: parseOrigin(value) };
}
