import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The "Kubilitics" log, created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Kubilitics', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}

/** Shows an error with a next step, and logs it with detail; never swallows it. `summary` is shown: pass it localised. */
export async function reportError(summary: string, error: unknown, nextStep?: { label: string; run: () => unknown }): Promise<void> {
  const detail = error instanceof Error ? error.message : String(error);
  log().error(`${summary}: ${detail}`, error instanceof Error && error.stack ? error.stack : '');
  const showLog = vscode.l10n.t('Show Log');
  const actions = nextStep ? [nextStep.label, showLog] : [showLog];
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Kubilitics: {0}: {1}', summary, detail), ...actions);
  if (choice === showLog) log().show(true);
  else if (nextStep && choice === nextStep.label) await nextStep.run();
}
