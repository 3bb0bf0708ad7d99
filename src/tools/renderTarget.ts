/**
 * One chart or kustomization → its rendered objects, each naming the template or overlay file it came from. Runs
 * `helm template` or `kustomize build` (`kubectl kustomize` when there is no kustomize) and never with a flag that
 * lets the build run other programs: no `--post-renderer`, `--enable-helm`, `--enable-alpha-plugins`, `--enable-exec`.
 * Shared by the CLI and the extension, so both draw the same graph from the same chart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { IntakeLimits } from '../engine/intake/limits.js';
import { chartRelativePath, helmErrorLocation } from '../engine/render/helmSources.js';
import { attributeRendered } from '../engine/render/renderedManifests.js';
import type { RenderedSet } from '../engine/render/renderedTopology.js';
import type { RenderTarget } from '../engine/render/renderTarget.js';
import {
  checkVersion,
  minimumText,
  missingMessage,
  runTool,
  ToolError,
  type RunOptions,
  type ToolLocation,
  type ToolName,
} from './toolCommand.js';

export interface ToolSettings {
  /** Configured programs (a setting or a flag); a tool not named here is looked up on PATH. */
  readonly paths: Partial<Record<ToolName, string>>;
  /** How to point at a tool, for messages: `set kubilitics.helm.path` or `pass --helm PATH`. */
  readonly pointAt: (tool: ToolName) => string;
  /** Restricted Mode: the tools start no other program and reach no other host (toolCommand.ts `sealed`). */
  readonly sealed?: boolean;
}

export interface HelmChoices {
  /** Values files, absolute, applied after the chart's own values.yaml in this order. */
  readonly valuesFiles: readonly string[];
  readonly release: string;
  readonly namespace: string;
}

export const DEFAULT_HELM_CHOICES: HelmChoices = { valuesFiles: [], release: 'release', namespace: 'default' };

export interface RenderOptions {
  /** Absolute paths. */
  readonly target: RenderTarget;
  readonly helm?: HelmChoices;
  readonly tools: ToolSettings;
  /** An absolute path as findings name files (relative to the view's root or the working folder). */
  readonly shownName: (absolute: string) => string;
  readonly limits?: IntakeLimits;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface RenderResult {
  readonly set: RenderedSet;
  /** What ran, e.g. `helm v3.21.4` or `kubectl v1.37.2 kustomize`. */
  readonly ranWith: string;
  /** Absolute files and folders whose change changes the output: the chart or overlay, its bases, values files. */
  readonly inputs: readonly string[];
  /** What the tool wrote, for Apply and Compare (which send Secrets whole, as written, where the set holds no data). */
  readonly output: string;
  /** Helm: the release namespace, where namespaced objects that name none go. */
  readonly namespace?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export async function renderTarget(options: RenderOptions): Promise<RenderResult> {
  const { target } = options;
  const files = new Map<string, string>();
  const show = (absolute: string): string => {
    const shown = options.shownName(absolute);
    files.set(shown, absolute);
    return shown;
  };
  const readText = (shown: string): string | undefined => {
    try {
      return readFileSync(files.get(shown) ?? shown, 'utf8');
    } catch {
      return undefined;
    }
  };
  const marker = show(target.marker);
  const rendering = target.tool === 'helm' ? renderChart(options) : renderKustomization(options);
  const rendered = await rendering.catch(located(options, show));
  const fileOf = (source: string): string | undefined => {
    const absolute = resolve(rendered.base, source);
    return existsSync(absolute) ? show(absolute) : undefined;
  };
  const namespace = rendered.namespace === undefined ? {} : { defaultNamespace: rendered.namespace };
  const parsed = attributeRendered({
    tool: target.tool,
    marker,
    output: rendered.output,
    fileOf,
    readText,
    ...limitsOf(options),
    ...namespace,
  });
  const sourceFolders = [...files.values()].map((file) => dirname(file));
  const inputs = [...new Set([target.root, ...(options.helm?.valuesFiles ?? []), ...sourceFolders])].sort();
  const set = { root: options.shownName(target.root) || '.', parsed };
  const releaseNamespace = rendered.namespace === undefined ? {} : { namespace: rendered.namespace };
  return { set, ranWith: rendered.ranWith, inputs, output: rendered.output, ...releaseNamespace };
}

/**
 * A failure points at the template and line helm stopped at, when it names one, else at the Chart.yaml or
 * kustomization: that is where the Problems panel shows it.
 */
function located(options: RenderOptions, show: (absolute: string) => string): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof ToolError)) throw error;
    const where = options.target.tool === 'helm' ? helmErrorLocation(error.message) : undefined;
    const relative = where === undefined ? undefined : chartRelativePath(where.source);
    const file = relative === undefined ? undefined : resolve(options.target.root, relative);
    const source =
      file !== undefined && existsSync(file) ? { file: show(file), line: where!.line } : { file: show(options.target.marker), line: 1 };
    throw new ToolError(error.tool, error.problem, error.message, source);
  };
}

