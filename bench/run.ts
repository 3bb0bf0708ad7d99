import { resolve } from 'node:path';
import { benchEngine } from './engine.js';
import { benchEvents, printEventsRow } from './events.js';
import { benchFirstLists } from './firstLists.js';
import { printSoak, runSoak } from './fuzzSoak.js';
import { benchHost } from './host.js';
import { benchStore, printStoreRows } from './store.js';
import { benchSnapshotBomb, printSnapshotBomb } from './snapshotImport.js';
import { benchStoreSave, printStoreSaveRows } from './storeSave.js';
import { benchExport } from './export.js';
import { benchHostileIntake } from './hostileIntake.js';
import { benchIntake } from './intake.js';
import { benchLayoutQuality, qualityCasesFromEnv } from './layoutQuality.js';
import { benchLevels } from './levels.js';
import { benchLogs, printLogRow } from './logs.js';
import { fixed } from './stats.js';
import { benchWebview, webviewBenchFromEnv } from './webview.js';

/** `npm run bench`: numbers and ratios against targets. A benchmark, not a test: it never fails on a slow machine. */
const sizes = (process.env['BENCH_SIZES'] ?? '1000,10000,100000').split(',').map(Number);

console.log(
  'Engine: full build vs JSON.parse of the same list response, as an API server sends it (with managedFields) and stripped; ' +
    'incremental events',
);
console.log(
  '(targets: build/parse ≤ 0.25; event median ≤ 0.5 ms at 100K; linear growth. ' +
    'graph() = sorted TopologyGraph for the view, not part of build)',
);
console.log('(least = the same graph built in one pass with nothing kept for events, bench/leastBuild.ts: a floor under any full build)');
console.log(
  'objects  nodes    edges    list MB  parse ms  stripped ms  build ms  ratio  stripped ratio  ' +
    'least ms  least ratio  build/least  graph() ms  event median ms  event p99 ms  heap MB',
);
for (const size of sizes) {
  const row = benchEngine(size);
  console.log(
    [
      String(row.objects).padEnd(8),
      String(row.nodes).padEnd(8),
      String(row.edges).padEnd(8),
      fixed(row.listMb).padEnd(8),
      fixed(row.jsonParseMs).padEnd(9),
      fixed(row.strippedParseMs).padEnd(12),
      fixed(row.fullBuildMs).padEnd(9),
      fixed(row.ratio, 2).padEnd(6),
      fixed(row.strippedRatio, 2).padEnd(15),
      fixed(row.leastBuildMs).padEnd(9),
      fixed(row.leastBuildMs / row.jsonParseMs, 2).padEnd(12),
      fixed(row.fullBuildMs / row.leastBuildMs, 2).padEnd(12),
      fixed(row.graphMs).padEnd(11),
      fixed(row.eventMedianMs, 3).padEnd(16),
      fixed(row.eventP99Ms, 3).padEnd(13),
      fixed(row.heapMb),
    ].join(' '),
  );
}

console.log(
  '\nHost: watch events through intake, engine and coalesced webview deltas (target: ≥ 2,000 events/s; ≤ 35 MB heap per 10K objects)',
);
console.log("(first lists = engine time for every object of a connecting session's first lists, trimmed, kind by kind,");
console.log('one batch per page of 500, as a session applies them)');
console.log('objects  first lists ms  events/s   deltas/s  heap MB per 10K objects');
for (const size of sizes.filter((n) => n >= 10_000)) {
  const row = benchHost(size);
  console.log(
    [
      String(row.objects).padEnd(8),
      fixed(row.firstListsMs).padEnd(15),
      fixed(row.eventsPerSecond, 0).padEnd(10),
      fixed(row.deltasPerSecond, 1).padEnd(9),
      fixed(row.heapMbPer10k),
    ].join(' '),
  );
}

