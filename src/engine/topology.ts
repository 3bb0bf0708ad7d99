import { loadManifestPaths, type LoadedManifests } from './intake/files.js';
import type { IntakeWarning } from './intake/manifests.js';
import { TopologyEngine, type EngineOptions } from './graph/engine.js';

export interface ManifestTopology {
  readonly engine: TopologyEngine;
  readonly manifests: LoadedManifests;
  /** Intake warnings and engine warnings (duplicates, objects without names), with file and line. */
  readonly warnings: readonly IntakeWarning[];
}

/** Files and folders → engine: the one call the CLI, the extension's YAML mode and the tests share. */
export async function topologyFromPaths(paths: readonly string[], options: EngineOptions & { root?: string } = {}): Promise<ManifestTopology> {
  const manifests = await loadManifestPaths(paths, options.root);
  const engine = TopologyEngine.build(manifests.objects, options);
  return { engine, manifests, warnings: [...manifests.warnings, ...engineWarnings(engine)] };
}

/** The engine's own warnings (duplicates, objects without names) in the intake's shape, with file and line. */
export function engineWarnings(engine: TopologyEngine): IntakeWarning[] {
  return engine.warnings.map((warning) => ({
    file: warning.source?.file ?? '', line: warning.source?.line ?? 1, severity: 'error' as const, message: warning.message,
  }));
}
