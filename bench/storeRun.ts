import { benchStore, printStoreRows, type StoreBenchRow } from './store.js';

/** The store benchmark alone: `node --expose-gc --import tsx bench/storeRun.ts [sizes]` (default 10000,100000). */
const sizes = (process.argv[2] ?? process.env['BENCH_SIZES'] ?? '10000,100000').split(',').map(Number);
const TARGETS = '(target: 10K saved ≤ 100 ms, stored ≤ 10% of JSON); 1 h of history at 1 change/s (target ≤ 20 MB)';
console.log(`Store: snapshot save/load ${TARGETS}`);
void (async (): Promise<void> => {
  const rows: StoreBenchRow[] = [];
  for (const size of sizes) rows.push(await benchStore(size));
  printStoreRows(rows);
})();
