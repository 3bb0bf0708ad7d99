import { parseManifestTextFast } from './fastManifests.js';
import { tooLarge } from './fileRules.js';
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
  // UTF-8 takes at least one byte per UTF-16 unit, so a longer text is over the limit for certain: an editor
  // buffer or a caller that did not check the file's size is turned away before any parse (a 50 MB value: 1.8 GB).
  if (text.length > limits.fileBytes) return { objects: [], warnings: [tooLarge(file, limits)] };
  return parseManifestTextFast(text, file, limits) ?? parseManifestTextWithYaml(text, file, limits, parseManifestText);
}
