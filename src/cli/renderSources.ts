/**
 * The render-source step of `render` and `summary`: paths that are Helm charts or kustomizations are rendered with
 * the user's helm or kustomize (src/tools) and drawn with the file each object came from; the other paths are read
 * as plain manifests, as before. A chart folder is never walked as YAML: its templates are not YAML.
 */
import { readdir, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { EngineOptions } from '../engine/graph/engine.js';
import { loadManifestPaths } from '../engine/intake/files.js';
import type { IntakeLimits } from '../engine/intake/limits.js';
import { renderTargetOf, type RenderTarget } from '../engine/render/renderTarget.js';
import { topologyFromRendered, type RenderedSet } from '../engine/render/renderedTopology.js';
import { topologyFromPaths, type ManifestTopology } from '../engine/topology.js';
import { renderTarget } from '../tools/renderTarget.js';
import { ToolError } from '../tools/toolCommand.js';
import { NO_RENDER_SOURCE_FLAGS, type RenderSourceFlags } from './renderArgs.js';

export interface SourceOptions extends EngineOptions {
  readonly root: string;
  readonly limits: IntakeLimits;
  readonly sources?: RenderSourceFlags;
}

export type SourceResult = { readonly ok: true; readonly topology: ManifestTopology } | { readonly ok: false; readonly problem: string };

export async function topologyFromCliPaths(paths: readonly string[], options: SourceOptions): Promise<SourceResult> {
  const targets: RenderTarget[] = [];
  const plain: string[] = [];
  for (const path of paths) {
    const target = await targetOf(path);
    if (target) targets.push(target);
    else plain.push(path);
  }
  const sources = options.sources ?? NO_RENDER_SOURCE_FLAGS;
  const charts = targets.filter((target) => target.tool === 'helm');
  const helmFlags = sources.valuesFiles.length > 0 || sources.release !== undefined || sources.releaseNamespace !== undefined;
  if (helmFlags && charts.length === 0) return { ok: false, problem: '--values, --release and --release-namespace need a Helm chart' };
  if (targets.length === 0) return { ok: true, topology: await topologyFromPaths(paths, options) };
  const rendered: RenderedSet[] = [];
  for (const target of targets) {
    try {
      rendered.push((await renderOne(target, options)).set);
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      return { ok: false, problem: `${relative(options.root, target.root) || '.'}: ${error.message}` };
    }
  }
  const manifests = plain.length > 0 ? await loadManifestPaths(plain, options.root, options.limits) : undefined;
  const opened = plain.map((path) => relative(options.root, path));
  return { ok: true, topology: topologyFromRendered({ rendered, ...(manifests ? { plain: { manifests, opened } } : {}) }, options) };
}

async function renderOne(target: RenderTarget, options: SourceOptions): ReturnType<typeof renderTarget> {
  const sources = options.sources ?? NO_RENDER_SOURCE_FLAGS;
  return renderTarget({
    target: { ...target, root: resolve(target.root), marker: resolve(target.marker) },
    helm: {
      valuesFiles: sources.valuesFiles.map((file) => resolve(file)),
      release: sources.release ?? 'release',
      namespace: sources.releaseNamespace ?? options.defaultNamespace ?? 'default',
    },
    tools: { paths: sources.tools, pointAt: (tool) => `pass --${tool} PATH` },
    shownName: (absolute) => relative(options.root, absolute).replace(/\\/g, '/'),
    limits: options.limits,
  });
}

/**
 * What a drawing was made from, for its title block: "Helm chart charts/shop (release shop, values prod.yaml)",
 * "kustomization overlays/prod", "manifests in deploy". A chart is not "manifests": it is rendered first.
 */
export async function describeSources(
  paths: readonly string[],
  root: string,
  sources: RenderSourceFlags = NO_RENDER_SOURCE_FLAGS,
): Promise<string> {
  const shown = (path: string): string => relative(root, resolve(path)).replace(/\\/g, '/') || '.';
  const parts: string[] = [];
  const plain: string[] = [];
  for (const path of paths) {
    const target = await targetOf(path);
    if (target === undefined) plain.push(shown(path));
    else if (target.tool === 'kustomize') parts.push(`kustomization ${shown(path)}`);
    else {
      const values = sources.valuesFiles.map((file) => shown(file));
      const release = `release ${sources.release ?? 'release'}${values.length > 0 ? `, values ${values.join(', ')}` : ''}`;
      parts.push(`Helm chart ${shown(path)} (${release})`);
    }
  }
  if (plain.length > 0) parts.push(`manifests in ${plain.join(', ')}`);
  return parts.join('; ');
}

async function targetOf(path: string): Promise<RenderTarget | undefined> {
  try {
    const info = await stat(path);
    return renderTargetOf(path, info.isDirectory(), info.isDirectory() ? await readdir(path) : []);
  } catch {
    return undefined;
  }
}
