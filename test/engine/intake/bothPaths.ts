import { parseManifestTextFast } from '../../../src/engine/intake/fastManifests.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';

/**
 * A parse result as one exact string: key order, Map entry order, -0, NaN and Infinity all count, where toEqual
 * would let some of them pass.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { map: [...(item as Map<unknown, unknown>)] };
    if (typeof item === 'number' && (Object.is(item, -0) || !Number.isFinite(item))) return `number ${Object.is(item, -0) ? '-0' : item}`;
    return item;
  });
}

export interface BothPaths {
  /** Both undefined when the fast path gave the file to the yaml path (nothing to compare). */
  readonly fast: string | undefined;
  readonly yaml: string | undefined;
}

export function bothPaths(text: string, file = 'test.yaml'): BothPaths {
  const fast = parseManifestTextFast(text, file);
  if (fast === undefined) return { fast: undefined, yaml: undefined };
  return { fast: canonical(fast), yaml: canonical(parseManifestTextWithYaml(text, file)) };
}
