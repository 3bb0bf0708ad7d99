/**
 * Kustomizations met as plain files: a folder opened that holds overlays (not an overlay itself, which is rendered
 * with kustomize, engine/render). A kustomization is kustomize's build file, not a Kubernetes object, and the files
 * it patches or generates from are not objects either: a patch is a partial object that names the object it changes,
 * and a generator's files are the data of a ConfigMap or Secret. Drawn or applied as objects they would be wrong
 * (`kubectl apply -f` on such a folder fails the same way), so both are left out with a note that says how to see the
 * overlay: open its folder, which renders it.
 */
import * as l10n from '@vscode/l10n';
import { posix } from 'node:path';
import type { IntakeWarning } from './manifestTypes.js';

const KUSTOMIZE_API = /^kustomize\.config\.k8s\.io\//;
const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;

/** A parsed document that is a kustomization: kustomize's apiVersion, or any map in a file kustomize reads as one. */
export function isKustomization(value: unknown, file: string): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const apiVersion = (value as Record<string, unknown>)['apiVersion'];
  return (typeof apiVersion === 'string' && KUSTOMIZE_API.test(apiVersion)) || KUSTOMIZATION_FILE.test(file);
}

/** The note a kustomization document gets instead of being admitted; it carries the files the kustomization reads. */
export function kustomizationNote(kustomization: Record<string, unknown>, file: string, line: number): IntakeWarning {
  const folder = posix.dirname(slashes(file));
  const leavesOut = inputPaths(kustomization).map((path) => posix.normalize(posix.join(folder, path)));
  const message = l10n.t('a kustomization, not a Kubernetes object: Open in Topology on its folder draws what kustomize renders');
  const generates = generatedObjects(kustomization);
  return {
    file,
    line,
    severity: 'note',
    problem: 'kustomization',
    message,
    ...(leavesOut.length > 0 ? { leavesOut } : {}),
    ...(generates.length > 0 ? { generates } : {}),
  };
}

/**
 * The ConfigMaps and Secrets the kustomization notes among `warnings` generate, as `Kind/name` → the kustomization
 * file (the first one, in file order). The plain files of such a folder refer to them by these names, which kustomize
 * rewrites to the generated (hash-suffixed) names when it renders.
 */
export function kustomizationGenerated(warnings: readonly IntakeWarning[]): ReadonlyMap<string, string> {
  return byKustomization(warnings, (note) => note.generates);
}

/** `ConfigMap/name` and `Secret/name` of the kustomization's generators. */
function generatedObjects(kustomization: Record<string, unknown>): string[] {
  const named = (kind: string, generators: unknown): string[] =>
    list(generators)
      .map((generator) => field(generator, 'name'))
      .filter((name): name is string => typeof name === 'string' && name !== '')
      .map((name) => `${kind}/${name}`);
  return [...named('ConfigMap', kustomization['configMapGenerator']), ...named('Secret', kustomization['secretGenerator'])];
}

/** The files the kustomization notes among `warnings` leave out, each with the kustomization file that reads it. */
export function kustomizationInputs(warnings: readonly IntakeWarning[]): ReadonlyMap<string, string> {
  return byKustomization(warnings, (note) => note.leavesOut);
}

/** Each key `keysOf` reads from a kustomization note → the file of the first note that has it. */
function byKustomization(
  warnings: readonly IntakeWarning[],
  keysOf: (note: IntakeWarning) => readonly string[] | undefined,
): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  for (const warning of warnings) {
    if (warning.problem !== 'kustomization') continue;
    for (const key of keysOf(warning) ?? []) if (!files.has(key)) files.set(key, warning.file);
  }
  return files;
}

/** The kustomization that reads `file` (`inputs` from kustomizationInputs), if any. */
export function kustomizationReading(file: string, inputs: ReadonlyMap<string, string>): string | undefined {
  return inputs.size === 0 ? undefined : inputs.get(posix.normalize(slashes(file)));
}

/** The note a left-out file gets in place of its objects and its own warnings. */
export function leftOutNote(file: string, kustomization: string): IntakeWarning {
  const message = l10n.t(
    'left out: the kustomization {0} patches or generates from this file; Open in Topology on its folder draws what kustomize renders',
    kustomization,
  );
  return { file, line: 1, severity: 'note', problem: 'kustomization-input', message };
}

/** Fields whose entries name files relative to the kustomization (kustomize's Kustomization type). */
function inputPaths(kustomization: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const add = (value: unknown): void => {
    // A patch may be written inline (a multi-line string); a remote or absolute path is not a file of this folder.
    if (typeof value === 'string' && value !== '' && !value.includes('\n') && !value.includes('://') && !value.startsWith('/')) {
      paths.push(value);
    }
  };
  const pathOf = (entry: unknown): void => add(field(entry, 'path'));
  list(kustomization['patches']).forEach(pathOf);
  list(kustomization['patchesJson6902']).forEach(pathOf);
  list(kustomization['replacements']).forEach(pathOf);
  list(kustomization['patchesStrategicMerge']).forEach(add);
  for (const generator of [...list(kustomization['configMapGenerator']), ...list(kustomization['secretGenerator'])]) {
    // `files` entries may name their key: `key=path`.
    for (const entry of list(field(generator, 'files'))) add(typeof entry === 'string' ? entry.slice(entry.indexOf('=') + 1) : entry);
    list(field(generator, 'envs')).forEach(add);
    add(field(generator, 'env'));
  }
  return paths;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function slashes(path: string): string {
  return path.replace(/\\/g, '/');
}
