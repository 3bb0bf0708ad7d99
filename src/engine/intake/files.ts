import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decodeManifestBytes } from './decode.js';
import { isManifestPath, isSkippedFolder, MAX_MANIFEST_BYTES, tooLarge } from './fileRules.js';
import type { IntakeWarning, ManifestObject } from './manifestTypes.js';
import { parseManifestText } from './manifests.js';

export interface LoadedManifests {
  readonly files: string[];
  readonly objects: ManifestObject[];
  readonly warnings: IntakeWarning[];
}

/**
 * Loads files and folders (recursively, by the rules of fileRules.ts, which the extension follows too).
 * Paths in results are relative to `root` when given.
 */
export async function loadManifestPaths(paths: readonly string[], root?: string): Promise<LoadedManifests> {
  const files = new Set<string>();
  const warnings: IntakeWarning[] = [];
  for (const path of paths) await collect(path, path, files, warnings);
  const sorted = [...files].sort();
  const objects: ManifestObject[] = [];
  for (const file of sorted) {
    const shown = root ? relative(root, file) : file;
    try {
      if ((await stat(file)).size > MAX_MANIFEST_BYTES) {
        warnings.push(tooLarge(shown));
        continue;
      }
      const decoded = decodeManifestBytes(await readFile(file), shown);
      if (decoded.warning) warnings.push(decoded.warning);
      const parsed = parseManifestText(decoded.text, shown);
      objects.push(...parsed.objects);
      warnings.push(...parsed.warnings);
    } catch (error) {
      const message = `cannot read: ${(error as Error).message}`;
      warnings.push({ file: shown, line: 1, severity: 'error', problem: 'unreadable', message });
    }
  }
  return { files: sorted.map((file) => (root ? relative(root, file) : file)), objects, warnings };
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
