import { arrayField, recordField, stringMap } from './object.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A normalized label selector. `null` where a selector is nil: it selects nothing. */
export interface LabelSelector {
  readonly matchLabels: readonly (readonly [string, string])[];
  readonly expressions: readonly SelectorRequirement[];
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * metav1.LabelSelector: absent → null (nothing); `{}` → everything. An unknown operator selects nothing, as the API would
 * reject it.
 */
export function parseLabelSelector(raw: unknown): LabelSelector | null {
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const matchLabels = Object.entries(stringMap(recordField(raw, 'matchLabels'))).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expressions: SelectorRequirement[] = [];
  for (const entry of arrayField(raw, 'matchExpressions')) {
    const key = recordField(entry)?.['key'];
    const operator = recordField(entry)?.['operator'];
    if (typeof key !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) return null;
    const values = arrayField(entry, 'values').filter((value): value is string => typeof value === 'string');
    expressions.push({ key, operator: operator as SelectorOperator, values });
  }
  return { matchLabels, expressions };
}

/** A plain `key: value` map selector (Service, ReplicationController): absent or empty selects nothing. */
export function parseMapSelector(raw: unknown): LabelSelector | null {
  const labels = Object.entries(stringMap(raw)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.length === 0 ? null : { matchLabels: labels, expressions: [] };
}

export const EVERYTHING: LabelSelector = { matchLabels: [], expressions: [] };

export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of selector.matchLabels) {
    if (labels[key] !== value) return false;
  }
  for (const requirement of selector.expressions) {
    if (!matchesRequirement(requirement, labels)) return false;
  }
  return true;
}

function matchesRequirement(requirement: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !present || !requirement.values.includes(labels[requirement.key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/**
 * Label (key, value) pairs of which a matching object must carry at least one, for index lookups;
 * empty where the selector has no positive requirement (then every candidate must be checked).
 */
export function anchorPairs(selector: LabelSelector): readonly (readonly [string, string])[] {
  const first = selector.matchLabels[0];
  if (first) return [first];
  const positive = selector.expressions.find((requirement) => requirement.operator === 'In');
  return positive ? positive.values.map((value) => [positive.key, value] as const) : [];
}

/** `anchorPairs` as `key=value` strings, for indexes keyed by one string. */
export function anchorLabels(selector: LabelSelector): readonly string[] {
  return anchorPairs(selector).map((pair) => pair.join('='));
}

export function describeSelector(selector: LabelSelector): string {
  const parts = selector.matchLabels.map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.expressions) {
    if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else parts.push(`${key} ${operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`);
  }
  return parts.length === 0 ? '{} (everything)' : parts.join(', ');
}
