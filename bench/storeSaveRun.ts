import { benchSnapshotBomb, printSnapshotBomb } from './snapshotImport.js';
import { benchStoreSave, printStoreSaveRows } from './storeSave.js';

/**
 * The snapshot-bomb and history-save benchmarks alone:
 * `node --expose-gc --import tsx bench/storeSaveRun.ts [MB sizes]` (default 50,200).
 */
console.log('Snapshot bomb: 30 KB file of 10M empty nodes (target: refused in ≤ 100 ms with ≤ 50 MB)');
const sizes = (process.argv[2] ?? process.env['BENCH_SAVE_MB'] ?? '50,200').split(',').map(Number);
void (async (): Promise<void> => {
  // First: the bomb's peak-memory number is a growth of the process's lifetime peak.
  printSnapshotBomb(await benchSnapshotBomb());
  console.log('History save: longest host-thread block of one background save (target ≤ 50 ms at 200 MB)');
  printStoreSaveRows(await benchStoreSave(sizes));
})();
