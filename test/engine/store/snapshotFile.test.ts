/**
 * Hostile and oversized snapshot files (issue #16): each is refused with a clear message, under bounded memory,
 * and in a worker whose heap limit stops whatever the checks let through. The hostile files are generated here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import * as esbuild from 'esbuild';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuildOptions } from '../../../scripts/build.mjs';
import { SnapshotFormatError, SnapshotLimitError } from '../../../src/engine/store/errors.js';
import {
  DEFAULT_SNAPSHOT_FILE_LIMITS,
  decodeSnapshotFile,
  encodeSnapshotFile,
  type SnapshotFile,
} from '../../../src/engine/store/snapshotFile.js';
import { readSnapshotFileInWorker, SnapshotImportCancelled } from '../../../src/engine/store/snapshotImport.js';
import { deployment, graphOfObjects, pod } from './support.js';

const CLUSTER = { context: 'kind', server: 'https://x' };
const HEADER = `{"format":"kubilitics.snapshot","version":1,"cluster":${JSON.stringify(CLUSTER)},"takenAt":1,"trigger":"manual"`;

/** gzip of a header and `count` copies of `node` as the graph's nodes: ~30 KB for 10M empty objects. */
function bomb(count: number, node = '{}', header = HEADER): Buffer {
  const nodes = `${node},`.repeat(count - 1) + node;
  return gzipSync(`${header},"graph":{"nodes":[${nodes}],"edges":[]}}`, { level: 9 });
}

function rejection(work: () => unknown): SnapshotFormatError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotFormatError);
    return error as SnapshotFormatError;
  }
  throw new Error('expected the file to be refused');
}

const realGraph = graphOfObjects([deployment('web', 2), pod('web-1', 'Running')]);
/** The graph as a file holds it: JSON has no undefined members. */
const realGraphAsJson = JSON.parse(JSON.stringify(realGraph)) as typeof realGraph;

