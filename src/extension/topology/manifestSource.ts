import * as vscode from 'vscode';
import { TopologyEngine } from '../../engine/graph/engine.js';
import { diffGraphs } from '../../engine/graph/delta.js';
import { ManifestSet } from '../../engine/intake/manifestSet.js';
import type { IntakeWarning } from '../../engine/intake/manifests.js';
import { computeInsights, type Insight } from '../../engine/insights.js';
import { engineWarnings } from '../../engine/topology.js';
import type { TopologyGraph } from '../../engine/model/graph.js';
import { settings } from '../config.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import { titleOf, workspaceName } from './naming.js';
import type { TopologySource, TopologyState, TopologyUpdate } from './source.js';

const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out}/**';
const NOT_MANIFESTS = /(^|\/)(package(-lock)?\.json|tsconfig[^/]*\.json|\.vscode\/[^/]*\.json|composer\.json)$/;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5000;

/** YAML mode: files and folders parsed into a topology that follows every save. */
export class ManifestSource extends DisposableStore implements TopologySource {
  readonly mode = 'manifests' as const;
  private readonly emitter = this.register(new vscode.EventEmitter<TopologyUpdate>());
  readonly onDidUpdate = this.emitter.event;
  private readonly set = new ManifestSet();
  private engine = new TopologyEngine();
  private graph: TopologyGraph = { nodes: [], edges: [] };
  private insights: Insight[] = [];
  private warnings: IntakeWarning[] = [];
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly uris: readonly vscode.Uri[],
    private readonly root: vscode.Uri,
    private readonly diagnostics: ManifestDiagnostics,
    readonly title: string,
  ) {
    super();
    this.onDispose(() => clearTimeout(this.timer));
    this.onDispose(() => diagnostics.clear(this));
  }

  static async open(uris: readonly vscode.Uri[], diagnostics: ManifestDiagnostics): Promise<ManifestSource> {
    const root = vscode.workspace.getWorkspaceFolder(uris[0]!)?.uri ?? vscode.Uri.joinPath(uris[0]!, '..');
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.path }));
    const title = titleOf(uris.map((uri) => workspaceName(uri.path, folders)));
    const source = new ManifestSource(uris, root, diagnostics, title);
    try {
      await source.loadAll();
      source.watch();
    } catch (error) {
      source.dispose();
      throw error;
    }
    return source;
  }

  get restoreKey(): { kind: 'manifests'; uris: string[] } {
    return { kind: 'manifests', uris: this.uris.map((uri) => uri.toString()) };
  }

  snapshot(): TopologyState {
    return { title: this.title, graph: this.graph, warnings: this.warningTexts(), insights: this.insights };
  }

  graphNow(): TopologyGraph {
    return this.graph;
  }

  locate(id: string): vscode.Location | undefined {
    const source = this.engine.record(id)?.source;
    if (!source) return undefined;
    return new vscode.Location(this.fileUri(source.file), new vscode.Position(Math.max(0, source.line - 1), 0));
  }

  private async loadAll(): Promise<void> {
    const files = await this.manifestFiles();
    await Promise.all(files.map((file) => this.read(file)));
    this.rebuild();
  }

  private async manifestFiles(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    for (const uri of this.uris) {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        const inFolder = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, MANIFEST_GLOB), EXCLUDE_GLOB, MAX_FILES);
        found.push(...inFolder.filter((file) => !NOT_MANIFESTS.test(file.path)));
      } else {
        found.push(uri);
      }
    }
    if (found.length >= MAX_FILES) log().warn(`more than ${MAX_FILES} manifest files; showing the first ${MAX_FILES}`);
    return found;
  }

  private async read(uri: vscode.Uri): Promise<void> {
    const name = this.fileName(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) {
        this.set.update(name, '');
        log().warn(`${name}: skipped, larger than ${MAX_FILE_BYTES / 1048576} MB`);
        return;
      }
      this.set.update(name, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') this.set.remove(name);
      else throw error;
    }
  }

  private watch(): void {
    for (const uri of this.uris) {
      const isFolder = !/\.(ya?ml|json)$/i.test(uri.path);
      const pattern = isFolder
        ? new vscode.RelativePattern(uri, MANIFEST_GLOB)
        : new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.slice(uri.path.lastIndexOf('/') + 1));
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(pattern));
      const queue = (changed: vscode.Uri): void => this.queue(changed);
      this.register(watcher.onDidChange(queue));
      this.register(watcher.onDidCreate(queue));
      this.register(watcher.onDidDelete(queue));
    }
  }

  private queue(uri: vscode.Uri): void {
    if (NOT_MANIFESTS.test(uri.path) || /\/(node_modules|\.git)\//.test(uri.path)) return;
    this.pending.add(uri.toString());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), settings.manifestDebounceMs());
  }

  private async flush(): Promise<void> {
    const changed = [...this.pending].map((text) => vscode.Uri.parse(text));
    this.pending.clear();
    try {
      await Promise.all(changed.map((uri) => this.read(uri)));
      const update = this.rebuild();
      if (!this.isDisposed) this.emitter.fire(update);
    } catch (error) {
      log().error(`reloading manifests failed: ${(error as Error).message}`);
    }
  }

  private rebuild(): TopologyUpdate {
    const before = this.graph;
    this.engine = TopologyEngine.build(this.set.objects(), { defaultNamespace: settings.defaultNamespace() });
    this.graph = this.engine.graph();
    this.insights = computeInsights({ graph: this.graph, record: (id) => this.engine.record(id) });
    this.warnings = [
      ...this.set.warnings(),
      ...engineWarnings(this.engine),
    ];
    this.diagnostics.update(this, (file) => this.fileUri(file), this.warnings, this.insights);
    log().info(`${this.title}: ${this.set.fileNames().length} files, ${this.graph.nodes.length} nodes, ${this.graph.edges.length} edges, ${this.warnings.length} warnings`);
    return { delta: diffGraphs(before, this.graph), warnings: this.warningTexts(), insights: this.insights };
  }

  private warningTexts(): string[] {
    return this.warnings.filter((w) => w.severity === 'error').map((w) => `${w.file}:${w.line}: ${w.message}`);
  }

  private fileName(uri: vscode.Uri): string {
    const rootPath = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    return uri.path.startsWith(rootPath) ? uri.path.slice(rootPath.length) : uri.path;
  }

  private fileUri(name: string): vscode.Uri {
    return name.startsWith('/') ? this.root.with({ path: name }) : vscode.Uri.joinPath(this.root, name);
  }
}
