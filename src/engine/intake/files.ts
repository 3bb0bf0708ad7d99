import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decodeManifestBytes } from './decode.js';
import { isManifestPath, isSkippedFolder, tooLarge } from './fileRules.js';
import { DEFAULT_INTAKE_LIMITS, megabytes, raiseHint, type IntakeLimits } from './limits.js';
import type { IntakeWarning, ManifestObject } from './manifestTypes.js';
import { parseManifestText } from './manifests.js';

export interface LoadedManifests {
  readonly files: string[];
  readonly objects: ManifestObject[];
  readonly warnings: IntakeWarning[];
}

/**
 * Loads files and folders (recursively, by the rules of fileRules.ts, which the extension follows too), under
 * the limits: files over fileBytes are skipped, and the run stops reading at totalBytes or at objects, each with
 * a note that says which limit and how to raise it. Paths in results are relative to `root` when given.
 */
export async function loadManifestPaths(
  paths: readonly string[],
  root?: string,
  limits: IntakeLimits = DEFAULT_INTAKE_LIMITS,
): Promise<LoadedManifests> {
  const files = new Set<string>();
  const warnings: IntakeWarning[] = [];
  for (const path of paths) await collect(path, path, files, warnings);
  const sorted = [...files].sort();
  const shownName = (file: string): string => (root ? relative(root, file) : file);
  const objects: ManifestObject[] = [];
  let bytes = 0;
  for (const [index, file] of sorted.entries()) {
    const shown = shownName(file);
    try {
      const size = (await stat(file)).size;
      if (size > limits.fileBytes) {
        warnings.push(tooLarge(shown, limits));
        continue;
      }
      if (bytes + size > limits.totalBytes) {
        warnings.push(totalReached(shown, sorted.length - index, limits));
        break;
      }
      bytes += size;
      const decoded = decodeManifestBytes(await readFile(file), shown);
      if (decoded.warning) warnings.push(decoded.warning);
      const parsed = parseManifestText(decoded.text, shown, limits);
      warnings.push(...parsed.warnings);
      if (objects.length + parsed.objects.length > limits.objects) {
        objects.push(...parsed.objects.slice(0, limits.objects - objects.length));
        warnings.push(objectsReached(shown, sorted.length - index - 1, limits));
        break;
      }
      objects.push(...parsed.objects);
    } catch (error) {
      const message = `cannot read: ${(error as Error).message}`;
      warnings.push({ file: shown, line: 1, severity: 'error', problem: 'unreadable', message });
    }
  }
  return { files: sorted.map(shownName), objects, warnings };
}

function totalReached(file: string, left: number, limits: IntakeLimits): IntakeWarning {
  const which = left === 1 ? 'skipped' : `skipped this and ${left - 1} more files`;
  const message =
    `${which}: together the manifests are over ${megabytes(limits.totalBytes)} (the totalBytes limit per run); ` + raiseHint('totalBytes');
  return { file, line: 1, severity: 'error', problem: 'limit', message };
}

function objectsReached(file: string, left: number, limits: IntakeLimits): IntakeWarning {
  const notRead = left > 0 ? `, and ${left} more files not read` : '';
  const message = `stopped at ${limits.objects} objects (the objects limit per run) in this file${notRead}; ${raiseHint('objects')}`;
  return { file, line: 1, severity: 'error', problem: 'limit', message };
}

/** `top` is the path given by the user: a file named explicitly is always read; a folder's files follow the rules. */
async function collect(path: string, top: string, files: Set<string>, warnings: IntakeWarning[]): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    warnings.push({ file: path, line: 1, severity: 'error', problem: 'unreadable', message: `cannot open: ${(error as Error).message}` });
    return;
  }
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory() && !isSkippedFolder(entry.name)) await collect(join(path, entry.name), top, files, warnings);
      else if (!entry.isDirectory() && isManifestPath(relative(top, join(path, entry.name)))) files.add(join(path, entry.name));
    }
  } else if (path === top || isManifestPath(relative(top, path))) {
    files.add(path);
  }
}
