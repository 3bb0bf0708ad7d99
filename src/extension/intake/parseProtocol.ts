import type { l10nJsonFormat } from '@vscode/l10n';
import type { IntakeLimits } from '../../engine/intake/limits.js';
import type { ParsedManifests } from '../../engine/intake/manifestTypes.js';

/** What the parse worker starts with: the translations of the messages it writes (none: English). */
export interface ParseWorkerData {
  readonly l10nBundle?: l10nJsonFormat;
}

/** One file to parse, sent to the parse worker (its bytes are transferred, not copied). */
export interface ParseRequest {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly limits: IntakeLimits;
}

/** The worker's answer: the file's objects and warnings, or why it could not parse it at all. */
export type ParseResponse = { readonly id: number; readonly parsed: ParsedManifests } | { readonly id: number; readonly failure: string };
