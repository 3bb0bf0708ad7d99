/**
 * `kubilitics diff BEFORE AFTER`: two topology exports (`render -o FILE.json` or `.yaml`) compared with the engine's
 * diff, told as objects and relations added, removed and changed, and references newly broken. Exit codes as diff(1):
 * 0 the same, 1 different, 2 trouble (bad command line, a file that is not an export).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { topologyChanges } from '../engine/export/exportDiff.js';
import { ExportReadError, readExport, type ReadExport } from '../engine/export/readExport.js';
import { changesMarkdown, changesText } from './changesReport.js';
import type { CliIo } from './renderCommand.js';

export const DIFF_USAGE = `kubilitics diff BEFORE.json AFTER.json [--markdown FILE] [--heading TEXT]
  compares two topology exports (written by render -o FILE.json or FILE.yaml): objects and relations added,
  removed and changed, and new broken references. --markdown writes the same as Markdown (for a pull request);
  exit 0 the same, 1 different, 2 bad command line or a file that is not an export`;

export async function diffCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { markdown: { type: 'string' }, heading: { type: 'string' } },
    });
  } catch (error) {
    return trouble(io, error instanceof Error ? error.message : String(error));
  }
  const [beforePath, afterPath, ...extra] = parsed.positionals;
  if (beforePath === undefined || afterPath === undefined || extra.length > 0) return trouble(io, 'diff needs two exports: BEFORE AFTER');
  let before: ReadExport;
  let after: ReadExport;
  try {
    [before, after] = await Promise.all([readExportFile(beforePath), readExportFile(afterPath)]);
  } catch (error) {
    if (!(error instanceof ExportReadError)) throw error;
    io.err(`kubilitics: ${error.message}`);
    return 2;
  }
  const changes = topologyChanges(before.graph, after.graph);
  for (const line of changesText(changes)) io.out(line);
  const { markdown, heading } = parsed.values;
  if (markdown !== undefined) {
    await mkdir(dirname(resolve(markdown)), { recursive: true });
    await writeFile(markdown, changesMarkdown(changes, heading));
  }
  return changes.unchanged ? 0 : 1;
}

async function readExportFile(path: string): Promise<ReadExport> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ExportReadError(`cannot read ${path}: ${reason}`);
  }
  return readExport(content, path);
}

function trouble(io: CliIo, problem: string): number {
  io.err(`kubilitics: ${problem}`);
  io.err(`Usage: ${DIFF_USAGE}`);
  return 2;
}
