import { isAbsolute, join, relative } from 'node:path';
import * as vscode from 'vscode';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import { renderTarget, type HelmChoices, type RenderResult } from '../../tools/renderTarget.js';
import { settings } from '../config.js';

/**
 * One render of a chart or kustomization with the user's tool settings (restricted in an untrusted workspace), as the
 * view, Apply to Cluster and Compare with Cluster all run it, so all three see the same objects from the same files.
 */

/** The folder file names are shown relative to: the workspace folder of the chart or overlay, else its parent. */
export function renderRootOf(target: RenderTarget): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.root))?.uri.fsPath ?? join(target.root, '..');
}

/** A file as findings name it: relative to `root`, `/`-separated, or absolute when it lies outside. */
export function shownFileName(root: string, absolute: string): string {
  const name = relative(root, absolute).replace(/\\/g, '/');
  return name.startsWith('../') || isAbsolute(name) ? absolute.replace(/\\/g, '/') : name;
}

/** The file a shown name stands for. */
export function fileUriUnder(root: string, name: string): vscode.Uri {
  return vscode.Uri.file(isAbsolute(name) ? name : join(root, name));
}

export function renderOnce(
  target: RenderTarget,
  choices: HelmChoices | undefined,
  root: string,
  signal?: AbortSignal,
): Promise<RenderResult> {
  return renderTarget({
    target,
    ...(choices ? { helm: choices } : {}),
    // In Restricted Mode the workspace's files must not make helm or kustomize run git or fetch from other hosts.
    tools: { paths: settings.toolPaths(), pointAt: (tool) => `set kubilitics.${tool}.path`, sealed: !vscode.workspace.isTrusted },
    shownName: (absolute) => shownFileName(root, absolute),
    limits: settings.intakeLimits(),
    ...(signal ? { signal } : {}),
  });
}
