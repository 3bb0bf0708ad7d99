/**
 * The objects of a file or selection to apply, read by the intake (positions, limits, Lists, warnings) so apply sees
 * exactly what "Open in Topology" shows. The intake drops a Secret's values (nothing else may keep them); applying
 * the user's own Secret needs them, so a Secret is read again from its document, handed to the apply request only,
 * and never shown.
 */
import * as l10n from '@vscode/l10n';
import { LineCounter, parseAllDocuments } from 'yaml';
import { isKubeObject } from '../intake/admitDocument.js';
import { isSecretObject } from '../intake/keptFields.js';
import type { IntakeWarning } from '../intake/manifestTypes.js';
import { parseManifestText } from '../intake/manifests.js';
import type { SourceLocation } from '../model/graph.js';
import type { KubeObject } from '../model/object.js';

export interface ApplyItem {
  readonly object: KubeObject;
  readonly source: SourceLocation;
}

export interface ApplyItems {
  readonly items: ApplyItem[];
  readonly warnings: IntakeWarning[];
}

const sameObject = (a: KubeObject, b: KubeObject): boolean =>
  a.kind === b.kind && a.metadata?.name === b.metadata?.name && (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');

/** The whole document (or List item) of `object` that starts at or contains `line`. */
function rawObjectAt(text: string, object: KubeObject, line: number): KubeObject | undefined {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter });
  if (!Array.isArray(documents)) return undefined;
  const document = [...documents].reverse().find((candidate) => counter.linePos(candidate.range[0]).line <= line);
  const value: unknown = document?.toJS({ maxAliasCount: 100 });
  if (!isKubeObject(value)) return undefined;
  if (sameObject(value, object)) return value;
  const items = Array.isArray(value['items']) ? (value['items'] as unknown[]) : [];
  return items.find((item): item is KubeObject => isKubeObject(item) && sameObject(item, object));
}

export function itemsToApply(text: string, file: string): ApplyItems {
  const parsed = parseManifestText(text, file);
  const items: ApplyItem[] = [];
  const warnings = [...parsed.warnings];
  for (const { object, source } of parsed.objects) {
    if (!isSecretObject(object)) {
      items.push({ object, source });
      continue;
    }
    const raw = rawObjectAt(text, object, source.line);
    if (raw) items.push({ object: raw, source });
    else
      warnings.push({
        ...source,
        severity: 'error',
        message: l10n.t('Secret {0} not applied: its document could not be read again', object.metadata?.name ?? ''),
      });
  }
  return { items, warnings };
}
