/**
 * Intake benchmark: MB/s of the two YAML paths on the same texts, positions included (object lines, value lines,
 * List item lines), and of `kubilitics summary` on a synthetic folder. The old path is the `yaml` library
 * (yamlManifests.ts); the new one is the js-yaml fast path with its position recorder (fastManifests.ts);
 * js-yaml alone, building objects with no positions, is the floor under it. Issue 15's target: ≥ 10 MB/s.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { CORE_SCHEMA_AS_YAML } from '../src/engine/intake/coreSchema.js';
import { parseManifestTextFast } from '../src/engine/intake/fastManifests.js';
import { parseManifestText } from '../src/engine/intake/manifests.js';
import { splitAtTopLevelApiVersion } from '../src/engine/intake/runTogether.js';
import { parseManifestTextWithYaml } from '../src/engine/intake/yamlManifests.js';
import { bestOf, fixed } from './stats.js';
import { syntheticCluster } from './syntheticCluster.js';

export interface IntakeBenchRow {
  readonly set: string;
  readonly files: number;
  readonly mb: number;
  readonly fastFiles: number;
  readonly oldMs: number;
  /** The fast path alone on the files it takes: what a folder with no broken or anchored file costs. */
  readonly fastOnlyMb: number;
  readonly fastOnlyMs: number;
  readonly newMs: number;
  readonly floorMs: number;
}

const CORPUS = resolve(__dirname, '../../shared/corpus');
/** Real sets measured on their own as well: a live cluster's dump (with Lists run together), rules, a big install. */
const CORPUS_SETS = ['kalc-gke-dump', 'kube-prometheus', 'argo-cd'];
const OBJECTS_PER_FILE = 25;

function manifestFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return manifestFiles(path);
    return /\.(ya?ml|json)$/.test(entry) ? [path] : [];
  });
}

/**
 * A folder of synthetic cluster objects as YAML, files of 25 objects each, until it holds `targetMb`. Written
 * without anchors, as people and `kubectl get -o yaml` write manifests (yaml's stringify would alias shared objects).
 */
function writeSyntheticFolder(dir: string, targetMb: number): void {
  mkdirSync(dir, { recursive: true });
  const objects = syntheticCluster(Math.round(targetMb * 700));
  let bytes = 0;
  for (let start = 0; start < objects.length && bytes < targetMb * 1048576; start += OBJECTS_PER_FILE) {
    const text = objects
      .slice(start, start + OBJECTS_PER_FILE)
      .map((object) => stringify(object, { aliasDuplicateObjects: false }))
      .join('---\n');
    writeFileSync(join(dir, `objects-${String(start).padStart(6, '0')}.yaml`), text);
    bytes += Buffer.byteLength(text);
  }
}

function benchTexts(set: string, texts: readonly string[]): IntakeBenchRow {
  const mb = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1048576;
  const all = (parse: (text: string) => unknown) => () => texts.forEach((text) => parse(text));
  // Objects run together are cut as our path cuts them, so the floor reads the same objects.
  const floor = (text: string): unknown => {
    try {
      return loadAll(text, null, { schema: CORE_SCHEMA_AS_YAML });
    } catch {
      return splitAtTopLevelApiVersion(text).map((piece) => jsYamlOrNothing(piece.text));
    }
  };
  const fastTexts = texts.filter((text) => parseManifestTextFast(text, 'bench.yaml') !== undefined);
  return {
    set,
    files: texts.length,
    mb,
    fastFiles: fastTexts.length,
    fastOnlyMb: fastTexts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1048576,
    fastOnlyMs: bestOf(
      5,
      () => undefined,
      () => fastTexts.forEach((text) => parseManifestTextFast(text, 'bench.yaml')),
    ),
    oldMs: bestOf(
      3,
      () => undefined,
      all((text) => parseManifestTextWithYaml(text, 'bench.yaml')),
    ),
    newMs: bestOf(
      5,
      () => undefined,
      all((text) => parseManifestText(text, 'bench.yaml')),
    ),
    floorMs: bestOf(5, () => undefined, all(floor)),
  };
}

function jsYamlOrNothing(text: string): unknown {
  try {
    return loadAll(text, null, { schema: CORE_SCHEMA_AS_YAML });
  } catch {
    return undefined;
  }
}

/** `kubilitics summary <folder>` in-process, as a user runs it: read, parse, build, findings. Best of three. */
async function summaryMs(folder: string): Promise<{ ms: number; said: string }> {
  const lines: string[] = [];
  const io = { out: (line: string): number => lines.push(line), err: (line: string): number => lines.push(line) };
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await main(['summary', folder], io);
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, said: lines[0] ?? '' };
}

export async function benchIntake(syntheticMb = 8): Promise<IntakeBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubilitics-bench-intake-'));
  const rows: IntakeBenchRow[] = [];
  console.log(
    'set                files  MB     fast files  old ms   old MB/s  new ms  new MB/s  new/old  ' +
      'fast files only MB/s  js-yaml alone MB/s',
  );
  try {
    if (existsSync(CORPUS)) {
      const read = (folder: string): string[] => manifestFiles(folder).map((file) => readFileSync(file, 'utf8'));
      rows.push(benchTexts('corpus', read(CORPUS)));
      for (const set of CORPUS_SETS.filter((name) => existsSync(join(CORPUS, name)))) rows.push(benchTexts(set, read(join(CORPUS, set))));
    } else console.log('corpus: skipped (no ../shared/corpus)');
    const synthetic = join(dir, 'synthetic');
    writeSyntheticFolder(synthetic, syntheticMb);
    rows.push(
      benchTexts(
        `synthetic ${syntheticMb} MB`,
        manifestFiles(synthetic).map((file) => readFileSync(file, 'utf8')),
      ),
    );
    for (const row of rows) printRow(row);
    const summary = await summaryMs(synthetic);
    console.log(`kubilitics summary of the synthetic folder (${summary.said}): ${fixed(summary.ms, 0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function printRow(row: IntakeBenchRow): void {
  const rate = (ms: number): string => fixed(row.mb / (ms / 1000));
  console.log(
    [
      row.set.padEnd(18),
      String(row.files).padEnd(6),
      fixed(row.mb, 2).padEnd(6),
      `${row.fastFiles}/${row.files}`.padEnd(11),
      fixed(row.oldMs, 0).padEnd(8),
      rate(row.oldMs).padEnd(9),
      fixed(row.newMs, 0).padEnd(7),
      rate(row.newMs).padEnd(9),
      `${fixed(row.oldMs / row.newMs, 1)}x`.padEnd(8),
      fixed(row.fastOnlyMb / (row.fastOnlyMs / 1000)).padEnd(21),
      rate(row.floorMs),
    ].join(' '),
  );
}

if (process.argv[1]?.endsWith('intake.ts')) void benchIntake();
