import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { processIsAlive } from './persistence.js';

/** Who holds a database for writing. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
}

export interface WriterLock {
  readonly path: string;
  release(): Promise<void>;
}

export type LockResult = { readonly kind: 'acquired'; readonly lock: WriterLock } | { readonly kind: 'held'; readonly holder: LockHolder };

/**
 * One writer per database file. sql.js keeps the database in memory and saves it whole, so two VS Code windows
 * writing one file (global storage is shared by every window without a folder) would each overwrite the other's
 * history. The first takes `<db>.lock`; the others are told who holds it. A lock left by a process that no longer
 * runs on this machine is taken over.
 */
export async function acquireWriterLock(databasePath: string, waitMs = 0): Promise<LockResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await tryWriterLock(databasePath);
    if (result.kind === 'acquired' || Date.now() >= deadline) return result;
    // A reloading window's old extension host may still be letting go.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function tryWriterLock(databasePath: string): Promise<LockResult> {
  const path = `${databasePath}.lock`;
  const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
  // The first run in a workspace has no storage folder yet.
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(me));
      await file.close();
      return { kind: 'acquired', lock: { path, release: () => releaseIfOurs(path, me) } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    const stale = holder === undefined || (holder.host === me.host && !processIsAlive(holder.pid));
    if (!stale) return { kind: 'held', holder };
    await unlink(path).catch(() => undefined);
  }
  const holder = await readHolder(path);
  return holder ? { kind: 'held', holder } : { kind: 'held', holder: { pid: 0, host: 'unknown', since: 0 } };
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'number'
      ? { pid: parsed.pid, host: parsed.host, since: parsed.since }
      : undefined;
  } catch {
    // Unreadable or half-written by a crashed writer: treat as stale.
    return undefined;
  }
}

async function releaseIfOurs(path: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(path);
  if (holder && holder.pid === me.pid && holder.host === me.host && holder.since === me.since) await unlink(path).catch(() => undefined);
}
