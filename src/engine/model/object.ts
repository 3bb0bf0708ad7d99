import type { SourceLocation } from './graph.js';

/** A Kubernetes object as the API or a manifest gives it. Only the fields the engine reads are typed. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: KubeMetadata;
  readonly [field: string]: unknown;
}

export interface OwnerReference {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly controller?: boolean;
}

export interface KubeMetadata {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences?: readonly OwnerReference[];
}

/** An object admitted into the engine: identity resolved, source kept. */
export interface ObjectRecord {
  readonly id: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly object: KubeObject;
  readonly source?: SourceLocation | undefined;
  /** Manifests only: line of each string value, so a broken reference is reported at its own line. */
  readonly valueLines?: ReadonlyMap<string, number> | undefined;
}

/** Reads `a.b.c` style paths without throwing on absent or mistyped intermediate values. */
export function field(value: unknown, ...path: readonly string[]): unknown {
  return fieldAt(value, path);
}

/** `field` with the path as one array: hot relation tables keep their paths as constants (no array per call). */
export function fieldAt(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value;
  for (let index = 0; index < path.length; index++) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[path[index]!];
  }
  return current;
}

export function stringField(value: unknown, ...path: readonly string[]): string | undefined {
  return stringAt(value, path);
}

export function stringAt(value: unknown, path: readonly string[]): string | undefined {
  return text(fieldAt(value, path));
}

export function arrayField(value: unknown, ...path: readonly string[]): readonly unknown[] {
  return arrayAt(value, path);
}

/**
 * Not frozen: a frozen array has its own kind of elements, and a `for…of` that meets both kinds can no longer be
 * compiled to a plain loop (every step then allocates an iterator result: ~30 MB in a 100K-object build). The
 * readonly type keeps it empty.
 */
const NO_ITEMS: readonly unknown[] = [];

export function arrayAt(value: unknown, path: readonly string[]): readonly unknown[] {
  return list(fieldAt(value, path));
}

/**
 * A parsed JSON value read with optional chaining (`spec?.volumes`). Relations that read every object of a cluster
 * use it: each written-out property read keeps its own inline cache, where one generic path walker is a single
 * megamorphic site for every path of every kind. Leaves are still checked (`text`, `list`, `isRecord`) before use.
 */
export type Loose = { readonly [key: string]: Loose } | undefined;

export function loose(value: unknown): Loose {
  return value as Loose;
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** An array's items (none when it is not an array). */
export function list(value: unknown): readonly Loose[] {
  return Array.isArray(value) ? (value as Loose[]) : (NO_ITEMS as Loose[]);
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function recordField(value: unknown, ...path: readonly string[]): Readonly<Record<string, unknown>> | undefined {
  const found = field(value, ...path);
  return isRecord(found) ? found : undefined;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

function allStrings(map: Readonly<Record<string, unknown>>): boolean {
  for (const key in map) if (typeof map[key] !== 'string') return false;
  return true;
}

/** A `string → string` view of a map; the map itself when it already is one (labels nearly always are: no copy kept). */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  if (!isRecord(value)) return EMPTY;
  if (allStrings(value)) return value as Record<string, string>;
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string') result[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') result[key] = String(entry);
  }
  return result;
}
