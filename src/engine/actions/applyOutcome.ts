/**
 * What a server-side apply would do to one object, from its dry run: created (nothing live), unchanged (the dry-run
 * result equals the live object once the fields every write touches are set aside), or configured, with the fields
 * that change. A Secret is read as metadata only on both sides, so its values never reach the extension: whether its
 * data changes is told from the field manager's entry (see `secretDataChange`), never from the values.
 */
import * as l10n from '@vscode/l10n';
import type { KubeObject } from '../model/object.js';

export type ApplyOutcome = 'created' | 'configured' | 'unchanged' | 'failed';

/** Fields every write or the clock changes, and `status`, which an apply of the object never sets. */
const VOLATILE_METADATA = ['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink'] as const;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The object as compared and shown in a diff: without status, volatile metadata, or the last-applied copy. */
export function comparable(object: KubeObject): KubeObject {
  const { status: _status, metadata, ...rest } = object as KubeObject & { status?: unknown };
  const kept: Record<string, unknown> = { ...record(metadata) };
  for (const field of VOLATILE_METADATA) delete kept[field];
  const annotations = record(kept['annotations']);
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _applied, ...others } = annotations;
    if (Object.keys(others).length) kept['annotations'] = others;
    else delete kept['annotations'];
  }
  // In the order people write and kubectl prints them (the API server sends kind first and the spread would put
  // metadata last): apiVersion, kind, metadata, then the rest as they came.
  const { apiVersion, kind, ...body } = rest;
  return {
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(kind === undefined ? {} : { kind }),
    metadata: kept,
    ...body,
  } as KubeObject;
}

/** Dotted paths whose values differ (`spec.replicas`, `spec.template.spec.containers[0].image`), at most `limit`. */
export function changedPaths(before: unknown, after: unknown, limit = 20, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const a = record(before);
  const b = record(after);
  if (a && b) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    const paths: string[] = [];
    for (const key of keys) {
      if (paths.length >= limit) break;
      paths.push(...changedPaths(a[key], b[key], limit - paths.length, path ? `${path}.${key}` : key));
    }
    return paths;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    const paths: string[] = [];
    for (let index = 0; index < before.length && paths.length < limit; index++) {
      paths.push(...changedPaths(before[index], after[index], limit - paths.length, `${path}[${index}]`));
    }
    return paths;
  }
  return [path || '(whole object)'];
}

export interface SecretDataChange {
  readonly changed: boolean;
  readonly note: string;
}

interface ManagerEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly time?: string;
  readonly fieldsV1?: unknown;
}

function entryOf(object: KubeObject | undefined, manager: string): ManagerEntry | undefined {
  const entries = (object?.metadata as { managedFields?: ManagerEntry[] } | undefined)?.managedFields ?? [];
  return entries.find((entry) => entry.manager === manager && entry.operation === 'Apply');
}

/**
 * Whether applying a Secret changes its data, without reading a value: the API server writes a new time into the
 * applier's managedFields entry only when the apply changes the object (an apply that changes nothing keeps the old
 * entry). So: our entry new or rewritten, with the metadata unchanged, means the data (or its ownership) changes.
 */
export function secretDataChange(live: KubeObject | undefined, dryRun: KubeObject, manager: string): SecretDataChange {
  const before = entryOf(live, manager);
  const after = entryOf(dryRun, manager);
  if (!live) return { changed: true, note: l10n.t('data set (values are never shown)') };
  if (!before) return { changed: true, note: l10n.t('data now also managed by {0} (values are never read, so not compared)', manager) };
  if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false, note: l10n.t('data unchanged') };
  return { changed: true, note: l10n.t('data changed (values are never shown)') };
}

export interface DryRunComparison {
  readonly outcome: Exclude<ApplyOutcome, 'failed'>;
  /** What changes: field paths, or for a Secret the metadata paths and a note on its data. */
  readonly changes: readonly string[];
}

/** Compares the dry-run result with the live object; `metadataOnly`: both were read as metadata (a Secret). */
export function compareDryRun(live: KubeObject | undefined, dryRun: KubeObject, metadataOnly: boolean, manager: string): DryRunComparison {
  if (!live) return { outcome: 'created', changes: metadataOnly ? [l10n.t('data set (values are never shown)')] : [] };
  const changes = changedPaths(comparable(live), comparable(dryRun));
  if (metadataOnly) {
    const data = secretDataChange(live, dryRun, manager);
    if (data.changed) changes.push(data.note);
  }
  return { outcome: changes.length ? 'configured' : 'unchanged', changes };
}
