/**
 * Confirmations before a change: a modal that names exactly what changes, and on a protected context (a name matching
 * `kubilitics.actions.protectedContexts`) the context's name typed back. Nothing runs on Escape or a wrong name.
 */
import * as vscode from 'vscode';
import { DEFAULT_PROTECTED_PATTERN, protectionRule } from '../../engine/actions/protectedContext.js';
import { log } from '../log.js';

/** How many objects a confirmation names before "and N more". */
const LISTED = 12;

export function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).map((name) => `• ${name}`);
  if (names.length > LISTED) shown.push(vscode.l10n.t('… and {0} more', names.length - LISTED));
  return shown.join('\n');
}

/** User settings only: a repository's settings must not switch the protection of a production context off. */
function protectedPattern(): string {
  const value = vscode.workspace.getConfiguration('kubilitics').inspect<unknown>('actions.protectedContexts')?.globalValue;
  return typeof value === 'string' ? value : DEFAULT_PROTECTED_PATTERN;
}

/** A modal with one button; true only when that button was chosen. */
export async function confirmModal(message: string, detail: string, button: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

/** On a protected context, asks for its name; elsewhere it passes. */
export async function confirmProtected(context: string, what: string): Promise<boolean> {
  const rule = protectionRule(protectedPattern());
  if (rule.problem) log().warn(rule.problem);
  if (!rule.matches(context)) return true;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} on protected context {1}', what, context),
    prompt: vscode.l10n.t('Context "{0}" is protected (kubilitics.actions.protectedContexts). Type its name to go on.', context),
    placeHolder: context,
    ignoreFocusOut: true,
    validateInput: (value) => (value === '' || value === context ? undefined : vscode.l10n.t('The name does not match.')),
  });
  return typed === context;
}
