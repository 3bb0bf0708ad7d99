import * as vscode from 'vscode';
import type { TopologyPanels } from '../topology/panels.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** "Open in Topology" from the explorer (one or many selected), the editor title or context menu. */
export async function openInTopology(panels: TopologyPanels, uri?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<void> {
  const targets = selected && selected.length > 0 ? selected : uri ? [uri] : activeManifest();
  if (targets.length === 0) {
    await openTopology(panels);
    return;
  }
  await panels.openManifests(targets);
}

/** "Kubilitics: Open Topology" from the command palette: pick what to show. */
export async function openTopology(panels: TopologyPanels): Promise<void> {
  type Choice = vscode.QuickPickItem & { readonly uris: readonly vscode.Uri[] };
  const choices: Choice[] = [];
  for (const uri of activeManifest()) {
    choices.push({ label: '$(file) Active file', description: vscode.workspace.asRelativePath(uri), uris: [uri] });
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    choices.push({ label: `$(folder) ${folder.name}`, description: 'all manifests in the folder', uris: [folder.uri] });
  }
  if (choices.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'Kubilitics: open a folder or a YAML file with Kubernetes manifests to see its topology.', 'Open Folder…');
    if (choice) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return;
  }
  const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: 'Kubilitics: Open Topology', placeHolder: 'What to show' });
  if (picked) await panels.openManifests(picked.uris);
}

function activeManifest(): vscode.Uri[] {
  const document = vscode.window.activeTextEditor?.document;
  return document && (document.languageId === 'yaml' || MANIFEST_FILE.test(document.uri.path)) && !document.isUntitled ? [document.uri] : [];
}