describe('reading a snapshot file', () => {
  it('refuses a 30 KB file that inflates to 30 MB of empty nodes as a decompression bomb', () => {
    const file = bomb(10_000_000);
    expect(file.length).toBeLessThan(40_000);
    const error = rejection(() => decodeSnapshotFile(file));
    expect(error).toBeInstanceOf(SnapshotLimitError);
    expect((error as SnapshotLimitError).limit).toBe('ratio');
    expect(error.message).toMatch(/inflates to more than 100 times its \d+ KB \(stopped at 16 MB\).*decompression bomb/);
  });

  it('checks format and version from the first bytes, before inflating the rest', () => {
    const future = bomb(10_000_000, '{}', HEADER.replace('"version":1', '"version":7'));
    expect(rejection(() => decodeSnapshotFile(future)).message).toMatch(/has version 7; this Kubilitics reads up to version 1/);
    const other = bomb(10_000_000, '{}', HEADER.replace('kubilitics.snapshot', 'something.else'));
    expect(rejection(() => decodeSnapshotFile(other)).message).toMatch(/"format" is not "kubilitics.snapshot"/);
    const array = gzipSync(`[${'{},'.repeat(1000)}{}]`);
    expect(rejection(() => decodeSnapshotFile(array)).message).toMatch(/not gzip-compressed JSON/);
  });

  it('reports the first few problems of a file of a million bad nodes, not one per field', () => {
    const error = rejection(() => decodeSnapshotFile(bomb(1_000_000, '{"id":1}')));
    expect(error.message).toMatch(/^Invalid Kubilitics snapshot file: nodes\[0\]\.id is not a string; .* \(and more\)\.$/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('refuses graphs above the node and edge limits, and text above the inflated-size limit', () => {
    const file = encodeSnapshotFile({ cluster: CLUSTER, takenAt: 1, trigger: 'manual', graph: realGraph });
    const nodes = rejection(() => decodeSnapshotFile(file, { ...DEFAULT_SNAPSHOT_FILE_LIMITS, nodes: 1 }));
    expect(nodes).toMatchObject({
      limit: 'nodes',
      message: `This snapshot file holds ${realGraph.nodes.length} nodes; the import limit is 1.`,
    });
    const edges = rejection(() => decodeSnapshotFile(file, { ...DEFAULT_SNAPSHOT_FILE_LIMITS, edges: 0 }));
    expect(edges).toMatchObject({ limit: 'edges' });
    const size = rejection(() => decodeSnapshotFile(file, { ...DEFAULT_SNAPSHOT_FILE_LIMITS, inflatedBytes: 100 }));
    expect(size).toMatchObject({ limit: 'inflatedBytes' });
    expect(size.message).toMatch(/inflates to more than 0 MB of JSON, the import limit/);
  });

  it('writes format and version first, whatever order the caller gave, and reads them back', () => {
    const { graph, ...header } = { graph: realGraph, trigger: 'manual', takenAt: 5, cluster: CLUSTER };
    const bytes = encodeSnapshotFile({ graph, ...header });
    expect(gunzipSync(bytes).toString('utf8')).toMatch(/^\{"format":"kubilitics\.snapshot","version":1,"cluster":\{/);
    expect(decodeSnapshotFile(bytes)).toMatchObject({ ...header, graph: realGraphAsJson });
  });

  it('still reads a file whose members were reordered by hand (graph first, format last)', () => {
    const document = { graph: realGraph, cluster: CLUSTER, takenAt: 1, trigger: 'manual', version: 1, format: 'kubilitics.snapshot' };
    const file = decodeSnapshotFile(gzipSync(JSON.stringify(document, null, 2)));
    expect(file.graph.nodes).toHaveLength(realGraph.nodes.length);
  });

  it('refuses what is not gzip, or not JSON inside', () => {
    expect(rejection(() => decodeSnapshotFile(Buffer.from('{"format":"kubilitics.snapshot"}'))).message).toMatch(
      /not gzip-compressed JSON/,
    );
    expect(rejection(() => decodeSnapshotFile(gzipSync('{"format":"kubilitics.snapshot","version":1,'))).message).toMatch(
      /not gzip-compressed JSON/,
    );
  });
});

describe('reading a snapshot file in a worker', () => {
  let workerPath = '';
  let dir = '';

  beforeAll(async () => {
    // The worker is bundled once for the whole block (support's tempDir is removed after each test).
    dir = await mkdtemp(join(tmpdir(), 'kubilitics-snapshot-worker-'));
    const options = nodeBuildOptions().find((o) => String(o.outfile).endsWith('snapshotWorker.js'));
    expect(options, 'scripts/build.mjs bundles the worker').toBeDefined();
    workerPath = join(dir, 'snapshotWorker.js');
    await esbuild.build({ ...options, outfile: workerPath, sourcemap: false });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fileOf(name: string, bytes: Uint8Array): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  it('reads a real snapshot', async () => {
    const path = await fileOf(
      'real.kubilitics-snapshot',
      encodeSnapshotFile({ cluster: CLUSTER, takenAt: 3, trigger: 'manual', graph: realGraph }),
    );
    const file: SnapshotFile = await readSnapshotFileInWorker(path, { workerPath });
    expect(file).toMatchObject({ cluster: CLUSTER, takenAt: 3, graph: realGraphAsJson });
  });

  it('refuses the 30 KB bomb within a 64 MB heap', async () => {
    const path = await fileOf('bomb.kubilitics-snapshot', bomb(10_000_000));
    await expect(readSnapshotFileInWorker(path, { workerPath, heapMb: 64 })).rejects.toMatchObject({ limit: 'ratio' });
  });

  it('refuses, before parsing, a file whose parse would need more heap than the worker has', async () => {
    // With the ratio check off, 30 MB of empty objects reach the parse: 10M objects, ~700 MB of heap.
    const path = await fileOf('huge.kubilitics-snapshot', bomb(10_000_000));
    const limits = { ...DEFAULT_SNAPSHOT_FILE_LIMITS, ratio: 1_000_000 };
    const error = await readSnapshotFileInWorker(path, { workerPath, limits, heapMb: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotLimitError);
    expect(error).toMatchObject({ limit: 'memory' });
    expect((error as Error).message).toMatch(/^Reading this snapshot file would need about \d+ MB of memory /);
    expect((error as Error).message).toContain("(10000005 objects and lists in 29 MB of JSON), more than the reader's 64 MB.");
  });

  it('reports a worker stopped by its heap limit as a memory limit, and the caller lives on', async () => {
    // Any work that runs away in the worker (here a stand-in script) ends at the limit, not in the caller.
    const runaway = await fileOf('runaway.js', Buffer.from('const kept = []; for (;;) kept.push({ n: kept.length });'));
    const path = await fileOf(
      'any.kubilitics-snapshot',
      encodeSnapshotFile({ cluster: CLUSTER, takenAt: 1, trigger: 'manual', graph: realGraph }),
    );
    const error = await readSnapshotFileInWorker(path, { workerPath: runaway, heapMb: 32 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      limit: 'memory',
      message: 'Reading this snapshot file needed more than 32 MB of memory, so it was stopped. Nothing was imported.',
    });
  });

  it('can be cancelled', async () => {
    const path = await fileOf('slow.kubilitics-snapshot', bomb(10_000_000));
    const abort = new AbortController();
    const reading = readSnapshotFileInWorker(path, {
      workerPath,
      limits: { ...DEFAULT_SNAPSHOT_FILE_LIMITS, ratio: 1_000_000 },
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 20);
    await expect(reading).rejects.toBeInstanceOf(SnapshotImportCancelled);
  });

  it('reports a missing worker script as a failure of the reader, not of the file', async () => {
    const path = await fileOf(
      'ok.kubilitics-snapshot',
      encodeSnapshotFile({ cluster: CLUSTER, takenAt: 1, trigger: 'manual', graph: realGraph }),
    );
    const error = await readSnapshotFileInWorker(path, { workerPath: join(dir, 'absent.js') }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SnapshotFormatError);
    expect((error as Error).message).toMatch(/^The snapshot reader failed: /);
  });

  it('refuses a file larger than the inflated-size limit before starting a worker', async () => {
    const path = await fileOf('big.kubilitics-snapshot', Buffer.alloc(2048));
    const limits = { ...DEFAULT_SNAPSHOT_FILE_LIMITS, inflatedBytes: 1024 };
    await expect(readSnapshotFileInWorker(path, { workerPath: '/nonexistent', limits })).rejects.toMatchObject({ limit: 'fileBytes' });
  });

  it('writes why it refuses a file in the language of the bundle it is given', async () => {
    const english = 'Not a Kubilitics snapshot file: it is not gzip-compressed JSON.';
    const bundle = JSON.parse(await readFile(resolve(__dirname, '../../../l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
    const pseudo = getL10nPseudoLocalized(bundle) as Record<string, string>;
    expect(pseudo[english]).toBeDefined();
    expect(pseudo[english]).not.toBe(english);
    const path = await fileOf('plain.json', Buffer.from('{"format":"kubilitics.snapshot"}'));
    await expect(readSnapshotFileInWorker(path, { workerPath, l10nBundle: pseudo })).rejects.toThrow(pseudo[english]);
    await expect(readSnapshotFileInWorker(path, { workerPath })).rejects.toThrow(english);
  });
});
