import * as vscode from 'vscode';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import { renderTargetOf } from '../../engine/render/renderTarget.js';
import type { HelmChoices } from '../../tools/renderTarget.js';

const CHOICES_KEY = 'kubilitics.chartChoices';

/** The values files, release name and namespace last used for a chart (workspace state, keyed by the chart folder's URI). */
export function savedChartChoices(state: vscode.Memento, chartRoot: string): HelmChoices | undefined {
  const saved = state.get<Record<string, unknown>>(CHOICES_KEY, {})[vscode.Uri.file(chartRoot).toString()];
  return isChoices(saved) ? saved : undefined;
}

export async function saveChartChoices(state: vscode.Memento, chartRoot: string, choices: HelmChoices): Promise<void> {
  const all = { ...state.get<Record<string, unknown>>(CHOICES_KEY, {}), [vscode.Uri.file(chartRoot).toString()]: choices };
  await state.update(CHOICES_KEY, all);
}

/** Workspace state is ours, but a hand-edited or older shape must not reach helm's command line unchecked. */
function isChoices(value: unknown): value is HelmChoices {
  if (value === null || typeof value !== 'object') return false;
  const { valuesFiles, release, namespace } = value as Record<string, unknown>;
  return (
    Array.isArray(valuesFiles) &&
    valuesFiles.every((file) => typeof file === 'string') &&
    typeof release === 'string' &&
    typeof namespace === 'string'
  );
}

/** The chart or kustomization a file or folder is (Chart.yaml, kustomization.yaml or their folder), with absolute paths. */
export async function renderTargetOfUri(uri: vscode.Uri): Promise<RenderTarget | undefined> {
  if (uri.scheme !== 'file') return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    const isFolder = (stat.type & vscode.FileType.Directory) !== 0;
    const names = isFolder ? (await vscode.workspace.fs.readDirectory(uri)).map(([name]) => name) : [];
    return renderTargetOf(uri.fsPath, isFolder, names);
  } catch {
    return undefined;
  }
}
