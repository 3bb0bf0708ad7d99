/**
 * The editable copy of a live object: what the user may change and apply back with server-side apply. Fields the
 * server owns or that would make the apply fail or claim what is not ours (managedFields, status, resourceVersion,
 * uid, timestamps, the last-applied copy) are left out. The first line names the object and context, so an edit
 * reopened after a restart still knows where it goes.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../model/object.js';
import { comparable } from './applyOutcome.js';

const HEADER = '# kubilitics-edit ';

export interface EditTarget {
  readonly context: string;
  /** The object's id (`apps/Deployment/shop/web`). */
  readonly id: string;
}

export function editableObject(object: KubeObject): KubeObject {
  return comparable(object);
}

export function editableYaml(object: KubeObject, target: EditTarget): string {
  const lines = [
    `${HEADER}${JSON.stringify(target)}`,
    '# Save to see the changes against the live object, then apply them (server-side apply, field manager "kubilitics").',
    '# A field you delete here is removed only if no other field manager set it too.',
  ];
  return `${lines.join('\n')}\n${stringify(editableObject(object), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** The object and context an edited document belongs to, from its first line; undefined for any other YAML. */
export function editTargetOf(text: string): EditTarget | undefined {
  if (!text.startsWith(HEADER)) return undefined;
  const line = text.slice(HEADER.length, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  try {
    const parsed = JSON.parse(line) as Partial<EditTarget>;
    return typeof parsed.context === 'string' && typeof parsed.id === 'string' ? { context: parsed.context, id: parsed.id } : undefined;
  } catch {
    return undefined;
  }
}
