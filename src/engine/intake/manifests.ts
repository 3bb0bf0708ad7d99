import { parseManifestTextFast } from './fastManifests.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './limits.js';
import type { ParsedManifests } from './manifestTypes.js';
import { parseManifestTextWithYaml } from './yamlManifests.js';

/**
 * Parses one file's text (multi-document YAML, flow style or JSON), keeping the file:line of every object and of
 * every string value. The fast path (js-yaml) takes ordinary files; the `yaml` library reads the rest, and what
 * both read they read the same (test/engine/intake/fastManifests.test.ts compares them on every corpus file).
 * One bad document never stops the others; objects run together (tesg1.yaml in the corpus: seven Lists without
 * `---`) are split by the `yaml` path and their pieces read by the fast one. A document over one of the `limits`
 * (limits.ts) is skipped with a warning that names the limit.
 */
export function parseManifestText(text: string, file: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): ParsedManifests {
  return parseManifestTextFast(text, file, limits) ?? parseManifestTextWithYaml(text, file, limits, parseManifestText);
}
