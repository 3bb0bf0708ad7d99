/**
 * `kubilitics render`: manifests → engine → the webview's view model and layout (headless) → the export
 * model → one file per requested format. With `--check`, nothing is written: each file is compared with
 * what would be written, for CI jobs that keep a committed diagram in step with the manifests.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { describeFilters, unknownChoices, viewOptionsFor } from '../engine/export/filters.js';
import { renderFormat } from '../engine/export/formats.js';
import { headlessScene } from '../engine/export/headlessScene.js';
import type { ExportMeta, Scene } from '../engine/export/scene.js';
import { staleTopologyLines } from './checkChanges.js';
import { expectedPlaceholders } from '../engine/findings.js';
import { findingsCountLine } from './findingsReport.js';
import type { OutputFile, RenderRequest } from './renderArgs.js';
import { isoSeconds } from './renderArgs.js';
import { describeSources, topologyFromCliPaths } from './renderSources.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Exit codes: 0 done (or up to date), 1 failure (unreadable input, nothing to draw, out of date). */
export async function runRender(request: RenderRequest, version: string, io: CliIo = consoleIo): Promise<number> {
  for (const path of request.paths) {
    if (!(await exists(path))) {
      io.err(`kubilitics: no such file or folder: ${path}`);
      return 1;
    }
  }
  const sourced = await topologyFromCliPaths(request.paths, {
    defaultNamespace: request.defaultNamespace,
    root: process.cwd(),
    limits: request.limits,
    ...(request.sources ? { sources: request.sources } : {}),
  });
  if (!sourced.ok) {
    io.err(`kubilitics: ${sourced.problem}`);
    return 1;
  }
  const { topology } = sourced;
  const errors = topology.findings.filter((finding) => finding.severity === 'error');
  for (const error of errors) io.err(`kubilitics: ${error.source ? `${error.source.file}:${error.source.line}: ` : ''}${error.message}`);
  // With the errors, the whole count, as `summary`, the view and the Problems panel give it.
  if (errors.length > 0) io.err(`kubilitics: ${findingsCountLine(topology.findings)}`);
  if (topology.manifests.objects.length === 0) {
    io.err(`kubilitics: no Kubernetes objects found in ${request.paths.join(', ')}`);
    return 1;
  }
  const graph = topology.engine.graph();
  const unknown = unknownChoices(graph, request.choices);
  if (unknown.length > 0) {
    const namespaces = [...new Set(graph.nodes.map((n) => n.namespace || '(cluster-scoped)'))].sort().join(', ');
    io.err(`kubilitics: the manifests have no ${unknown.join(', no ')} (namespaces: ${namespaces})`);
    return 1;
  }
  const options = viewOptionsFor(graph, request.choices);
  const meta: ExportMeta = {
    title: request.title ?? `Topology of ${request.paths.map((p) => basename(resolve(p))).join(', ')}`,
    source: await describeSources(request.paths, process.cwd(), request.sources),
    filters: describeFilters(graph, options),
    version,
    generatedAt: request.now ?? isoSeconds(sourceDateEpoch() ?? new Date()) ?? new Date(0).toISOString(),
  };
  const expected = expectedPlaceholders(topology.findings);
  const scene = await headlessScene({ graph, options, expected, theme: request.theme, meta });
  if (scene.nodes.length === 0) {
    io.err('kubilitics: the filters leave nothing to draw');
    return 1;
  }
  return request.check ? check(scene, request, io) : write(scene, request, io);
}

async function write(scene: Scene, request: RenderRequest, io: CliIo): Promise<number> {
  for (const output of request.outputs) {
    const rendered = await renderFormat(scene, output.format, renderOptions(request));
    await mkdir(dirname(resolve(output.path)), { recursive: true });
    await writeFile(output.path, rendered.bytes);
    io.out(`wrote ${output.path} (${output.format}, ${size(rendered.bytes.length)})${rendered.note ? `: ${rendered.note}` : ''}`);
  }
  return 0;
}

async function check(scene: Scene, request: RenderRequest, io: CliIo): Promise<number> {
  let stale = 0;
  for (const output of request.outputs) {
    const existing = await readFile(output.path).catch(() => undefined);
    if (existing === undefined) {
      io.err(`out of date: ${output.path} does not exist`);
      stale++;
      continue;
    }
    const rendered = await renderFormat(sceneForCheck(scene, output, existing, request), output.format, renderOptions(request));
    if (rendered.bytes.equals(existing)) io.out(`up to date: ${output.path}`);
    else {
      io.err(`out of date: ${output.path} does not match the manifests`);
      stale++;
    }
  }
  if (stale === 0) return 0;
  for (const line of await staleTopologyLines(scene, request.outputs)) io.err(line);
  io.err('kubilitics: run the same command without --check to update');
  return 1;
}

/**
 * A PDF carries the time it was made. Unless `--now` pins one, a check re-renders with the time recorded
 * in the existing file, so only the drawing and the rest of the title block decide whether it is current.
 */
function sceneForCheck(scene: Scene, output: OutputFile, existing: Buffer, request: RenderRequest): Scene {
  if (output.format !== 'pdf' || request.now !== undefined) return scene;
  const recorded = pdfCreationDate(existing);
  return recorded === undefined ? scene : { ...scene, meta: { ...scene.meta, generatedAt: recorded } };
}

/**
 * The creation date of a PDF written by this exporter: PDFKit writes the info dictionary's dates as plain
 * `(D:YYYYMMDDHHmmSSZ)` objects outside any compressed stream, and the creation and modification dates
 * are the same time.
 */
export function pdfCreationDate(pdf: Buffer): string | undefined {
  const match = /\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z\)/.exec(pdf.toString('latin1'));
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
}

function renderOptions(request: RenderRequest): Parameters<typeof renderFormat>[2] {
  const png = request.width !== undefined ? { width: request.width } : { scale: request.scale ?? 1 };
  return { png, pdf: { page: request.page, orientation: request.orientation } };
}

/** SOURCE_DATE_EPOCH, the reproducible-builds convention, pins the time when `--now` is not given. */
function sourceDateEpoch(): Date | undefined {
  const value = process.env['SOURCE_DATE_EPOCH'];
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return new Date(Number(value) * 1000);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
