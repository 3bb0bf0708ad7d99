import { basename, dirname, sep } from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../engine/findings.js';
import { countFindings, describeCounts } from '../../engine/findings.js';
import { diffGraphs } from '../../engine/graph/delta.js';
import { TopologyEngine } from '../../engine/graph/engine.js';
import type { TopologyGraph } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import { topologyFromRendered } from '../../engine/render/renderedTopology.js';
import type { RenderTarget } from '../../engine/render/renderTarget.js';
import type { HelmChoices } from '../../tools/renderTarget.js';
import { ToolError } from '../../tools/toolCommand.js';
import type { GraphDiff } from '../../protocol/messages.js';
import { settings } from '../config.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import type { RestoreKey, TopologySource, TopologyState, TopologyUpdate } from './source.js';
import { fileUriUnder, renderOnce, renderRootOf, shownFileName } from './renderRun.js';
import { sourceLocation } from './sourceLocation.js';

/**
 * A Helm chart or a kustomization drawn from what `helm template` or `kustomize build` renders, following edits to
 * its templates, values files, overlays and bases. A render that fails keeps the last good diagram and reports
 * why, in the view's findings and the Problems panel (on the template helm names, else Chart.yaml/kustomization).
 */
export class RenderedSource extends DisposableStore implements TopologySource {
  readonly mode = 'manifests' as const;
  private readonly emitter = this.register(new vscode.EventEmitter<TopologyUpdate>());
  readonly onDidUpdate = this.emitter.event;
  private readonly resets = this.register(new vscode.EventEmitter<void>());
  /** Fires when the marks of a comparison with a cluster come or go: the view starts again from the snapshot. */
  readonly onDidReset = this.resets.event;
  private comparison: GraphDiff | undefined;
  /** Helm: the release namespace of the last render, where objects that name no namespace are drawn. */
  private releaseNamespace: string | undefined;
  private engine = new TopologyEngine();
  private graph: TopologyGraph = { nodes: [], edges: [] };
  private findings: readonly Finding[] = [];
  private watched = '';
  private readonly watchers = this.register(new DisposableStore());
  private watcherStore = new DisposableStore();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: AbortController | undefined;

