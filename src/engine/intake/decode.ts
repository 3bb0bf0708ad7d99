import * as l10n from '@vscode/l10n';
import type { IntakeWarning } from './manifestTypes.js';

export interface DecodedManifest {
  readonly text: string;
  /** Set when the bytes were not valid UTF-8: the text then holds U+FFFD where they were. */
  readonly warning?: IntakeWarning;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * A manifest file's bytes as text. Invalid UTF-8 (a Latin-1 file, a binary renamed .yaml) used to be replaced
 * without a word, so a name with a wrong byte drew as another name; now the file is still read, with a warning
 * at the line of the first bad byte. The strict decode costs nothing on valid files: it is the same pass.
 */
export function decodeManifestBytes(bytes: Uint8Array, file: string): DecodedManifest {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const line = lineOf(text, text.indexOf('\uFFFD'));
    const message = l10n.t('not valid UTF-8: read with the bad bytes replaced by U+FFFD (save the file as UTF-8)');
    return { text, warning: { file, line, severity: 'error', problem: 'invalid-utf8', message } };
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
