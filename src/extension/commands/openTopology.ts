import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import { renderTargetOfUri } from '../topology/chartChoices.js';
import type { TopologyPanels } from '../topology/panels.js';
import { RenderedSource } from '../topology/renderedSource.js';
import { chartChoicesFor, showRenderFailure } from './chartValues.js';
import { orderTopologyChoices, type TopologyTarget } from './topologyChoices.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** "Open in Topology" from the explorer (one or many selected), the editor title or context menu. */
export async function openInTopology(
  panels: TopologyPanels,
  clusters: ClusterManager,
  state: vscode.Memento,
  uri?: vscode.Uri,
  selected?: readonly vscode.Uri[],
): Promise<void> {
  const targets = selected && selected.length > 0 ? selected : uri instanceof vscode.Uri ? [uri] : activeManifest();
  if (targets.length === 0) {
    await openTopology(panels, clusters, state);
    return;
  }
  // A chart or kustomization (its folder, Chart.yaml or kustomization.yaml) is rendered, never read as plain YAML.
  const rendered = targets.length === 1 ? await renderTargetOfUri(targets[0]!) : undefined;
  if (rendered) {
    await openRendered(panels, state, rendered);
    return;
  }
  await panels.openManifests(targets);
}

/** A chart asks for its values files, release and namespace the first time (remembered); a kustomization just renders. */
async function openRendered(panels: TopologyPanels, state: vscode.Memento, target: RenderTarget): Promise<void> {
  const choices = target.tool === 'helm' ? await chartChoicesFor(state, target) : undefined;
  if (target.tool === 'helm' && !choices) return;
  await panels.openRendered(target, choices).catch(showRenderFailure);
}

/**
 * "Kubilitics: Change Chart Values…": the values files, release and namespace of the chart in the active view, or of
 * the chart the command was run on; the view renders again with them.
 */
export async function changeChartValues(panels: TopologyPanels, state: vscode.Memento, uri?: vscode.Uri): Promise<void> {
  const fromUri = uri instanceof vscode.Uri ? await renderTargetOfUri(uri) : undefined;
  const active = panels.active?.source;
  const target = fromUri ?? (active instanceof RenderedSource ? active.target : undefined);
  if (!target || target.tool !== 'helm') {
    await vscode.window.showInformationMessage(
      vscode.l10n.t('Open a Helm chart in Topology first (Open in Topology on its Chart.yaml or folder).'),
    );
    return;
  }
  const choices = await chartChoicesFor(state, target, true);
  if (choices) await panels.openRendered(target, choices).catch(showRenderFailure);
}

/** "Kubilitics: Open Topology" from the command palette: pick what to show, with what can work preselected. */
export async function openTopology(panels: TopologyPanels, clusters: ClusterManager, state: vscode.Memento): Promise<void> {
  type Choice = vscode.QuickPickItem & { readonly target: TopologyTarget; readonly uris: readonly vscode.Uri[] };
  const kubeconfig = clusters.contextName ? 'loaded' : await clusters.probeKubeconfig();
  const clusterDescription =
    clusters.contextName ??
    (kubeconfig === 'absent'
      ? vscode.l10n.t('no kubeconfig found')
      : kubeconfig === 'broken'
        ? vscode.l10n.t('the kubeconfig cannot be used')
        : vscode.l10n.t('pick a kubeconfig context'));
  const live = `$(cloud) ${vscode.l10n.t('Live cluster')}`;
  const choices: Choice[] = [{ label: live, description: clusterDescription, target: 'cluster', uris: [] }];
  for (const uri of activeManifest()) {
    const label = `$(file) ${vscode.l10n.t('Active file')}`;
    choices.push({ label, description: vscode.workspace.asRelativePath(uri), target: 'active-file', uris: [uri] });
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const description = vscode.l10n.t('all manifests in the folder');
    choices.push({ label: `$(folder) ${folder.name}`, description, target: 'folder', uris: [folder.uri] });
  }
  const ordered = orderTopologyChoices(choices, kubeconfig === 'loaded');
  const picked = await vscode.window.showQuickPick(ordered, {
    title: vscode.l10n.t('Kubilitics: Open Topology'),
    placeHolder: vscode.l10n.t('What to show'),
  });
  if (!picked) return;
  if (picked.target === 'cluster') await vscode.commands.executeCommand('kubilitics.openClusterTopology');
  else await openInTopology(panels, clusters, state, picked.uris[0], picked.uris);
}

function activeManifest(): vscode.Uri[] {
  const document = vscode.window.activeTextEditor?.document;
  return document && (document.languageId === 'yaml' || MANIFEST_FILE.test(document.uri.path)) && !document.isUntitled
    ? [document.uri]
    : [];
}
