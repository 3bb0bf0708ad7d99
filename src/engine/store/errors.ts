/**
 * Typed errors of the storage layer, so callers branch on the class instead of matching message text
 * (the host shows a different prompt for "database from a newer Kubilitics" than for a broken migration).
 */

import * as l10n from '@vscode/l10n';

/** The database was written by a newer Kubilitics; it is left untouched so that version can still read it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    // Two sentences to translate: one literal of the whole would not fit a line.
    const versions = l10n.t('{0} has schema version {1}, but this Kubilitics knows only up to {2}.', path, databaseVersion, knownVersion);
    super(`${versions} ${l10n.t('Update Kubilitics to open it; the file was not changed.')}`);
  }
}

/** A migration file is missing, misnamed or failed; the database stays at its previous version. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An imported snapshot file, or a stored blob, is not something this code wrote. */
export class SnapshotFormatError extends Error {
  override readonly name: string = 'SnapshotFormatError';
}

/** Which limit stopped a snapshot import (the host names the setting that raises it). */
export type SnapshotLimit = 'fileBytes' | 'inflatedBytes' | 'ratio' | 'nodes' | 'edges' | 'memory';

/** A snapshot file hit one of the import limits: hostile, or larger than the user allowed. */
export class SnapshotLimitError extends SnapshotFormatError {
  override readonly name = 'SnapshotLimitError';
  constructor(
    readonly limit: SnapshotLimit,
    message: string,
  ) {
    super(message);
  }
}

/** A snapshot id that is not in the database. */
export class SnapshotNotFoundError extends Error {
  override readonly name = 'SnapshotNotFoundError';
  constructor(readonly id: number) {
    super(l10n.t('No snapshot with id {0}.', id));
  }
}
