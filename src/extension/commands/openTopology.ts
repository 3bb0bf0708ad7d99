import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { TopologyPanels } from '../topology/panels.js';
import { orderTopologyChoices, type TopologyTarget } from './topologyChoices.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** "Open in Topology" from the explorer (one or many selected), the editor title or context menu. */
export async function openInTopology(
  panels: TopologyPanels,
  clusters: ClusterManager,
  uri?: vscode.Uri,
  selected?: readonly vscode.Uri[],
): Promise<void> {
  const targets = selected && selected.length > 0 ? selected : uri instanceof vscode.Uri ? [uri] : activeManifest();
  if (targets.length === 0) {
    await openTopology(panels, clusters);
    return;
  }
  await panels.openManifests(targets);
}

/** "Kubilitics: Open Topology" from the command palette: pick what to show, with what can work preselected. */
export async function openTopology(panels: TopologyPanels, clusters: ClusterManager): Promise<void> {
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
  else await panels.openManifests(picked.uris);
}

function activeManifest(): vscode.Uri[] {
  const document = vscode.window.activeTextEditor?.document;
  return document && (document.languageId === 'yaml' || MANIFEST_FILE.test(document.uri.path)) && !document.isUntitled
    ? [document.uri]
    : [];
}