console.log(
  "\nFirst lists: engine time for a connecting session's first lists, kind by kind in pages of 500 " +
    '(target: ≤ 1,000 ms at 100K; build = a full build of the same objects, for scale; least = bench/leastBuild.ts, a floor)',
);
console.log('objects  one by one ms  batch ms  one by one / batch  build ms  batch / build  least ms');
for (const size of sizes.filter((n) => n >= 10_000)) {
  const row = benchFirstLists(size);
  console.log(
    [
      String(row.objects).padEnd(8),
      fixed(row.oneByOneMs).padEnd(14),
      fixed(row.batchMs).padEnd(9),
      fixed(row.oneByOneMs / row.batchMs, 2).padEnd(19),
      fixed(row.buildMs).padEnd(9),
      fixed(row.batchMs / row.buildMs, 2).padEnd(14),
      fixed(row.leastMs),
    ].join(' '),
  );
}

console.log("\nEvents view: 20K Events read, listed, filtered, grouped, 1,000 live updates (target: ≤ 1,200 ms, 10× Headlamp's 12 s)");
printEventsRow(benchEvents(Number(process.env['BENCH_EVENTS'] ?? 20_000)));

void (async () => {
  console.log('\nStore: snapshots (target: 10K save ≤ 100 ms, ≤ 10% of JSON); history (one busy hour ≤ 20 MB)');
  const rows = [];
  for (const size of sizes.filter((n) => n >= 10_000)) rows.push(await benchStore(size));
  printStoreRows(rows);
  console.log('\nSnapshot bomb: 30 KB file of 10M empty nodes (target: refused in ≤ 100 ms, ≤ 50 MB; peak RSS: bench/storeSaveRun.ts)');
  printSnapshotBomb(await benchSnapshotBomb());
  console.log('\nHistory save: longest host-thread block of one background save (target ≤ 50 ms at 200 MB; BENCH_SAVE_MB sizes)');
  printStoreSaveRows(await benchStoreSave((process.env['BENCH_SAVE_MB'] ?? '50,200').split(',').map(Number)));
  console.log('\nExport: kubilitics render time per format, ms (file KB)');
  await benchExport((process.env['BENCH_EXPORT_SIZES'] ?? '100,1000,5000').split(',').map(Number));
  console.log('\nIntake: YAML to objects with every position, old path (yaml library) vs new (js-yaml fast path) (target: ≥ 10 MB/s)');
  await benchIntake(Number(process.env['BENCH_INTAKE_MB'] ?? 8));
  console.log('\nHostile intake: the 2.4 MB map of 100K keys (target: linear, ≤ 1 s)');
  benchHostileIntake();
  const fuzzCases = Number(process.env['BENCH_FUZZ_CASES'] ?? 5_000);
  console.log(`\nIntake fuzz soak: ${fuzzCases} mutated manifests through parse, engine and graph, in a worker with a 10 s watchdog`);
  console.log('(targets: 0 crashes, 0 hangs, 0 broken properties; BENCH_FUZZ_CASES sets the count; 50,000: npx tsx bench/fuzzSoak.ts)');
  printSoak(await runSoak(fuzzCases, 1), 1, resolve(__dirname, '..'));
  console.log('\nLayout quality: ours vs Graphviz dot on our DOT export (targets: 0 through, ≥ 95% forward, 0 label overlaps,');
  console.log(
    'fewer crossings than dot in less time; layout ms: median of 5 runs each (1 over 2,000 nodes), 1st = our first run; times under load)',
  );
  await benchLayoutQuality(qualityCasesFromEnv());
  console.log(
    '\nLevels of detail: derive time per level and headless layout of the namespace level (target: namespace level ≤ 1 s at any size)',
  );
  await benchLevels((process.env['BENCH_LEVEL_SIZES'] ?? '5000,20000,100000').split(',').map(Number));
  printLogRow(await benchLogs());
  console.log('\nWebview in headless Chromium, synthetic graphs (targets: drawn ≤ 3,000 ms at 5K; longest task ≤ 100 ms;');
  console.log("pan/zoom ≥ 30 fps: under Playwright's mouse, ~17 events/s, then one wheel event per frame sent in the page;");
  console.log('100-object delta ≤ 100 ms; heap measured. Times from the page clock, under load on this machine;');
  console.log("webgl rows: cytoscape's WebGL mode, drawn by SwiftShader on the CPU here, not turned on for users)");
  const webview = webviewBenchFromEnv();
  await benchWebview(webview.sizes, webview.runs, webview.profile, webview.renderers);
})();