  private constructor(
    /** Absolute paths. */
    readonly target: RenderTarget,
    private choices: HelmChoices | undefined,
    /** The folder file names are relative to (the workspace folder). */
    private readonly root: string,
    private readonly diagnostics: ManifestDiagnostics,
    readonly title: string,
  ) {
    super();
    this.onDispose(() => clearTimeout(this.timer));
    this.onDispose(() => this.running?.abort());
    this.onDispose(() => this.watcherStore.dispose());
    this.onDispose(() => diagnostics.clear(this));
    // Restricted Mode kept remote bases from being fetched (renderRun.ts): once trusted, they may be.
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.queue()));
  }

  /** Renders once; a failure (missing tool, template error) rejects with the ToolError and opens nothing. */
  static async open(
    target: RenderTarget,
    choices: HelmChoices | undefined,
    diagnostics: ManifestDiagnostics,
    title: string,
  ): Promise<RenderedSource> {
    const source = new RenderedSource(target, choices, renderRootOf(target), diagnostics, title);
    try {
      await source.render(true);
    } catch (error) {
      source.dispose();
      throw error;
    }
    return source;
  }

  get restoreKey(): RestoreKey {
    return { kind: 'rendered', tool: this.target.tool, root: vscode.Uri.file(this.target.root).toString() };
  }

  get helmChoices(): HelmChoices | undefined {
    return this.choices;
  }

  snapshot(): TopologyState {
    return { title: this.title, graph: this.graph, findings: this.findings, ...(this.comparison ? { diff: this.comparison } : {}) };
  }

  /** The id the view gives a rendered object (undefined for what it would not show), to mark its node. */
  idOf(object: KubeObject): string | undefined {
    return this.engine.idOf(object, this.releaseNamespace ?? settings.defaultNamespace());
  }

  /** Marks the view with a comparison with a cluster (Compare with Cluster); undefined clears the marks. */
  showComparison(comparison: GraphDiff | undefined): void {
    if (this.isDisposed || (!comparison && !this.comparison)) return;
    this.comparison = comparison;
    this.resets.fire();
  }

  graphNow(): TopologyGraph {
    return this.graph;
  }

  locate(id: string): vscode.Location | undefined {
    return sourceLocation(this.engine.record(id)?.source, (file) => this.fileUri(file));
  }

  /** New values files, release or namespace (Change Chart Values…): renders again at once. */
  async useChoices(choices: HelmChoices): Promise<void> {
    this.choices = choices;
    await this.render(false);
  }

  /**
   * Renders and rebuilds. On the first render a failure is thrown; later ones keep the last good graph and add
   * the failure to the findings, so the view and the Problems panel say why it stopped following.
   */
  private async render(first: boolean): Promise<void> {
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    let result;
    try {
      result = await renderOnce(this.target, this.choices, this.root, running.signal);
    } catch (error) {
      if (running.signal.aborted || this.isDisposed) return;
      if (first || !(error instanceof ToolError)) throw error;
      this.failed(error);
      return;
    }
    if (running.signal.aborted || this.isDisposed) return;
    const before = this.graph;
    const built = topologyFromRendered({ rendered: [result.set] }, { defaultNamespace: settings.defaultNamespace() });
    this.engine = built.engine;
    this.findings = built.findings;
    this.graph = this.engine.graph();
    this.releaseNamespace = result.namespace;
    this.diagnostics.update(this, (file) => this.fileUri(file), this.findings);
    this.follow(result.inputs);
    const { nodes, edges } = this.graph;
    const counts = describeCounts(countFindings(this.findings));
    log().info(`${this.title}: rendered with ${result.ranWith}: ${nodes.length} nodes, ${edges.length} edges, ${counts}`);
    if (first) return;
    // A new render makes a comparison's marks stale: the view starts again without them.
    if (this.comparison) this.showComparison(undefined);
    else this.emitter.fire({ delta: diffGraphs(before, this.graph), findings: this.findings });
  }

  private failed(error: ToolError): void {
    const source = error.source ?? { file: this.fileName(this.target.marker), line: 1 };
    const message = `${error.message} (showing the last diagram that rendered)`;
    const failure: Finding = { severity: 'error', kind: 'render-failed', message, objects: [], source };
    const findings = [failure, ...this.findings.filter((finding) => finding.kind !== 'render-failed')];
    this.findings = findings;
    this.diagnostics.update(this, (file) => this.fileUri(file), findings);
    log().warn(`${this.title}: ${error.message}`);
    this.emitter.fire({ delta: diffGraphs(this.graph, this.graph), findings });
  }

  /** Watches what the last render read: the chart or overlay, the bases it pulled in, and the values files. */
  private follow(inputs: readonly string[]): void {
    const key = inputs.join('\n');
    if (key === this.watched) return;
    this.watched = key;
    this.watcherStore.dispose();
    this.watcherStore = this.watchers.register(new DisposableStore());
    const folders = inputs.filter((input) => !inputs.some((other) => other !== input && input.startsWith(`${other}${sep}`)));
    for (const input of folders) {
      const isFile = /\.(ya?ml|json|tpl)$/i.test(input) || input === this.target.marker;
      const pattern = isFile
        ? new vscode.RelativePattern(vscode.Uri.file(dirname(input)), basename(input))
        : new vscode.RelativePattern(vscode.Uri.file(input), '**/*');
      const watcher = this.watcherStore.register(vscode.workspace.createFileSystemWatcher(pattern));
      const queue = (): void => this.queue();
      this.watcherStore.register(watcher.onDidChange(queue));
      this.watcherStore.register(watcher.onDidCreate(queue));
      this.watcherStore.register(watcher.onDidDelete(queue));
    }
  }

  private queue(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.render(false).catch((error: unknown) => log().error(`${this.title}: rendering again failed: ${String(error)}`));
    }, settings.manifestDebounceMs());
  }

  private fileName(absolute: string): string {
    return shownFileName(this.root, absolute);
  }

  private fileUri(name: string): vscode.Uri {
    return fileUriUnder(this.root, name);
  }
}
