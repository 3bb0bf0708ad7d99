import * as l10n from '@vscode/l10n';
import { relative } from 'node:path';
import type { Finding } from './findings.js';
import { TopologyEngine, type EngineOptions } from './graph/engine.js';
import type { EngineWarning } from './graph/engineWarning.js';
import { computeInsights } from './insights.js';
import { deploymentSetOf } from './intake/deploymentSets.js';
import { kustomizationGenerated } from './intake/kustomizations.js';
import { loadManifestPaths, type LoadedManifests } from './intake/files.js';
import type { ManifestSet } from './intake/manifestSet.js';
import type { IntakeLimits } from './intake/limits.js';
import type { IntakeWarning } from './intake/manifestTypes.js';
import { parseId } from './model/kinds.js';

export interface ManifestTopology {
  readonly engine: TopologyEngine;
  readonly manifests: LoadedManifests;
  /** Intake problems, engine problems (duplicates, objects without names) and insights, with file and line. */
  readonly findings: readonly Finding[];
}

/**
 * Files and folders → engine, for the CLI and the tests. The extension's YAML mode reads files through the
 * workspace file system instead (ManifestSource), under the same file rules (intake/fileRules.ts), and
 * reports through the same `manifestFindings`.
 */
export async function topologyFromPaths(
  paths: readonly string[],
  options: EngineOptions & { root?: string; limits?: IntakeLimits } = {},
): Promise<ManifestTopology> {
  const manifests = await loadManifestPaths(paths, options.root, options.limits);
  const engine = TopologyEngine.build(manifests.objects, options);
  const opened = paths.map((path) => (options.root ? relative(options.root, path) : path));
  const setOf = deploymentSetOf(manifests.files, opened);
  return { engine, manifests, findings: manifestFindings({ intake: manifests.warnings, engine, setOf }) };
}

/**
 * The extension's YAML mode: the files of an editor session (ManifestSet) → engine and findings. `opened` are
 * the files and folders the user chose, named as the set names its files.
 */
export function topologyFromManifestSet(set: ManifestSet, opened: readonly string[], options: EngineOptions = {}): ManifestSetTopology {
  const engine = TopologyEngine.build(set.objects(), options);
  const setOf = deploymentSetOf(set.fileNames(), opened);
  return { engine, findings: manifestFindings({ intake: set.warnings(), engine, setOf }) };
}

export interface ManifestSetTopology {
  readonly engine: TopologyEngine;
  readonly findings: Finding[];
}

export interface ManifestFindingsInput {
  readonly intake: readonly IntakeWarning[];
  readonly engine: TopologyEngine;
  /** The deployment set of each file (intake/deploymentSets.ts): duplicates count only within one set. */
  readonly setOf: (file: string) => string;
}

/** Everything to report about a set of manifests, in one list: what the CLI and the extension both show. */
export function manifestFindings(input: ManifestFindingsInput): Finding[] {
  const { engine } = input;
  const generatedBy = kustomizationGenerated(input.intake);
  const insights = computeInsights({ graph: engine.graph(), record: (id) => engine.record(id), manifests: true, generatedBy });
  return [...input.intake.map(intakeFinding), ...engine.warnings.map((warning) => engineFinding(warning, input.setOf)), ...insights];
}

function intakeFinding(warning: IntakeWarning): Finding {
  return {
    severity: warning.severity === 'error' ? 'error' : 'info',
    kind: warning.problem ?? 'intake',
    message: warning.message,
    objects: [],
    ...(warning.file ? { source: { file: warning.file, line: warning.line } } : {}),
  };
}

/** A duplicate across deployment sets is not deployed together: a note that it is drawn once, not an error. */
function engineFinding(warning: EngineWarning, setOf: (file: string) => string): Finding {
  const source = warning.source ? { source: warning.source } : {};
  const duplicate = warning.duplicate;
  if (!duplicate) return { severity: 'error', kind: 'malformed-object', message: warning.message, objects: [], ...source };
  const here = warning.source ? setOf(warning.source.file) : undefined;
  const there = duplicate.kept ? setOf(duplicate.kept.file) : undefined;
  if (here === undefined || there === undefined || here === there) {
    return { severity: 'error', kind: 'duplicate', message: warning.message, objects: [duplicate.id], ...source };
  }
  const { kind, namespace, name } = parseId(duplicate.id);
  const where = `${duplicate.kept!.file}:${duplicate.kept!.line}`;
  return {
    severity: 'info',
    kind: 'defined-in-several-sets',
    message: l10n.t(
      '{0} is defined in {1} and in {2}, which are not deployed together; drawn once, from {3}',
      `${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      here,
      there,
      where,
    ),
    objects: [duplicate.id],
    ...source,
  };
}
