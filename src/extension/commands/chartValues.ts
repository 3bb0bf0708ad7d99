import { basename, relative } from 'node:path';
import * as vscode from 'vscode';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import { DEFAULT_HELM_CHOICES, type HelmChoices } from '../../tools/renderTarget.js';
import { INSTALL_URLS, ToolError } from '../../tools/toolCommand.js';
import { settings } from '../config.js';
import { saveChartChoices, savedChartChoices } from '../topology/chartChoices.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The choices for a chart: the saved ones, or asked for (and saved) the first time. Undefined when the user cancels. */
export async function chartChoicesFor(state: vscode.Memento, target: RenderTarget, ask = false): Promise<HelmChoices | undefined> {
  const saved = savedChartChoices(state, target.root);
  if (saved && !ask) return saved;
  const picked = await askChartChoices(target, saved);
  if (picked) await saveChartChoices(state, target.root, picked);
  return picked;
}

/** Values files (those in the chart, or any file browsed to), then the release name and namespace. */
async function askChartChoices(target: RenderTarget, previous: HelmChoices | undefined): Promise<HelmChoices | undefined> {
  const chart = basename(target.root);
  const valuesFiles = await pickValuesFiles(target, previous?.valuesFiles ?? [], chart);
  if (valuesFiles === undefined) return undefined;
  const release = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release name for {0}', chart),
    value: previous?.release ?? chart,
    validateInput: (value) => (DNS_LABEL.test(value) && value.length <= 53 ? undefined : vscode.l10n.t('Lower-case letters, digits and -')),
  });
  if (release === undefined) return undefined;
  const namespace = await vscode.window.showInputBox({
    title: vscode.l10n.t('Namespace of release {0}', release),
    value: previous?.namespace ?? (settings.defaultNamespace() || DEFAULT_HELM_CHOICES.namespace),
    validateInput: (value) => (DNS_LABEL.test(value) && value.length <= 63 ? undefined : vscode.l10n.t('Lower-case letters, digits and -')),
  });
  return namespace === undefined ? undefined : { valuesFiles, release, namespace };
}

async function pickValuesFiles(target: RenderTarget, previous: readonly string[], chart: string): Promise<string[] | undefined> {
  type Item = vscode.QuickPickItem & { readonly path?: string };
  const pattern = new vscode.RelativePattern(vscode.Uri.file(target.root), '**/*values*.{yaml,yml}');
  const found = (await vscode.workspace.findFiles(pattern, '**/{charts,templates,node_modules}/**', 200)).map((uri) => uri.fsPath);
  const own = `${target.root}/values.yaml`;
  const paths = [...new Set([...found.filter((path) => path !== own), ...previous])].sort();
  const items: Item[] = paths.map((path) => ({ label: relative(target.root, path), path, picked: previous.includes(path) }));
  const browse: Item = { label: vscode.l10n.t('$(folder-opened) Browse for another values file…'), alwaysShow: true };
  const picked = await vscode.window.showQuickPick([...items, browse], {
    title: vscode.l10n.t('Values files for {0} (after its values.yaml, in this order)', chart),
    placeHolder: vscode.l10n.t('Pick none for the chart’s own values'),
    canPickMany: true,
  });
  if (picked === undefined) return undefined;
  const chosen = picked.flatMap((item) => (item.path ? [item.path] : []));
  if (picked.includes(browse)) {
    const more = await vscode.window.showOpenDialog({
      canSelectMany: true,
      defaultUri: vscode.Uri.file(target.root),
      filters: { YAML: ['yaml', 'yml'] },
      title: vscode.l10n.t('Values files for {0}', chart),
    });
    chosen.push(...(more ?? []).map((uri) => uri.fsPath).filter((path) => !chosen.includes(path)));
  }
  return chosen;
}

/** A render that cannot start: the message, and buttons to install the tool or open its setting. */
export async function showRenderFailure(error: unknown): Promise<void> {
  if (!(error instanceof ToolError)) throw error;
  const settingsButton = vscode.l10n.t('Open Setting');
  const installButton = vscode.l10n.t('How to Install');
  const fixable = error.problem === 'missing' || error.problem === 'too-old';
  const buttons = fixable ? [installButton, settingsButton] : [];
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Kubilitics: {0}', error.message), ...buttons);
  if (choice === installButton) await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URLS[error.tool]));
  if (choice === settingsButton) await vscode.commands.executeCommand('workbench.action.openSettings', `kubilitics.${error.tool}.path`);
}
