import * as l10n from '@vscode/l10n';
import type { ObjectRecord } from '../model/object.js';
import type { EngineWarning } from './engineWarning.js';

/** Which of two inputs with one id wins: the earlier file position (or the smaller text), in any input order. */
export function precedes(a: ObjectRecord, b: ObjectRecord): boolean {
  const key = (record: ObjectRecord): string =>
    record.source ? `${record.source.file}\u0000${String(record.source.line).padStart(9, '0')}` : JSON.stringify(record.object);
  return key(a) <= key(b);
}

export function duplicateWarning(existing: ObjectRecord, duplicate: ObjectRecord): EngineWarning {
  const where = (record: ObjectRecord): string => (record.source ? `${record.source.file}:${record.source.line}` : l10n.t('input'));
  const [kept, dropped] = precedes(existing, duplicate) ? [existing, duplicate] : [duplicate, existing];
  return {
    message: l10n.t(
      'duplicate {0}: {1} repeats {2}; using the first',
      `${kept.kind} ${kept.namespace ? `${kept.namespace}/` : ''}${kept.name}`,
      where(dropped),
      where(kept),
    ),
    ...(dropped.source ? { source: dropped.source } : {}),
    duplicate: { id: kept.id, ...(kept.source ? { kept: kept.source } : {}) },
  };
}
