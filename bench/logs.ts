/**
 * Log merge bench: 20 simulated container streams push 20,000 lines/s in total through the log core (LogMerger: parse,
 * resume bookkeeping, ring) and the terminal's batching (LogBatcher: one drain and one write per tick, rendered with
 * colours), as the extension host runs them. Reports lines/s achieved, the longest event-loop block
 * (monitorEventLoopDelay, 1 ms resolution) and heap. Target: keeps up with 20,000 lines/s, no block over 50 ms.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LogMerger } from '../src/engine/logs/merger.js';
import { LogBatcher } from '../src/extension/logs/logBatcher.js';

export interface LogBenchRow {
  readonly streams: number;
  readonly targetRate: number;
  readonly seconds: number;
  readonly linesPerSecond: number;
  readonly maxBlockMs: number;
  readonly p99BlockMs: number;
  readonly heapMb: number;
  readonly heapGrowthMb: number;
  readonly writes: number;
  readonly writtenMb: number;
  readonly kept: number;
}

const stamp = (ms: number, n: number): string => `${new Date(ms).toISOString().slice(0, 23)}${String(n % 1_000_000).padStart(6, '0')}Z`;
const payload = (n: number): string =>
  `level=info ts=${n} msg="handled request" method=GET path=/api/v1/items/${n % 977} status=200 duration_ms=${n % 113}`;

export async function benchLogs(streams = 20, targetRate = 20_000, seconds = 5, maxLines = 10_000, tickMs = 33): Promise<LogBenchRow> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const merger = new LogMerger({ maxLines });
  const sources = Array.from({ length: streams }, (_, i) => `web-7d9f8b6c4-${String(i).padStart(5, 'x')}/app`);
  let sink = 0;
  const batcher = new LogBatcher(merger, (text) => (sink += text.length), tickMs);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  batcher.start();
  const start = performance.now();
  let sent = 0;
  let n = 0;
  // Network chunks arrive every few milliseconds, each holding whatever lines each stream produced meanwhile.
  await new Promise<void>((resolve) => {
    const producer = setInterval(() => {
      const elapsed = performance.now() - start;
      const owed = Math.min(Math.floor((elapsed / 1000) * targetRate), targetRate * seconds) - sent;
      const now = Date.now();
      for (let i = 0; i < owed; i++) {
        merger.line(sources[i % streams]!, `${stamp(now, n)} ${payload(n)}`, now);
        n++;
      }
      sent += owed;
      if (elapsed >= seconds * 1000) {
        clearInterval(producer);
        resolve();
      }
    }, 5);
  });
  batcher.stop();
  const elapsedS = (performance.now() - start) / 1000;
  histogram.disable();
  const heapAfter = process.memoryUsage().heapUsed;
  gc?.();
  const heapRetained = process.memoryUsage().heapUsed;
  return {
    streams,
    targetRate,
    seconds,
    linesPerSecond: merger.total / elapsedS,
    maxBlockMs: histogram.max / 1e6,
    p99BlockMs: histogram.percentile(99) / 1e6,
    heapMb: heapAfter / 1_048_576,
    heapGrowthMb: (heapRetained - heapBefore) / 1_048_576,
    writes: batcher.writes,
    writtenMb: sink / 1_048_576,
    kept: merger.size,
  };
}

export function printLogRow(row: LogBenchRow): void {
  console.log(
    '\nLogs: 20 streams merged through the core and the terminal batching (target: keep up with 20,000 lines/s, longest block ≤ 50 ms)',
  );
  console.log('streams  target/s  lines/s   longest block ms  p99 block ms  writes  written MB  kept lines  heap MB  retained MB');
  console.log(
    [
      String(row.streams).padEnd(8),
      String(row.targetRate).padEnd(9),
      String(Math.round(row.linesPerSecond)).padEnd(9),
      row.maxBlockMs.toFixed(1).padEnd(17),
      row.p99BlockMs.toFixed(1).padEnd(13),
      String(row.writes).padEnd(7),
      row.writtenMb.toFixed(1).padEnd(11),
      String(row.kept).padEnd(11),
      row.heapMb.toFixed(1).padEnd(8),
      row.heapGrowthMb.toFixed(1),
    ].join(' '),
  );
}

// `npx tsx bench/logs.ts` runs this row alone.
if (process.argv[1]?.endsWith('logs.ts')) {
  void benchLogs().then(printLogRow);
}
