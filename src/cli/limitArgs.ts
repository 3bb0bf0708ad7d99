/**
 * The `--max-*` flags of `render` and `summary`: the intake limits a user may need to raise for a large repository.
 * Sizes in MB (decimals allowed), objects as a whole number; anything else is a usage error, never a silent default.
 */
import { intakeLimits, type IntakeLimits } from '../engine/intake/limits.js';

export const LIMIT_OPTIONS = {
  'max-file-mb': { type: 'string' },
  'max-total-mb': { type: 'string' },
  'max-objects': { type: 'string' },
} as const;

export interface LimitFlagValues {
  readonly 'max-file-mb'?: string | undefined;
  readonly 'max-total-mb'?: string | undefined;
  readonly 'max-objects'?: string | undefined;
}

export type ParsedLimits = { readonly ok: true; readonly value: IntakeLimits } | { readonly ok: false; readonly problem: string };

const MB = 1024 * 1024;

export function parseLimitFlags(values: LimitFlagValues): ParsedLimits {
  const fileBytes = megabytes('max-file-mb', values['max-file-mb']);
  if (typeof fileBytes === 'string') return { ok: false, problem: fileBytes };
  const totalBytes = megabytes('max-total-mb', values['max-total-mb']);
  if (typeof totalBytes === 'string') return { ok: false, problem: totalBytes };
  const raw = values['max-objects'];
  const objects = raw === undefined ? undefined : Number(raw);
  if (objects !== undefined && !(Number.isSafeInteger(objects) && objects > 0)) {
    return { ok: false, problem: `--max-objects must be a whole number above 0 (got '${raw ?? ''}')` };
  }
  return { ok: true, value: intakeLimits({ fileBytes, totalBytes, objects }) };
}

/** Bytes, undefined when not given, or the problem. */
function megabytes(flag: string, raw: string | undefined): number | undefined | string {
  if (raw === undefined) return undefined;
  const mb = Number(raw);
  const bytes = Math.floor(mb * MB);
  return raw.trim() !== '' && Number.isFinite(mb) && bytes > 0 ? bytes : `--${flag} must be a number of megabytes above 0 (got '${raw}')`;
}
