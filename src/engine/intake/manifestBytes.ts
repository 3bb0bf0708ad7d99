import { decodeManifestBytes } from './decode.js';
import { tooLarge } from './fileRules.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './limits.js';
import type { ParsedManifests } from './manifestTypes.js';
import { parseManifestText } from './manifests.js';

/**
 * Parses one file's bytes as the extension's parse worker reads them: too large a file is a note and is not decoded,
 * bytes that are not UTF-8 are a warning at the line of the first one (decode.ts), and the text is parsed under
 * `limits`.
 */
export function parseManifestBytes(bytes: Uint8Array, file: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): ParsedManifests {
  if (bytes.byteLength > limits.fileBytes) return { objects: [], warnings: [tooLarge(file, limits)] };
  const decoded = decodeManifestBytes(bytes, file);
  const parsed = parseManifestText(decoded.text, file, limits);
  return decoded.warning ? { objects: parsed.objects, warnings: [decoded.warning, ...parsed.warnings] } : parsed;
}
