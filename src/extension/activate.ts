import * as vscode from 'vscode';
import { openInTopology, openTopology } from './commands/openTopology.js';
import { DisposableStore } from './lifetime.js';
import { disposeLog, log, reportError } from './log.js';
import { ManifestDiagnostics } from './topology/diagnostics.js';
import { TopologyPanels } from './topology/panels.js';

let extensionLifetime: DisposableStore | undefined;

/** Wires the extension together; owns nothing itself beyond the extension lifetime. */
export function activate(context: vscode.ExtensionContext): void {
  const lifetime = new DisposableStore();
  extensionLifetime = lifetime;
  context.subscriptions.push(lifetime);
  try {
    const diagnostics = lifetime.register(new ManifestDiagnostics());
    const panels = lifetime.register(new TopologyPanels(context, diagnostics));
    const command = (id: string, run: (...args: never[]) => Promise<void>): void => {
      lifetime.register(vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          await run(...args);
        } catch (error) {
          await reportError(`${id.replace('kubilitics.', '')} failed`, error);
        }
      }));
    };
    command('kubilitics.openTopology', () => openTopology(panels));
    command('kubilitics.openInTopology', (uri?: vscode.Uri, selected?: vscode.Uri[]) => openInTopology(panels, uri, selected));
    command('kubilitics.showLog', async () => log().show(true));
    log().info(`Kubilitics ${String(context.extension.packageJSON['version'])} activated`);
  } catch (error) {
    void reportError('activation failed', error);
    throw error;
  }
}

export function deactivate(): void {
  extensionLifetime?.dispose();
  extensionLifetime = undefined;
  disposeLog();
}
