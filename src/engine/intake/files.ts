import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseManifestText, type IntakeWarning, type ManifestObject } from './manifests.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface LoadedManifests {
  readonly files: string[];
  readonly objects: ManifestObject[];
  readonly warnings: IntakeWarning[];
}

/** Loads files and folders (recursively: *.yaml, *.yml, *.json). Paths in results are relative to `root` when given. */
export async function loadManifestPaths(paths: readonly string[], root?: string): Promise<LoadedManifests> {
  const files = new Set<string>();
  const warnings: IntakeWarning[] = [];
  for (const path of paths) await collect(path, files, warnings, true);
  const sorted = [...files].sort();
  const objects: ManifestObject[] = [];
  for (const file of sorted) {
    const shown = root ? relative(root, file) : file;
    try {
      const parsed = parseManifestText(await readFile(file, 'utf8'), shown);
      objects.push(...parsed.objects);
      warnings.push(...parsed.warnings);
    } catch (error) {
      warnings.push({ file: shown, line: 1, severity: 'error', message: `cannot read: ${(error as Error).message}` });
    }
  }
  return { files: sorted.map((file) => (root ? relative(root, file) : file)), objects, warnings };
}

async function collect(path: string, files: Set<string>, warnings: IntakeWarning[], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    warnings.push({ file: path, line: 1, severity: 'error', message: `cannot open: ${(error as Error).message}` });
    return;
  }
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (entry.isDirectory() || MANIFEST_FILE.test(entry.name)) await collect(join(path, entry.name), files, warnings, false);
    }
  } else if (explicit || MANIFEST_FILE.test(path)) {
    files.add(path);
  }
}
