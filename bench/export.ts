/**
 * Export benchmark: `kubilitics render` of synthetic clusters, timed per output format. Each row is one
 * CLI render as a user runs it (manifest files → engine → headless layout → file), in-process so Node's
 * start-up does not blur the numbers; "scene" is the part every format shares (intake, engine, layout).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { viewOptionsFor } from '../src/engine/export/filters.js';
import { EXPORT_FORMATS, FORMAT_EXTENSION } from '../src/engine/export/formats.js';
import type { ExportFormat } from '../src/engine/export/formats.js';
import { headlessScene } from '../src/engine/export/headlessScene.js';
import { topologyFromPaths } from '../src/engine/topology.js';
import { fixed } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

export interface ExportBenchRow {
  readonly objects: number;
  readonly viewNodes: number;
  readonly sceneMs: number;
  readonly formats: Readonly<Record<ExportFormat, { readonly ms: number; readonly kb: number }>>;
}

const silent = { out: (): void => undefined, err: (line: string): void => console.error(line) };

async function benchSize(objects: number, dir: string): Promise<ExportBenchRow> {
  const manifests = join(dir, `cluster-${objects}.yaml`);
  writeFileSync(
    manifests,
    syntheticCluster(objects)
      .map((o) => stringify(o))
      .join('---\n'),
  );
  let start = performance.now();
  const graph = (await topologyFromPaths([manifests], {})).engine.graph();
  const scene = await headlessScene({
    graph,
    options: viewOptionsFor(graph, {}),
    theme: 'document',
    meta: { title: 'bench', source: 'bench', filters: [], version: 'bench', generatedAt: '2025-01-01T00:00:00Z' },
  });
  const sceneMs = performance.now() - start;
  const formats = {} as Record<ExportFormat, { ms: number; kb: number }>;
  for (const format of EXPORT_FORMATS) {
    const out = join(dir, `out-${objects}${FORMAT_EXTENSION[format]}`);
    start = performance.now();
    const code = await main(['render', manifests, '-o', out, '--now', '2025-01-01T00:00:00Z'], silent);
    if (code !== 0) throw new Error(`render ${format} failed with ${code}`);
    formats[format] = { ms: performance.now() - start, kb: statSync(out).size / 1024 };
  }
  return { objects, viewNodes: scene.nodes.length, sceneMs, formats };
}

/** Prints one line per size: shared scene time, then CLI render time (and file size) per format. */
export async function benchExport(sizes: readonly number[] = [100, 1000, 5000]): Promise<ExportBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubilitics-bench-export-'));
  const rows: ExportBenchRow[] = [];
  console.log(`objects  view nodes  scene ms  ${EXPORT_FORMATS.map((f) => `${f} ms (KB)`.padEnd(16)).join(' ')}`);
  try {
    await benchSize(100, dir); // warm-up: module loading and JIT, paid once by a real CLI run too
    for (const size of sizes) {
      const row = await benchSize(size, dir);
      rows.push(row);
      const cells = EXPORT_FORMATS.map((f) => `${fixed(row.formats[f].ms, 0)} (${fixed(row.formats[f].kb, 0)})`.padEnd(16));
      console.log([String(row.objects).padEnd(8), String(row.viewNodes).padEnd(11), fixed(row.sceneMs, 0).padEnd(9), ...cells].join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1]?.endsWith('export.ts')) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void benchExport(sizes.length > 0 ? sizes : undefined);
}
