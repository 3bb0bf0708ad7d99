import * as l10n from '@vscode/l10n';
import type { KubeObject } from '../model/object.js';
import { isSecretObject, keptFields } from './keptFields.js';
import { isKustomization, kustomizationNote } from './kustomizations.js';
import type { ParsedManifests } from './manifestTypes.js';

/** Where a parser found a document's parts; each parser answers from its own records. */
export interface DocumentLines {
  /** Line of the first occurrence of each string mapping value, in document order. */
  valueLines(): ReadonlyMap<string, number>;
  /** Line of item `index` of a List's `items`. */
  itemLine(index: number): number;
}

const LIST_KIND = /List$/;

/**
 * Admits one parsed document: a Kubernetes object, the items of a `kind: List` (or `*List`), or a note saying why
 * not. Both parsers (yamlManifests, fastManifests) admit through here, so they can differ only in what they parse,
 * and here the fields nobody may keep (Secret values, last-applied) are dropped (keptFields.ts).
 */
export function admitDocument(value: unknown, file: string, line: number, lines: DocumentLines, result: ParsedManifests): void {
  if (value === null || value === undefined) return;
  if (isKustomization(value, file)) {
    result.warnings.push(kustomizationNote(value, file, line));
    return;
  }
  if (!isKubeObject(value)) {
    result.warnings.push({
      file,
      line,
      severity: 'note',
      problem: 'not-an-object',
      message: l10n.t('skipped: not a Kubernetes object (no apiVersion and kind)'),
    });
    return;
  }
  if (LIST_KIND.test(value.kind) && Array.isArray(value['items'])) {
    admitListItems(value['items'] as unknown[], file, lines, result);
    return;
  }
  // A Secret's string values would be the keys of its value lines: it has none (and nothing reads them for it).
  if (isSecretObject(value)) result.objects.push({ object: keptFields(value), source: { file, line } });
  else result.objects.push({ object: keptFields(value), source: { file, line }, valueLines: lines.valueLines() });
}

function admitListItems(items: readonly unknown[], file: string, lines: DocumentLines, result: ParsedManifests): void {
  items.forEach((item, index) => {
    const line = lines.itemLine(index);
    if (isKubeObject(item)) result.objects.push({ object: keptFields(item), source: { file, line } });
    else
      result.warnings.push({
        file,
        line,
        severity: 'note',
        problem: 'not-an-object',
        message: l10n.t('skipped list item {0}: not a Kubernetes object', index),
      });
  });
}

export function isKubeObject(value: unknown): value is KubeObject & { apiVersion: string; kind: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['apiVersion'] === 'string' && typeof candidate['kind'] === 'string';
}
