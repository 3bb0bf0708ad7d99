import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Crash-safe file replacement. sql.js keeps the database in memory, so saving means writing the whole file: write a
 * temp file in the same directory, fsync it, rename it over the real one (atomic on POSIX and NTFS), fsync the
 * directory so the rename itself survives a power cut. A process killed at any point leaves either the old file or
 * the new one, never a torn one.
 */

let tempCounter = 0;
const TEMP_MARK = '.tmp-';

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}${TEMP_MARK}${process.pid}-${++tempCounter}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Windows refuses a rename while a virus scanner or indexer holds the target open; such locks last milliseconds. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
  }
}

/** Removes temp files left by killed processes (never those of a live process: another window may be saving). */
export async function removeStaleTemps(path: string): Promise<string[]> {
  const prefix = `${basename(path)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || (Number.isInteger(pid) && processIsAlive(pid))) continue;
    await rm(join(dirname(path), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a process with this id runs on this machine (temp files and writer locks name their process). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SaveSchedulerOptions {
  /** Quiet time after the last change before saving. */
  readonly idleMs: number;
  /** Upper bound from the first unsaved change to the save, however busy the writes: what a crash can lose. */
  readonly maxDelayMs: number;
  readonly write: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/** Batches many small writes into one file save: debounced, but never later than `maxDelayMs`. */
export class SaveScheduler {
  private dirty = false;
  private firstDirtyAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: SaveSchedulerOptions) {}

  get pending(): boolean {
    return this.dirty;
  }

  schedule(): void {
    const now = Date.now();
    this.dirty = true;
    this.firstDirtyAt ??= now;
    const due = Math.min(now + this.options.idleMs, this.firstDirtyAt + this.options.maxDelayMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush().catch(this.options.onError), Math.max(0, due - now));
    // A pending save must not keep a CLI or test process alive; the owner flushes on close.
    this.timer.unref();
  }

  /** Saves now if anything changed; resolves when the file on disk holds every change made before the call. */
  flush(): Promise<void> {
    this.cancelTimer();
    this.running = this.running.catch(() => undefined).then(() => this.writeIfDirty());
    return this.running;
  }

  dispose(): void {
    this.cancelTimer();
  }

  private async writeIfDirty(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.firstDirtyAt = undefined;
    try {
      await this.options.write();
    } catch (error) {
      this.dirty = true;
      this.firstDirtyAt ??= Date.now();
      throw error;
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
