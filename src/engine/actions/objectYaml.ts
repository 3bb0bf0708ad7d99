/**
 * The text of a live object's read-only YAML document. `managedFields` (often longer than the object) is folded
 * away unless asked for. A Secret is fetched as metadata only, so its document can hold neither values nor key names
 * (the key names sit in `data` beside the values, and reading one reads the other); it says so.
 */
import * as l10n from '@vscode/l10n';
import { stringify } from 'yaml';
import type { KubeObject } from '../model/object.js';

export interface ObjectYamlOptions {
  readonly showManagedFields: boolean;
  /** The object was fetched as metadata only (a Secret): say what is left out and why. */
  readonly metadataOnly: boolean;
  /** The command that toggles managedFields, named in the note. */
  readonly toggleHint: string;
}

function withoutManagedFields(object: KubeObject): { object: KubeObject; hidden: number } {
  const metadata = object.metadata as (Record<string, unknown> & { managedFields?: unknown }) | undefined;
  if (!metadata || !Array.isArray(metadata.managedFields)) return { object, hidden: 0 };
  const { managedFields, ...rest } = metadata;
  return { object: { ...object, metadata: rest }, hidden: (managedFields as unknown[]).length };
}

function notes(hidden: number, options: ObjectYamlOptions): string[] {
  const lines: string[] = [];
  if (options.metadataOnly) {
    lines.push(
      `# ${l10n.t('Secret: metadata only. Kubilitics never reads Secret values, and the key names live beside them in `data`,')}`,
      `# ${l10n.t('so neither is fetched. `kubectl get secret` shows them, if you may read them.')}`,
    );
  }
  if (hidden > 0) lines.push(`# ${l10n.t('metadata.managedFields hidden ({0} entries): {1} shows them.', hidden, options.toggleHint)}`);
  return lines;
}

export function objectYaml(object: KubeObject, options: ObjectYamlOptions): string {
  // PartialObjectMetadata arrives as such: it is shown as the object's own kind, as kubectl shows it.
  const shown = options.showManagedFields ? { object, hidden: 0 } : withoutManagedFields(object);
  const header = notes(shown.hidden, options);
  const body = stringify(shown.object, { lineWidth: 0, aliasDuplicateObjects: false });
  return header.length ? `${header.join('\n')}\n${body}` : body;
}
