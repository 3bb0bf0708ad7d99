/**
 * Rendered charts and overlays, and plain manifests beside them, → one engine and one list of findings. Each render is
 * one deployment set (what `helm install` or `kubectl apply -k` applies together): a duplicate inside a render is an
 * error, one across two renders or a render and a plain folder is a note, as for plain folders
 * (intake/deploymentSets.ts).
 */
import { TopologyEngine, type EngineOptions } from '../graph/engine.js';
import { deploymentSetOf } from '../intake/deploymentSets.js';
import type { LoadedManifests } from '../intake/files.js';
import type { ParsedManifests } from '../intake/manifestTypes.js';
import { manifestFindings, type ManifestTopology } from '../topology.js';

export interface RenderedSet {
  /** The chart or kustomization folder, as findings name files: the set's name. */
  readonly root: string;
  readonly parsed: ParsedManifests;
}

export interface RenderedTopologyInput {
  readonly rendered: readonly RenderedSet[];
  /** Plain files and folders read beside the renders, and the paths the user gave for them. */
  readonly plain?: { readonly manifests: LoadedManifests; readonly opened: readonly string[] };
}

export function topologyFromRendered(input: RenderedTopologyInput, options: EngineOptions = {}): ManifestTopology {
  const setOfRendered = new Map<string, string>();
  for (const set of input.rendered) {
    for (const { source } of set.parsed.objects) setOfRendered.set(source.file, set.root);
  }
  const plain = input.plain?.manifests ?? { files: [], objects: [], warnings: [] };
  const setOfPlain = deploymentSetOf(plain.files, input.plain?.opened ?? []);
  const manifests: LoadedManifests = {
    files: [...new Set([...plain.files, ...setOfRendered.keys()])].sort(),
    objects: [...plain.objects, ...input.rendered.flatMap((set) => set.parsed.objects)],
    warnings: [...plain.warnings, ...input.rendered.flatMap((set) => set.parsed.warnings)],
  };
  const engine = TopologyEngine.build(manifests.objects, options);
  const setOf = (file: string): string => setOfRendered.get(file) ?? setOfPlain(file);
  return { engine, manifests, findings: manifestFindings({ intake: manifests.warnings, engine, setOf }) };
}
