/**
 * Limits on untrusted bytes (manifests, snapshot files): every parse runs under them and says which one was hit,
 * so a hostile or accidental file costs a warning, never the editor. The defaults are far above real manifests
 * (the largest corpus file is 1.8 MB with 12 levels of nesting and a few hundred keys in one map) and far below
 * what hurts: the extension host has one thread and about 4 GB of heap for every extension.
 * Users who need more set them (the extension's `kubilitics.limits.*` settings, the CLI's `--max-*` flags).
 */
import * as l10n from '@vscode/l10n';

export interface IntakeLimits {
  /** Bytes of one manifest file; a larger file is skipped with a note. */
  readonly fileBytes: number;
  /** Bytes of every manifest file of one folder (or one CLI run) together; the rest are skipped with a note. */
  readonly totalBytes: number;
  /** Objects of one folder (or one CLI run); the rest are not read. */
  readonly objects: number;
  /** Nesting depth of one document (maps and lists). */
  readonly depth: number;
  /** Aliases (`*name`) in one document: an alias bomb expands a few lines into billions of nodes. */
  readonly aliases: number;
  /** Keys of one map. */
  readonly keysPerMap: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  fileBytes: 10 * 1024 * 1024,
  // Parsing costs about 40 times the bytes in memory (50 MB of manifests: 2 GB and 74 s), so 25 MB: about 1 GB.
  totalBytes: 25 * 1024 * 1024,
  objects: 200_000,
  depth: 200,
  aliases: 1_000,
  keysPerMap: 10_000,
};

/** Which limit a warning is about, as settings and flags name it. */
export type IntakeLimitName = keyof IntakeLimits;

/** The defaults with what a caller set; values that are not positive whole numbers keep the default. */
export function intakeLimits(overrides: Partial<Record<IntakeLimitName, unknown>> = {}): IntakeLimits {
  const limits: Record<IntakeLimitName, number> = { ...DEFAULT_INTAKE_LIMITS };
  for (const name of Object.keys(DEFAULT_INTAKE_LIMITS) as IntakeLimitName[]) {
    const value = overrides[name];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) limits[name] = value;
  }
  return limits;
}

/** How a user raises each limit: the CLI's flag (where it has one) and the extension's setting. */
const CLI_FLAGS: Partial<Record<IntakeLimitName, string>> = {
  fileBytes: '--max-file-mb',
  totalBytes: '--max-total-mb',
  objects: '--max-objects',
};

/** The end of every note about a limit: which one it is and how to raise it, so nobody has to guess. */
export function raiseHint(name: IntakeLimitName): string {
  const flag = CLI_FLAGS[name];
  const setting = `kubilitics.limits.${SETTINGS[name]}`;
  return flag ? l10n.t('raise it with {0} (CLI) or the {1} setting', flag, setting) : l10n.t('raise it with the {0} setting', setting);
}

/** The extension's setting of each limit (sizes are set in megabytes). */
const SETTINGS: Record<IntakeLimitName, string> = {
  fileBytes: 'fileMB',
  totalBytes: 'totalMB',
  objects: 'objects',
  depth: 'depth',
  aliases: 'aliases',
  keysPerMap: 'keysPerMap',
};

/** A size limit as a note shows it: megabytes, whole where whole, else one decimal; bytes below one. */
export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
