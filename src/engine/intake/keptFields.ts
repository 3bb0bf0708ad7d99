import type { KubeObject } from '../model/object.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The fields of a Secret that hold its values. */
const SECRET_VALUES = ['data', 'stringData'] as const;

export function isSecretObject(object: KubeObject): boolean {
  return object.kind === 'Secret';
}

/**
 * What the engine keeps of a manifest object, by the rule cluster mode follows (extension/cluster/resources.ts
 * trimObject): no Secret values (`data`, `stringData`), no last-applied annotation (the whole object again, for
 * a Secret its values in plain text) and no managedFields. Nothing is drawn from them, and a value not kept
 * cannot leak through a log, an export, a snapshot or a heap dump. Done at intake, so no later step can forget it.
 * The object itself is returned when there is nothing to drop (most objects), else a shallow copy.
 */
export function keptFields(object: KubeObject): KubeObject {
  const secretValues = isSecretObject(object) && SECRET_VALUES.some((field) => field in object);
  const metadata = asRecord(object.metadata);
  const annotations = asRecord(metadata?.['annotations']);
  const lastApplied = annotations !== undefined && LAST_APPLIED in annotations;
  if (!secretValues && !lastApplied && !(metadata !== undefined && 'managedFields' in metadata)) return object;
  const copy: Record<string, unknown> = { ...object };
  if (secretValues) for (const field of SECRET_VALUES) delete copy[field];
  if (metadata !== undefined) {
    const { managedFields: _managed, ...rest } = metadata;
    if (lastApplied) {
      const { [LAST_APPLIED]: _applied, ...kept } = annotations;
      rest['annotations'] = kept;
    }
    copy['metadata'] = rest;
  }
  return copy as KubeObject;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
