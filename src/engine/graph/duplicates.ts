import type { ObjectRecord } from '../model/object.js';
import type { EngineWarning } from './engineWarning.js';

/** Which of two inputs with one id wins: the earlier file position (or the smaller text), in any input order. */
export function precedes(a: ObjectRecord, b: ObjectRecord): boolean {
  const key = (record: ObjectRecord): string =>
    record.source ? `${record.source.file}\u0000${String(record.source.line).padStart(9, '0')}` : JSON.stringify(record.object);
  return key(a) <= key(b);
}

export function duplicateWarning(existing: ObjectRecord, duplicate: ObjectRecord): EngineWarning {
  const where = (record: ObjectRecord): string => (record.source ? `${record.source.file}:${record.source.line}` : 'input');
  const [kept, dropped] = precedes(existing, duplicate) ? [existing, duplicate] : [duplicate, existing];
  return {
    message:
      `duplicate ${kept.kind} ${kept.namespace ? `${kept.namespace}/` : ''}${kept.name}: ` +
      `${where(dropped)} repeats ${where(kept)}; using the first`,
    ...(dropped.source ? { source: dropped.source } : {}),
    duplicate: { id: kept.id, ...(kept.source ? { kept: kept.source } : {}) },
  };
}
