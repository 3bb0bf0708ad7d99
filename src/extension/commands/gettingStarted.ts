import * as vscode from 'vscode';
import type { TopologyPanels } from '../topology/panels.js';

/** The walkthrough's id inside package.json `contributes.walkthroughs`. */
export const WALKTHROUGH_ID = 'gettingStarted';

/** Where the build puts the bundled example (scripts/build.mjs copies examples/shop there; the .vsix carries dist/data). */
const BUNDLED_EXAMPLE = ['dist', 'data', 'examples', 'shop'] as const;

/**
 * "Kubilitics: Open Example Topology": the bundled example shop, drawn. The view opens a copy in the extension's global
 * storage rather than the installed files: Go to YAML lands there and the user may edit and save it, which must not
 * change the extension's own files (an update would lose the edits, and the next user would see them). One copy per
 * extension version, made once, so edits survive reopening.
 */
export async function openExample(panels: TopologyPanels, context: vscode.ExtensionContext): Promise<void> {
  const bundled = vscode.Uri.joinPath(context.extensionUri, ...BUNDLED_EXAMPLE);
  const version = String(context.extension.packageJSON['version'] ?? 'dev');
  const copy = vscode.Uri.joinPath(context.globalStorageUri, 'examples', version, 'shop');
  if (!(await exists(copy))) {
    if (!(await exists(bundled))) {
      throw new Error(vscode.l10n.t('the bundled example is missing from this installation ({0})', bundled.fsPath));
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(copy, '..'));
    await vscode.workspace.fs.copy(bundled, copy, { overwrite: false });
  }
  await panels.openManifests([copy]);
}

/** "Kubilitics: Get Started": the walkthrough, for users who closed it or never saw it (see README, First run). */
export async function openWalkthrough(context: vscode.ExtensionContext): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}

/** globalState key: the walkthrough was opened once for this user (synced, so a second machine does not repeat it). */
const WALKTHROUGH_SHOWN = 'kubilitics.walkthroughShown';

/**
 * Opens the walkthrough once, at the extension's first activation. VS Code opens a walkthrough by itself only when
 * the extension is installed in the running window and the window saw the install happen; code-server 1.139 did not
 * open it after an install from the Extensions view nor from the command line (both verified), and an extension that
 * came preinstalled (a Dev Container's list, `code --install-extension` before start) never gets that moment. The
 * first activation (the Kubilitics view opened, a command run) is the first time the user turns to Kubilitics, so
 * no eager activation event is needed for it. `workbench.welcomePage.walkthroughs.openOnInstall: false` is obeyed.
 */
export async function showWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  context.globalState.setKeysForSync([WALKTHROUGH_SHOWN]);
  if (context.globalState.get<boolean>(WALKTHROUGH_SHOWN)) return;
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return;
  await context.globalState.update(WALKTHROUGH_SHOWN, true);
  await openWalkthrough(context);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
