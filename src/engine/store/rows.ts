import type { Row } from './database.js';

/** Typed reads of sql.js rows: a column of the wrong type means a damaged or foreign database, said plainly. */

export function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new TypeError(`Column ${column}: expected a number, got ${typeof value}.`);
  return value;
}

export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`Column ${column}: expected text, got ${typeof value}.`);
  return value;
}

export function optStr(row: Row, column: string): string | undefined {
  const value = row[column];
  return typeof value === 'string' ? value : undefined;
}

export function blob(row: Row, column: string): Uint8Array {
  const value = row[column];
  if (!(value instanceof Uint8Array)) throw new TypeError(`Column ${column}: expected a blob.`);
  return value;
}
