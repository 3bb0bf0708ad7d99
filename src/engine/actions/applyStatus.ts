/**
 * What a refused server-side apply means, read from the API Status's causes rather than its message text: which
 * fields another field manager owns (409), and which fields failed validation (422), each with its path so the
 * editor can point at the line.
 */
import * as l10n from '@vscode/l10n';

/** The part of an API Status these explanations read (the extension's ApiStatus has this shape). */
export interface StatusLike {
  readonly message?: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly message?: string; readonly field?: string }[] };
}

export interface FieldConflict {
  /** The field manager that owns the field now, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
  /** The API version it applied with, when the server says. */
  readonly apiVersion?: string;
  /** The field, as the server names it: `.spec.replicas`. */
  readonly field: string;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const CONFLICT = /conflict with "((?:[^"\\]|\\.)*)"(?: using ([^\s:]+))?(?::\s*(\S.*))?/;

export function fieldConflicts(status: StatusLike | undefined): FieldConflict[] {
  return (status?.details?.causes ?? []).flatMap((cause) => {
    const match = CONFLICT.exec(cause.message ?? '');
    if (!match) return [];
    const field = cause.field ?? match[3] ?? '';
    return [{ manager: match[1]!.replaceAll('\\"', '"'), ...(match[2] ? { apiVersion: match[2] } : {}), field }];
  });
}

/** The conflict, in words: which fields, owned by whom, and what the two ways out do. */
export function explainConflicts(conflicts: readonly FieldConflict[], object: string): string {
  if (conflicts.length === 0)
    return l10n.t('{0} changed on the cluster since it was read (409 Conflict). Reload it and edit again.', object);
  const managers = [...new Set(conflicts.map((conflict) => `"${conflict.manager}"`))].join(', ');
  const lines = conflicts.map(
    (conflict) =>
      `• ${l10n.t('{0} is owned by "{1}"', conflict.field, conflict.manager)}${conflict.apiVersion ? ` (${conflict.apiVersion})` : ''}`,
  );
  return [
    conflicts.length === 1
      ? l10n.t('Applying {0} would change a field that {1} set:', object, managers)
      : l10n.t('Applying {0} would change {1} fields that {2} set:', object, conflicts.length, managers),
    ...lines,
    l10n.t('Reload starts again from the live object. Force takes the fields over: the other manager may set them back on its next apply.'),
  ].join('\n');
}

/** The fields a 422 names; a cause without a field is kept with an empty path (it belongs to the whole object). */
export function invalidFields(status: StatusLike | undefined): FieldProblem[] {
  const causes = status?.details?.causes ?? [];
  if (causes.length === 0) return status?.message ? [{ field: '', message: status.message }] : [];
  return causes.map((cause) => ({ field: cause.field ?? '', message: cause.message ?? cause.reason ?? 'invalid' }));
}

/** A 409's fields as problems to place in the editor: each says who owns it. */
export function conflictProblems(conflicts: readonly FieldConflict[]): FieldProblem[] {
  return conflicts.map((conflict) => ({ field: conflict.field, message: l10n.t('owned by "{0}"', conflict.manager) }));
}
