import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './limits.js';
import type { IntakeWarning, ParsedManifests } from './manifestTypes.js';
import { parseManifestText } from './manifests.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * Parses one file's bytes as the CLI and the extension read them: too large a file is a note and is not decoded,
 * bytes that are not UTF-8 are read with U+FFFD in their place and a warning naming the line of the first one,
 * so nothing is replaced silently.
 */
export function parseManifestBytes(bytes: Uint8Array, file: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): ParsedManifests {
  if (bytes.byteLength > limits.fileBytes) return { objects: [], warnings: [fileTooLarge(file, limits.fileBytes)] };
  let text: string;
  const warnings: IntakeWarning[] = [];
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    text = LENIENT_UTF8.decode(bytes);
    warnings.push(notUtf8(file, text));
  }
  const parsed = parseManifestText(text, file);
  return { objects: parsed.objects, warnings: [...warnings, ...parsed.warnings] };
}

/** The note for a file not read because of its size, naming the limit. */
export function fileTooLarge(file: string, limit: number): IntakeWarning {
  const message = `skipped: larger than ${formatMegabytes(limit)} (the limit on one manifest file)`;
  return { file, line: 1, severity: 'note', problem: 'too-large', message };
}

function notUtf8(file: string, text: string): IntakeWarning {
  const at = text.indexOf('\uFFFD');
  const line = at < 0 ? 1 : countLines(text, at);
  const message = 'not valid UTF-8: the bytes that are not were read as U+FFFD (\uFFFD); save the file as UTF-8';
  return { file, line, severity: 'error', problem: 'not-utf8', message };
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/** "10 MB", "1.5 MB", "512 KB": a limit as people set it. */
export function formatMegabytes(bytes: number): string {
  const [amount, unit] = bytes >= 1_048_576 ? [bytes / 1_048_576, 'MB'] : [bytes / 1024, 'KB'];
  return `${Number.isInteger(amount) ? amount : amount.toFixed(1)} ${unit}`;
}