function limitsOf(options: RenderOptions): { limits?: IntakeLimits } {
  return options.limits ? { limits: options.limits } : {};
}

interface ToolOutput {
  readonly output: string;
  /** The folder the tool's source paths are relative to. */
  readonly base: string;
  readonly ranWith: string;
  /** Helm: the release namespace. */
  readonly namespace?: string;
}

function locate(tool: ToolName, settings: ToolSettings): ToolLocation {
  const configured = settings.paths[tool];
  return { tool, command: configured ?? tool, configured: configured !== undefined, pointAt: settings.pointAt(tool) };
}

async function renderChart(options: RenderOptions): Promise<ToolOutput> {
  const choices = options.helm ?? DEFAULT_HELM_CHOICES;
  if (!DNS_LABEL.test(choices.release) || choices.release.length > 53)
    throw new ToolError('helm', 'bad-input', `'${choices.release}' is not a release name (lower-case letters, digits and '-', at most 53)`);
  if (!DNS_LABEL.test(choices.namespace) || choices.namespace.length > 63)
    throw new ToolError('helm', 'bad-input', `'${choices.namespace}' is not a namespace name (lower-case letters, digits and '-')`);
  const helm = locate('helm', options.tools);
  const version = await checkVersion(helm, sharedRunOptions(options));
  const values = choices.valuesFiles.flatMap((file) => ['--values', absolute(file)]);
  const args = ['template', choices.release, absolute(options.target.root), '--namespace', choices.namespace, '--skip-tests'];
  const output = await runTool(helm, [...args, '--include-crds', ...values], runOptions(options));
  // `# Source:` paths are chart-relative once their first segment (the chart's name) is cut (engine/render/helmSources.ts).
  return { output, base: absolute(options.target.root), ranWith: `helm ${version}`, namespace: choices.namespace };
}

async function renderKustomization(options: RenderOptions): Promise<ToolOutput> {
  const { location, version } = await kustomizeProgram(options);
  const build = location.tool === 'kubectl' ? ['kustomize'] : ['build'];
  const ranWith = location.tool === 'kubectl' ? `kubectl ${version} kustomize` : `kustomize ${version}`;
  const root = absolute(options.target.root);
  const wrapper = await mkdtemp(join(tmpdir(), 'kubilitics-kustomize-'));
  try {
    const from = relative(wrapper, root);
    if (!isAbsolute(from)) {
      // A kustomization of our own that only includes the user's and asks for origin annotations: the user's files
      // stay as they are, and the output is theirs plus one annotation, taken off again after attribution.
      await writeFile(join(wrapper, 'kustomization.yaml'), `resources:\n- ${JSON.stringify(from)}\nbuildMetadata: [originAnnotations]\n`);
      try {
        return { output: await runTool(location, [...build, wrapper], runOptions(options)), base: wrapper, ranWith };
      } catch (error) {
        if (!(error instanceof ToolError) || error.problem !== 'failed') throw error;
        // Built again on its own below, so the error the user sees names their files, not ours.
      }
    }
    return { output: await runTool(location, [...build, root], runOptions(options)), base: root, ranWith };
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
}

/** kustomize, or `kubectl kustomize` when no kustomize is configured or on PATH. */
async function kustomizeProgram(options: RenderOptions): Promise<{ location: ToolLocation; version: string }> {
  const kustomize = locate('kustomize', options.tools);
  try {
    return { location: kustomize, version: await checkVersion(kustomize, sharedRunOptions(options)) };
  } catch (error) {
    if (!(error instanceof ToolError) || error.problem !== 'missing' || kustomize.configured) throw error;
  }
  const kubectl = locate('kubectl', options.tools);
  try {
    return { location: kubectl, version: await checkVersion(kubectl, sharedRunOptions(options)) };
  } catch (error) {
    if (!(error instanceof ToolError) || error.problem !== 'missing') throw error;
    const instead = `kubectl ${minimumText('kubectl')} or later would do too (kubectl kustomize; ${options.tools.pointAt('kubectl')}).`;
    throw new ToolError('kustomize', 'missing', `${missingMessage(kustomize)} ${instead}`);
  }
}

function absolute(path: string): string {
  return resolve(path);
}

/** What every run of a tool for this render shares: its cancellation, and whether it is sealed (Restricted Mode). */
function sharedRunOptions(options: RenderOptions): RunOptions {
  return { ...(options.signal ? { signal: options.signal } : {}), ...(options.tools.sealed === true ? { sealed: true } : {}) };
}

function runOptions(options: RenderOptions): RunOptions {
  return { ...sharedRunOptions(options), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
}
