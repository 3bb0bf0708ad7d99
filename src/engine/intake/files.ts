import * as l10n from '@vscode/l10n';
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decodeManifestBytes } from './decode.js';
import { isManifestPath, isSkippedFolder, leaveOutChartTemplates, tooLarge } from './fileRules.js';
import { kustomizationInputs, kustomizationReading, leftOutNote } from './kustomizations.js';
import { DEFAULT_INTAKE_LIMITS, megabytes, raiseHint, type IntakeLimits } from './limits.js';
import type { IntakeProblem, IntakeWarning, ManifestObject } from './manifestTypes.js';
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
  const warnings: IntakeWarning[] = [];
  const shownName = (file: string): string => (root ? relative(root, file) : file);
  const walk = new Walk(warnings, shownName);
  for (const path of paths) await walk.collect(path, path);
  const charts = leaveOutChartTemplates([...walk.files].sort(), paths);
  warnings.push(...charts.notes.map((note) => ({ ...note, file: shownName(note.file) })));
  const sorted = charts.kept;
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
      const message = l10n.t('cannot read: {0}', (error as Error).message);
      warnings.push({ file: shown, line: 1, severity: 'error', problem: 'unreadable', message });
    }
  }
  return leaveOutKustomizationInputs({ files: sorted.map(shownName), objects, warnings });
}

/** A kustomization's patches and generator files are not objects (kustomizations.ts): their objects and warnings go. */
function leaveOutKustomizationInputs(loaded: LoadedManifests): LoadedManifests {
  const inputs = kustomizationInputs(loaded.warnings);
  if (inputs.size === 0) return loaded;
  const notes = new Map<string, IntakeWarning>();
  for (const file of loaded.files) {
    const kustomization = kustomizationReading(file, inputs);
    if (kustomization !== undefined) notes.set(file, leftOutNote(file, kustomization));
  }
  return {
    files: loaded.files.filter((file) => !notes.has(file)),
    objects: loaded.objects.filter((object) => !notes.has(object.source.file)),
    warnings: [...loaded.warnings.filter((warning) => !notes.has(warning.file)), ...notes.values()],
  };
}

function totalReached(file: string, left: number, limits: IntakeLimits): IntakeWarning {
  const why = l10n.t('together the manifests are over {0} (the totalBytes limit per run)', megabytes(limits.totalBytes));
  const which = left === 1 ? l10n.t('skipped') : l10n.t('skipped this and {0} more files', left - 1);
  const message = `${which}: ${why}; ${raiseHint('totalBytes')}`;
  return { file, line: 1, severity: 'error', problem: 'limit', message };
}

function objectsReached(file: string, left: number, limits: IntakeLimits): IntakeWarning {
  const stopped = l10n.t('stopped at {0} objects (the objects limit per run) in this file', limits.objects);
  const notRead = left > 0 ? l10n.t('{0}, and {1} more files not read', stopped, left) : stopped;
  const message = `${notRead}; ${raiseHint('objects')}`;
  return { file, line: 1, severity: 'error', problem: 'limit', message };
}

/**
 * The folder walk. Symlinked folders are followed (kustomize and Helm layouts use them), each real folder once:
 * `visited` holds real paths, so a link back up the tree (a loop) is reported once instead of walked until the
 * path is too long (a self-link read each file 41 times; two links made it exponential), and a folder reached by
 * two links is read once. A folder that cannot be read is a warning, and the walk goes on.
 */
class Walk {
  private readonly visited = new Set<string>();
  private readonly loops = new Set<string>();
  readonly files = new Set<string>();

  constructor(
    private readonly warnings: IntakeWarning[],
    private readonly shownName: (path: string) => string,
  ) {}

  /** `top` is the path given by the user: a file named explicitly is always read; a folder's files follow the rules. */
  async collect(path: string, top: string): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      this.warn(path, 'unreadable', l10n.t('cannot open: {0}', (error as Error).message));
      return;
    }
    if (info.isDirectory()) await this.folder(path, top, []);
    else if (path === top || isManifestPath(relative(top, path))) this.files.add(path);
  }

  private async folder(path: string, top: string, ancestors: readonly string[]): Promise<void> {
    let real;
    let entries;
    try {
      real = await realpath(path);
      if (ancestors.includes(real)) {
        // A loop is not a loss (everything in it is read once), so a note, once per folder it leads back to.
        if (!this.loops.has(real)) this.warn(path, 'symlink-loop', l10n.t('symlink loop: leads back to {0}, not read again', real), 'note');
        this.loops.add(real);
        return;
      }
      if (this.visited.has(real)) return;
      this.visited.add(real);
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      this.warn(path, 'unreadable', l10n.t('cannot read this folder, skipped: {0}', (error as Error).message));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = join(path, entry.name);
      if (await this.isFolder(entry, child)) {
        if (!isSkippedFolder(entry.name)) await this.folder(child, top, [...ancestors, real]);
      } else if (isManifestPath(relative(top, child))) this.files.add(child);
    }
  }

  /** A folder, or a symlink to one; a broken link counts as a file, so a manifest's name reports it when read. */
  private async isFolder(entry: Dirent, path: string): Promise<boolean> {
    if (!entry.isSymbolicLink()) return entry.isDirectory();
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  private warn(file: string, problem: IntakeProblem, message: string, severity: IntakeWarning['severity'] = 'error'): void {
    this.warnings.push({ file: this.shownName(file), line: 1, severity, problem, message });
  }
}
