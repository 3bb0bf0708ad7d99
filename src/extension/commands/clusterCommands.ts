import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { TopologyPanels } from '../topology/panels.js';
import type { ResourcesTree } from '../views/resourcesTree.js';
import type { ResourceItem } from '../views/resourceTreeModel.js';

/** Context quick pick: every context with its cluster and user; switching tears the old connection down first. */
export async function selectContext(manager: ClusterManager): Promise<void> {
  if (manager.contexts().length === 0) await manager.reload();
  const contexts = manager.contexts();
  if (contexts.length === 0) {
    if (manager.kubeconfigState === 'absent') await manager.explainAbsentKubeconfig();
    return;
  }
  const picked = await vscode.window.showQuickPick(
    contexts.map((context) => ({
      label: context.name === manager.contextName ? `$(check) ${context.name}` : context.name,
      description: `${context.cluster ?? '?'} · ${context.user ?? '?'}${context.namespace ? ` · ${context.namespace}` : ''}`,
      detail: context.problem ? `$(warning) ${context.problem}` : (context.server ?? ''),
      name: context.name,
    })),
    {
      title: vscode.l10n.t('Kubilitics: Select Context'),
      placeHolder: vscode.l10n.t('kubeconfig: {0}', manager.kubeconfigFiles.join(', ') || vscode.l10n.t('none')),
      matchOnDescription: true,
    },
  );
  if (picked) await manager.switchContext(picked.name);
}

export async function selectKubeconfig(manager: ClusterManager): Promise<void> {
  const files = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Kubilitics: Select Kubeconfig File'),
    canSelectMany: false,
    openLabel: vscode.l10n.t('Use this kubeconfig'),
  });
  if (!files?.[0]) return;
  await vscode.workspace.getConfiguration('kubilitics').update('kubeconfig', files[0].fsPath, vscode.ConfigurationTarget.Global);
  await manager.reload();
}

export async function openClusterTopology(manager: ClusterManager, panels: TopologyPanels): Promise<void> {
  if (!manager.session) await manager.reload();
  if (!manager.session) {
    if (manager.kubeconfigState === 'absent') await manager.explainAbsentKubeconfig();
    return;
  }
  panels.openCluster();
}

export async function revealInTopology(
  manager: ClusterManager,
  panels: TopologyPanels,
  item: ResourceItem | undefined,
  neighbourhood: boolean,
): Promise<void> {
  if (!item || item.type !== 'object') return;
  if (!manager.session) return;
  panels.openCluster().focus(item.id, neighbourhood);
}

export async function filterResources(tree: ResourcesTree): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Kubilitics: Filter Resources'),
    prompt: vscode.l10n.t('Part of a name, or a kind (e.g. Pod)'),
  });
  if (text !== undefined) tree.setFilter(text);
}
