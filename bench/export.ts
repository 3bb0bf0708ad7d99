/**
 * Export benchmark: synthetic clusters drawn by the export path, timed by phase so a slow step shows as itself.
 * intake = manifest file → engine graph; layout = the headless ELK layout the view uses; scene = the export model
 * on that layout; then the time of each format from that scene (file KB), and one whole `kubilitics render`
 * to PNG as a user runs it (in-process, so Node's start-up does not blur the numbers). On a shared machine the wall
 * times swing with the load; the CPU time of PNG and PDF (user time of the process) is printed beside them.
 * Targets (issue 15) at 5,000 objects: layout ≤ 3 s, PNG ≤ 5 s and ≤ 15 MB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { viewOptionsFor } from '../src/engine/export/filters.js';
import { EXPORT_FORMATS, renderFormat } from '../src/engine/export/formats.js';
import type { ExportFormat } from '../src/engine/export/formats.js';
import { headlessLayout } from '../src/engine/export/headlessScene.js';
import { buildScene } from '../src/engine/export/model.js';
import { topologyFromPaths } from '../src/engine/topology.js';
import { fixed } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

export interface ExportBenchRow {
  readonly objects: number;
  readonly viewNodes: number;
  readonly intakeMs: number;
  readonly layoutMs: number;
  readonly sceneMs: number;
  readonly formats: Readonly<Record<ExportFormat, { readonly ms: number; readonly cpuMs: number; readonly kb: number }>>;
  /** One whole `kubilitics render -o x.png`: intake, layout, scene and PNG. */
  readonly cliPngMs: number;
}

const silent = { out: (): void => undefined, err: (line: string): void => console.error(line) };
const META = { title: 'bench', source: 'bench', filters: [], version: 'bench', generatedAt: '2025-01-01T00:00:00Z' };

function writeManifests(objects: number, dir: string): string {
  const manifests = join(dir, `cluster-${objects}.yaml`);
  // No anchors: synthetic objects share label maps, and anchored YAML would take intake's slow path.
  const documents = syntheticCluster(objects).map((o) => stringify(o, { aliasDuplicateObjects: false }));
  writeFileSync(manifests, documents.join('---\n'));
  return manifests;
}

async function benchSize(objects: number, dir: string): Promise<ExportBenchRow> {
  const manifests = writeManifests(objects, dir);
  let start = performance.now();
  const graph = (await topologyFromPaths([manifests], {})).engine.graph();
  const intakeMs = performance.now() - start;
  const options = viewOptionsFor(graph, {});
  start = performance.now();
  const layout = await headlessLayout(graph, options);
  const layoutMs = performance.now() - start;
  start = performance.now();
  const scene = buildScene({ graph, options, ...layout, theme: 'document', meta: META });
  const sceneMs = performance.now() - start;
  const formats = {} as Record<ExportFormat, { ms: number; cpuMs: number; kb: number }>;
  for (const format of EXPORT_FORMATS) {
    const cpu = process.cpuUsage();
    start = performance.now();
    const rendered = await renderFormat(scene, format);
    formats[format] = { ms: performance.now() - start, cpuMs: process.cpuUsage(cpu).user / 1000, kb: rendered.bytes.length / 1024 };
  }
  const out = join(dir, `out-${objects}.png`);
  start = performance.now();
  const code = await main(['render', manifests, '-o', out, '--now', '2025-01-01T00:00:00Z'], silent);
  if (code !== 0) throw new Error(`render png failed with ${code}`);
  const cliPngMs = performance.now() - start;
  return { objects, viewNodes: scene.nodes.length, intakeMs, layoutMs, sceneMs, formats, cliPngMs };
}

/** Prints one line per size: phase times, then the time (and file size) of each format from the same scene. */
export async function benchExport(sizes: readonly number[] = [100, 1000, 5000]): Promise<ExportBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubilitics-bench-export-'));
  const rows: ExportBenchRow[] = [];
  const formatHeads = EXPORT_FORMATS.map((f) => `${f} ms (KB)`.padEnd(15));
  const heads = ['objects', 'view nodes', 'intake', 'layout', 'scene', ...formatHeads, 'png cpu', 'pdf cpu', 'CLI → png ms'];
  console.log(heads.map((h) => h.padEnd(10)).join(' '));
  try {
    await benchSize(100, dir); // warm-up: module loading and JIT, paid once by a real CLI run too
    for (const size of sizes) {
      const row = await benchSize(size, dir);
      rows.push(row);
      const cells = EXPORT_FORMATS.map((f) => `${fixed(row.formats[f].ms, 0)} (${fixed(row.formats[f].kb, 0)})`.padEnd(15));
      const phases = [row.intakeMs, row.layoutMs, row.sceneMs].map((ms) => fixed(ms, 0));
      const cpu = [fixed(row.formats.png.cpuMs, 0), fixed(row.formats.pdf.cpuMs, 0)];
      const line = [String(row.objects), String(row.viewNodes), ...phases, ...cells, ...cpu, fixed(row.cliPngMs, 0)];
      console.log(line.map((c) => c.padEnd(10)).join(' '));
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
