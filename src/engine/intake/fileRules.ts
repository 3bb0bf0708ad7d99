/**
 * Which files of a folder are manifests: one set of rules for the CLI's folder walk and the extension's
 * workspace search, so `render --check` and the view draw the same graph from the same folder.
 *
 * Build output (`dist/`, `out/`) is skipped because in a repository it holds copies of the sources (rendered
 * manifests, bundled JSON) that would only repeat them as duplicates; a file named explicitly is always read.
 */
import * as l10n from '@vscode/l10n';
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
  const message = l10n.t(
    'skipped: larger than {0} (the fileBytes limit per file); {1}',
    megabytes(limits.fileBytes),
    raiseHint('fileBytes'),
  );
  return { file, line: 1, severity: 'note', problem: 'too-large', message };
}

/**
 * A Helm chart met while walking a folder: its `templates/` (and `charts/`, its subcharts) hold Go templates, not
 * YAML, so a walk leaves them out, with one note per chart (on its first template left out) saying how to draw it:
 * open the chart itself, which renders it with helm (engine/render). `files` are `/`-separated paths in one naming;
 * those in `explicit` (named by the user) are always kept.
 */
export function leaveOutChartTemplates(
  files: readonly string[],
  explicit: readonly string[] = [],
): { readonly kept: string[]; readonly notes: IntakeWarning[]; readonly chartRoots: string[] } {
  const normalize = (path: string): string => path.replace(/\\/g, '/');
  const roots = files.map(normalize).flatMap((file) => (/(^|\/)Chart\.yaml$/.test(file) ? [file.slice(0, -'Chart.yaml'.length)] : []));
  if (roots.length === 0) return { kept: [...files], notes: [], chartRoots: [] };
  const named = new Set(explicit.map(normalize));
  const noted = new Set<string>();
  const notes: IntakeWarning[] = [];
  const kept = files.filter((file) => {
    const path = normalize(file);
    const root = chartRootOf(path, roots);
    if (root === undefined || named.has(path)) return true;
    if (!noted.has(root)) {
      noted.add(root);
      notes.push({ file, line: 1, severity: 'note', problem: 'helm-chart', message: chartNote(root) });
    }
    return false;
  });
  return { kept, notes, chartRoots: roots };
}

/** The chart (of `roots`, each ending in `/` or empty) whose templates or subcharts hold `path`, if any. */
export function chartRootOf(path: string, roots: readonly string[]): string | undefined {
  return roots.find((root) => path.startsWith(`${root}templates/`) || path.startsWith(`${root}charts/`));
}

function chartNote(root: string): string {
  const chart = root === '' ? '.' : root.slice(0, -1);
  // Two sentences to translate: one literal of the whole would not fit a line.
  const what = l10n.t('{0} is a Helm chart: its templates are not YAML and are not read as files here;', chart);
  return `${what} ${l10n.t('open the chart itself to draw what helm renders (Open in Topology on it, or kubilitics render {0})', chart)}`;
}
