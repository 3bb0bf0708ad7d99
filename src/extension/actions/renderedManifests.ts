/**
 * What Apply to Cluster and Compare with Cluster send for a kustomization or a Helm chart: the objects its tool
 * renders, each at the overlay, base or template file it came from. Never the overlay's own files read as manifests:
 * a patch is not an object, and a kustomization.yaml is no API kind.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { itemsToApply, type ApplyItem } from '../../engine/actions/applyManifests.js';
import type { SourceLocation } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import type { HelmChoices } from '../../tools/renderTarget.js';
import { showRenderFailure } from '../commands/chartValues.js';
import { fileUriUnder, renderOnce, renderRootOf, shownFileName } from '../topology/renderRun.js';
import type { ApplySource } from './applySource.js';
import type { AppliedText } from './applyDiagnostics.js';

export interface RenderedManifests extends ApplySource {
  /** Helm: the release namespace, given to namespaced objects that name none (as `helm install -n` does). */
  readonly namespace?: string;
}

const identity = (object: KubeObject): string =>
  [object.apiVersion, object.kind, object.metadata?.namespace ?? '', object.metadata?.name ?? ''].join('\u0000');

/**
 * Renders `target` once and reads its output as Apply reads a file: Secrets whole, as the tool wrote them (the view's
 * objects hold no Secret data). Each object is placed where the view places it: its template, overlay or base file.
 */
export async function renderedManifests(
  target: RenderTarget,
  choices: HelmChoices | undefined,
  signal?: AbortSignal,
): Promise<RenderedManifests> {
  const root = renderRootOf(target);
  const result = await renderOnce(target, choices, root, signal);
  const marker = shownFileName(root, target.marker);
  const read = itemsToApply(result.output, `${marker} (rendered by ${target.tool})`);
  const placed = new Map<string, SourceLocation>();
  for (const { object, source } of result.set.parsed.objects) if (!placed.has(identity(object))) placed.set(identity(object), source);
  const items: ApplyItem[] = read.items.map((item) => ({ ...item, source: placed.get(identity(item.object)) ?? item.source }));
  return {
    items,
    warnings: [...result.set.parsed.warnings],
    files: [vscode.workspace.asRelativePath(target.root)],
    kustomization: target.tool === 'kustomize',
    texts: await textsOf(items, root),
    ...(result.namespace === undefined ? {} : { namespace: result.namespace }),
  };
}

/** As `renderedManifests`; a tool's failure (missing, too old, a template error) is shown to the user, and gives undefined. */
export function renderedManifestsOrReport(target: RenderTarget, choices: HelmChoices | undefined): Promise<RenderedManifests | undefined> {
  return renderedManifests(target, choices).catch((error: unknown) => showRenderFailure(error).then(() => undefined));
}

/** The files objects are placed in, read, so a field the server refuses is shown at its line where it can be found. */
async function textsOf(items: readonly ApplyItem[], root: string): Promise<Map<string, AppliedText>> {
  const texts = new Map<string, AppliedText>();
  for (const file of new Set(items.map((item) => item.source.file))) {
    const uri = fileUriUnder(root, file);
    const text = await readFile(uri.fsPath, 'utf8').catch(() => undefined);
    if (text !== undefined) texts.set(file, { uri, text });
  }
  return texts;
}
