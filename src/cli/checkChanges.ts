/**
 * What `render --check` says besides "out of date": when a JSON or YAML export is among the outputs, the committed one
 * is the state before, and the export that would be written now the state after, so the check can tell what changed
 * in the topology (added and removed objects, changed relations, new broken references) rather than only that bytes
 * differ. Both sides go through the same reader, so they are compared alike.
 */
import { readFile } from 'node:fs/promises';
import { renderJson } from '../engine/export/data.js';
import { topologyChanges, type TopologyChanges } from '../engine/export/exportDiff.js';
import { ExportReadError, readExport } from '../engine/export/readExport.js';
import type { Scene } from '../engine/export/scene.js';
import { changesText } from './changesReport.js';
import type { OutputFile } from './renderArgs.js';

/** The changes since the first committed export among `outputs` that can be read, or undefined if there is none. */
export async function changesSinceCommittedExport(scene: Scene, outputs: readonly OutputFile[]): Promise<TopologyChanges | undefined> {
  for (const output of outputs) {
    if (output.format !== 'json' && output.format !== 'yaml') continue;
    const committed = await readFile(output.path, 'utf8').catch(() => undefined);
    if (committed === undefined) continue;
    try {
      const before = readExport(committed, output.path);
      const after = readExport(renderJson(scene), 'the manifests');
      return topologyChanges(before.graph, after.graph);
    } catch (error) {
      if (!(error instanceof ExportReadError)) throw error;
    }
  }
  return undefined;
}

/** Lines to print after the "out of date" ones: the changes, or how to have them listed. */
export async function staleTopologyLines(scene: Scene, outputs: readonly OutputFile[]): Promise<string[]> {
  const changes = await changesSinceCommittedExport(scene, outputs);
  return changes === undefined
    ? ['kubilitics: add a .json output (-o topology.json) to have --check list what changed in the topology']
    : changesText(changes);
}
