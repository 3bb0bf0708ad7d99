/**
 * Which files of a folder are manifests: one set of rules for the CLI's folder walk and the extension's
 * workspace search, so `render --check` and the view draw the same graph from the same folder.
 *
 * Build output (`dist/`, `out/`) is skipped because in a repository it holds copies of the sources (rendered
 * manifests, bundled JSON) that would only repeat them as duplicates; a file named explicitly is always read.
 */
import { DEFAULT_INTAKE_LIMITS, megabytes, raiseHint, type IntakeLimits } from './limits.js';
import type { IntakeWarning } from './manifestTypes.js';

/** Folders never searched for manifests: dependencies, version control and build output. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', 'dist', 'out'];

/** JSON files every JavaScript or editor project holds, which are never Kubernetes objects. */
const NOT_MANIFESTS = /(^|\/)(package(-lock)?\.json|tsconfig[^/]*\.json|\.vscode\/[^/]*\.json|composer\.json)$/;
/**
 * Extensions as written, not case-folded: the extension's search glob cannot fold case, so both sides list the
 * same spellings.
 */
const EXTENSIONS: readonly string[] = ['yaml', 'yml', 'json', 'YAML', 'YML', 'JSON'];

/** The extension stops searching a folder after this many files, and says so. */
export const MAX_MANIFEST_FILES = 5000;

/** The extension's workspace search: every candidate file… */
export const MANIFEST_GLOB = `**/*.{${EXTENSIONS.join(',')}}`;
/** …outside the skipped folders. */
export const EXCLUDE_GLOB = `**/{${SKIPPED_FOLDERS.join(',')}}/**`;

/** Whether a file found in a folder (path relative to it, `/`-separated) is read as manifests. */
export function isManifestPath(relativePath: string): boolean {
  const path = relativePath.replace(/\\/g, '/');
  if (!EXTENSIONS.includes(path.slice(path.lastIndexOf('.') + 1)) || !path.includes('.') || NOT_MANIFESTS.test(path)) return false;
  return !path
    .split('/')
    .slice(0, -1)
    .some((folder) => SKIPPED_FOLDERS.includes(folder));
}

/** Whether a folder met while walking is skipped (its name only). */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.includes(name);
}

/**
 * The note both loaders give a file they do not read because of its size (the fileBytes limit): a manifest that
 * size is a dump nobody meant to draw, and parsing costs about 40 times its size in memory.
 */
export function tooLarge(file: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): IntakeWarning {
  const message = `skipped: larger than ${megabytes(limits.fileBytes)} (the fileBytes limit per file); ${raiseHint('fileBytes')}`;
  return { file, line: 1, severity: 'note', problem: 'too-large', message };
}
