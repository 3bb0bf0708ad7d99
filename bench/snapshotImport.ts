/**
 * Snapshot-file bomb (#16): a 30 KB gzip of a valid header and 10M empty nodes (30 MB of JSON). Target: refused in
 * ≤ 100 ms with ≤ 50 MB. Printed: the reader's time on this thread (best of 5) and the process's peak RSS growth
 * (maxRSS is a lifetime peak, so the number means something only when this runs first: bench/storeSaveRun.ts).
 */
import { createGzip } from 'node:zlib';
import { SnapshotFormatError } from '../src/engine/store/errors.js';
import { decodeSnapshotFile } from '../src/engine/store/snapshotFile.js';
import { fixed } from './stats.js';

export interface SnapshotBombRow {
  readonly fileKb: number;
  readonly refusedMs: number;
  readonly peakRssGrowthMb: number;
  readonly message: string;
}

export async function benchSnapshotBomb(): Promise<SnapshotBombRow> {
  const file = await bomb(10_000_000);
  const rssBefore = process.resourceUsage().maxRSS;
  let best = Infinity;
  let message = '';
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    try {
      decodeSnapshotFile(file);
      message = 'accepted (!)';
    } catch (error) {
      message = error instanceof SnapshotFormatError ? error.message : `crashed: ${String(error)}`;
    }
    best = Math.min(best, performance.now() - start);
  }
  return { fileKb: file.length / 1024, refusedMs: best, peakRssGrowthMb: (process.resourceUsage().maxRSS - rssBefore) / 1024, message };
}

/** Compressed in 1 MB pieces, so making the file does not itself raise the process's peak memory. */
async function bomb(nodes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"format":"kubilitics.snapshot","version":1,"cluster":{"context":"c","server":"s"},"takenAt":1,"trigger":"manual",');
  gzip.write('"graph":{"nodes":[{}');
  const piece = ',{}'.repeat(349_525);
  for (let written = 1; written < nodes; written += 349_525) {
    if (!gzip.write(piece)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end('],"edges":[]}}');
  await done;
  return Buffer.concat(chunks);
}

export function printSnapshotBomb(row: SnapshotBombRow): void {
  console.log(`file KB  refused in ms  peak RSS growth MB  message`);
  console.log([fixed(row.fileKb).padEnd(8), fixed(row.refusedMs).padEnd(14), fixed(row.peakRssGrowthMb).padEnd(19), row.message].join(' '));
}
