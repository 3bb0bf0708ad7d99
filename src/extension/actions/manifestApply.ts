/**
 * Applying a set of manifests in two steps, as a careful operator does: a server-side dry run of every object (what
 * would be created, configured or left unchanged, and which fields change), then, once confirmed, the apply itself,
 * reported per object. Namespaces and CRDs go first, so the objects in them can follow in the same run. No `vscode`
 * here: the cluster tests drive it against a real API server.
 */
import * as l10n from '@vscode/l10n';
import type { ApplyItem } from '../../engine/actions/applyManifests.js';
import { compareDryRun, type ApplyOutcome } from '../../engine/actions/applyOutcome.js';
import { explainConflicts, fieldConflicts } from '../../engine/actions/applyStatus.js';
import type { SourceLocation } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError } from '../cluster/apiClient.js';
import { describeRef, FIELD_MANAGER, type ServerSideApply } from './serverSideApply.js';

export interface PlannedObject {
  /** `Deployment shop/web`, or the manifest's own words when it could not be placed. */
  readonly label: string;
  readonly object: KubeObject;
  readonly source?: SourceLocation;
  readonly outcome: ApplyOutcome;
  readonly changes: readonly string[];
  /** Why it failed (the API server's words), or a note on how it was judged. */
  readonly reason?: string;
  readonly error?: ApiError;
  readonly metadataOnly: boolean;
  /** The live object and the dry-run result, for the diff (a Secret: metadata only on both sides). */
  readonly live?: KubeObject;
  readonly dryRun?: KubeObject;
}

export interface AppliedObject {
  readonly label: string;
  readonly outcome: ApplyOutcome;
  readonly reason?: string;
  readonly error?: ApiError;
}

const FIRST_KINDS = ['Namespace', 'CustomResourceDefinition'];

/** Namespaces, then CRDs, then the rest in the order written (kubectl keeps the order; this spares a second run). */
export function applyOrder<T extends { readonly object: KubeObject }>(items: readonly T[]): T[] {
  const rank = (item: T): number => {
    const index = FIRST_KINDS.indexOf(item.object.kind ?? '');
    return index === -1 ? FIRST_KINDS.length : index;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

const labelOf = (object: KubeObject): string =>
  `${object.kind ?? '?'} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? '?'}`;

/** Why an apply was refused, in words that say what to do: a 403 names the verbs apply needs, a 409 the fields. */
export function reasonOf(error: unknown, label: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const said = error.apiStatus?.message ?? error.message;
  if (error.kind === 'forbidden') {
    const needs = l10n.t('server-side apply needs the patch verb on this resource, and create for a new object');
    return l10n.t('not permitted (403): {0}. The server said: {1}', needs, said);
  }
  if (error.kind === 'conflict') return explainConflicts(fieldConflicts(error.apiStatus), label);
  return said;
}

function failed(item: ApplyItem, error: unknown, label = labelOf(item.object), metadataOnly = false): PlannedObject {
  const apiError = error instanceof ApiError ? error : undefined;
  const reason = reasonOf(error, label);
  return {
    label,
    object: item.object,
    source: item.source,
    outcome: 'failed',
    changes: [],
    reason,
    metadataOnly,
    ...(apiError ? { error: apiError } : {}),
  };
}

/** A namespace this run creates: objects in it cannot be dry-run yet (their namespace is not there). */
function createdNamespaces(planned: readonly PlannedObject[]): Set<string> {
  return new Set(planned.filter((p) => p.object.kind === 'Namespace' && p.outcome === 'created').map((p) => p.object.metadata?.name ?? ''));
}

async function planOne(ssa: ServerSideApply, item: ApplyItem, created: ReadonlySet<string>, signal?: AbortSignal): Promise<PlannedObject> {
  let target;
  try {
    target = ssa.target(item.object);
  } catch (error) {
    return failed(item, error);
  }
  const label = describeRef(target.ref);
  if (created.has(target.ref.namespace)) {
    const reason = l10n.t('not dry-run: its namespace {0} is created by this apply', target.ref.namespace);
    return { label, object: item.object, source: item.source, outcome: 'created', changes: [], reason, metadataOnly: target.metadataOnly };
  }
  try {
    const live = await ssa.live(target, signal);
    const dryRun = await ssa.apply(item.object, { dryRun: true, ...(signal ? { signal } : {}) });
    const { outcome, changes } = compareDryRun(live, dryRun, target.metadataOnly, FIELD_MANAGER);
    return {
      label,
      object: item.object,
      source: item.source,
      outcome,
      changes,
      metadataOnly: target.metadataOnly,
      ...(live ? { live } : {}),
      dryRun,
    };
  } catch (error) {
    return failed(item, error, label, target.metadataOnly);
  }
}

/** Dry-runs every object, one after another (a few hundred at most: the intake's limits hold). */
export async function planApply(ssa: ServerSideApply, items: readonly ApplyItem[], signal?: AbortSignal): Promise<PlannedObject[]> {
  const planned: PlannedObject[] = [];
  for (const item of applyOrder(items)) {
    signal?.throwIfAborted();
    planned.push(await planOne(ssa, item, createdNamespaces(planned), signal));
  }
  return planned;
}

/** Applies what the dry run passed (a failed dry run is not sent again), in the same order, each reported. */
export async function runApply(ssa: ServerSideApply, planned: readonly PlannedObject[], signal?: AbortSignal): Promise<AppliedObject[]> {
  const results: AppliedObject[] = [];
  for (const plan of planned) {
    if (plan.outcome === 'failed') {
      results.push({ label: plan.label, outcome: 'failed', reason: l10n.t('not applied: the dry run failed ({0})', plan.reason ?? '') });
      continue;
    }
    try {
      const result = await ssa.apply(plan.object, signal ? { signal } : {});
      // Judged as the dry run was (not by resourceVersion: a controller's status write bumps it meanwhile).
      results.push({ label: plan.label, outcome: compareDryRun(plan.live, result, plan.metadataOnly, FIELD_MANAGER).outcome });
    } catch (error) {
      const reason = reasonOf(error, plan.label);
      results.push({ label: plan.label, outcome: 'failed', reason, ...(error instanceof ApiError ? { error } : {}) });
    }
  }
  return results;
}

/** `3 created, 1 configured, 2 unchanged, 1 failed`: only the outcomes that occur. */
export function countOutcomes(results: readonly { readonly outcome: ApplyOutcome }[]): string {
  const order: ApplyOutcome[] = ['created', 'configured', 'unchanged', 'failed'];
  return order
    .map((outcome) => [outcome, results.filter((result) => result.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}
