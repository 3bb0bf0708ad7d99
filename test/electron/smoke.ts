/** Runs inside the desktop VS Code extension host: the installed extension opens the bundled example. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'kubilitics');
  assert.ok(extension, 'the Kubilitics extension is installed');
  const commands = await vscode.commands.getCommands(true);
  for (const command of ['kubilitics.openTopology', 'kubilitics.openInTopology', 'kubilitics.selectContext']) {
    assert.ok(commands.includes(command), `${command} is registered`);
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples folder is open');
  await vscode.commands.executeCommand('kubilitics.openInTopology', vscode.Uri.joinPath(folder.uri, 'shop'));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    if (tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Manifests: '))) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  assert.ok(
    tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Manifests: shop'),
    `a topology tab opened; tabs: ${tabs.map((t) => t.label).join(', ')}`,
  );
  const diagnostics = vscode.languages.getDiagnostics().filter(([uri]) => uri.path.includes('/shop/'));
  assert.ok(
    diagnostics.some(([, list]) => list.some((d) => d.source === 'Kubilitics')),
    'broken references reach the Problems panel',
  );
}
