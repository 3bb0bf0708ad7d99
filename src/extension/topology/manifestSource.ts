import * as vscode from 'vscode';
import { TopologyEngine } from '../../engine/graph/engine.js';
import { diffGraphs } from '../../engine/graph/delta.js';
import { ManifestSet } from '../../engine/intake/manifestSet.js';
import { countFindings, describeCounts, type Finding } from '../../engine/findings.js';
import {
  chartRootOf,
  EXCLUDE_GLOB,
  isManifestPath,
  leaveOutChartTemplates,
  MANIFEST_GLOB,
  MAX_MANIFEST_FILES,
  tooLarge,
} from '../../engine/intake/fileRules.js';
import { megabytes, raiseHint, type IntakeLimits } from '../../engine/intake/limits.js';
import type { IntakeWarning } from '../../engine/intake/manifestTypes.js';
import { topologyFromManifestSet } from '../../engine/topology.js';
import type { TopologyGraph } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import type { GraphDiff } from '../../protocol/messages.js';
import { settings } from '../config.js';
import type { ManifestParser } from '../intake/manifestParser.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { ManifestDiagnostics } from './diagnostics.js';
import { titleOf, workspaceName } from './naming.js';
import type { TopologySource, TopologyState, TopologyUpdate } from './source.js';
import { sourceLocation } from './sourceLocation.js';

/**
 * YAML mode: files and folders parsed into a topology that follows every save. Which files of a folder are
 * read follows intake/fileRules.ts and what is reported follows `manifestFindings`, as in the CLI.
 */
export class ManifestSource extends DisposableStore implements TopologySource {
  readonly mode = 'manifests' as const;
  private readonly emitter = this.register(new vscode.EventEmitter<TopologyUpdate>());
  readonly onDidUpdate = this.emitter.event;
  private readonly resets = this.register(new vscode.EventEmitter<void>());
  /** Fires when the marks of a comparison with a cluster come or go: the view starts again from the snapshot. */
  readonly onDidReset = this.resets.event;
  private comparison: GraphDiff | undefined;
  private readonly set = new ManifestSet();
  private engine = new TopologyEngine();
  private graph: TopologyGraph = { nodes: [], edges: [] };
  private findings: Finding[] = [];
  private readonly pending = new Set<string>();
  /** Charts met in the folder walk (paths ending in `/`): their templates are not read, nor their changes. */
  private chartRoots: readonly string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly uris: readonly vscode.Uri[],
    private readonly root: vscode.Uri,
    private readonly diagnostics: ManifestDiagnostics,
    private readonly parser: ManifestParser,
    readonly title: string,
  ) {
    super();
    this.onDispose(() => clearTimeout(this.timer));
    this.onDispose(() => diagnostics.clear(this));
    this.onDispose(() => parser.dispose());
  }

  /** Reads the manifests (off the host thread) and follows them; a cancelled `token` ends the read with ParseCancelled. */
  static async open(
    uris: readonly vscode.Uri[],
    diagnostics: ManifestDiagnostics,
    parser: ManifestParser,
    token?: vscode.CancellationToken,
  ): Promise<ManifestSource> {
    const root = vscode.workspace.getWorkspaceFolder(uris[0]!)?.uri ?? vscode.Uri.joinPath(uris[0]!, '..');
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.path }));
    const title = titleOf(uris.map((uri) => workspaceName(uri.path, folders)));
    const source = new ManifestSource(uris, root, diagnostics, parser, title);
    const cancelling = token?.onCancellationRequested(() => parser.cancel());
    try {
      await source.loadAll();
      source.watch();
    } catch (error) {
      source.dispose();
      throw error;
    } finally {
      cancelling?.dispose();
    }
    return source;
  }

  get restoreKey(): { kind: 'manifests'; uris: string[] } {
    return { kind: 'manifests', uris: this.uris.map((uri) => uri.toString()) };
  }

  snapshot(): TopologyState {
    return { title: this.title, graph: this.graph, findings: this.findings, ...(this.comparison ? { diff: this.comparison } : {}) };
  }

  /** The id the view gives `object` (undefined for what it would not show), to mark its node. */
  idOf(object: KubeObject): string | undefined {
    return this.engine.idOf(object);
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

  /**
   * Files one after another in name order, so the folder's limits on bytes and objects cut it at the same place every
   * time; the parse worker takes one file at a time anyway.
   */
  private async loadAll(): Promise<void> {
    const found = (await this.manifestFiles()).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // A chart's templates are not YAML: left out with a note, as the CLI's walk does (fileRules.ts).
    const charts = leaveOutChartTemplates(
      found.map((uri) => uri.path),
      this.uris.map((uri) => uri.path),
    );
    const kept = new Set(charts.kept);
    const files = found.filter((uri) => kept.has(uri.path));
    this.chartRoots = charts.chartRoots;
    for (const note of charts.notes) {
      const name = this.fileName(this.root.with({ path: note.file }));
      this.set.skip(name, { ...note, file: name });
    }
    const limits = settings.intakeLimits();
    const used = { bytes: 0, objects: 0 };
    for (const file of files) {
      const over = overFolderLimit(used, limits);
      if (over) this.set.skip(this.fileName(file), { ...over, file: this.fileName(file) });
      else await this.read(file, limits, used);
    }
    this.rebuild();
  }

  private async manifestFiles(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    for (const uri of this.uris) {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        // Excludes relative to the opened folder, as the CLI's walk: an opened `dist/` is read, a `dist/` inside is not.
        const exclude = new vscode.RelativePattern(uri, EXCLUDE_GLOB);
        const inFolder = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, MANIFEST_GLOB), exclude, MAX_MANIFEST_FILES);
        found.push(...inFolder.filter((file) => isManifestPath(relativeTo(uri, file))));
      } else {
        found.push(uri);
      }
    }
    if (found.length >= MAX_MANIFEST_FILES)
      log().warn(`more than ${MAX_MANIFEST_FILES} manifest files; showing the first ${MAX_MANIFEST_FILES}`);
    return found;
  }

  private async read(uri: vscode.Uri, limits: IntakeLimits, used = { bytes: 0, objects: 0 }): Promise<void> {
    const name = this.fileName(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > limits.fileBytes) {
        this.set.skip(name, tooLarge(name, limits));
        return;
      }
      const parsed = await this.parser.parse(name, await vscode.workspace.fs.readFile(uri), limits);
      used.bytes += stat.size;
      used.objects += parsed.objects.length;
      this.set.setParsed(name, parsed);
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
    if (!this.belongs(uri)) return;
    this.pending.add(uri.toString());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), settings.manifestDebounceMs());
  }

  private async flush(): Promise<void> {
    const changed = [...this.pending].map((text) => vscode.Uri.parse(text));
    this.pending.clear();
    try {
      const limits = settings.intakeLimits();
      for (const uri of changed) await this.read(uri, limits);
      if (this.isDisposed) return;
      const update = this.rebuild();
      // A changed file makes the comparison's marks stale: the view starts again without them.
      if (this.comparison) this.showComparison(undefined);
      else this.emitter.fire(update);
    } catch (error) {
      if (!this.isDisposed) log().error(`reloading manifests failed: ${(error as Error).message}`);
    }
  }

  private rebuild(): TopologyUpdate {
    const before = this.graph;
    const opened = this.uris.map((uri) => this.openedName(uri));
    const built = topologyFromManifestSet(this.set, opened, { defaultNamespace: settings.defaultNamespace() });
    this.engine = built.engine;
    this.findings = built.findings;
    this.graph = this.engine.graph();
    this.diagnostics.update(this, (file) => this.fileUri(file), this.findings);
    const counts = describeCounts(countFindings(this.findings));
    const { nodes, edges } = this.graph;
    log().info(`${this.title}: ${this.set.fileNames().length} files, ${nodes.length} nodes, ${edges.length} edges, ${counts}`);
    return { delta: diffGraphs(before, this.graph), findings: this.findings };
  }

  /** Whether a changed file is one this view reads: a file opened by name, or a manifest of an opened folder. */
  private belongs(uri: vscode.Uri): boolean {
    if (this.uris.some((opened) => opened.toString() === uri.toString())) return true;
    if (chartRootOf(uri.path, this.chartRoots) !== undefined) return false;
    const folder = this.uris.find((opened) => uri.path.startsWith(opened.path.endsWith('/') ? opened.path : `${opened.path}/`));
    return folder !== undefined && isManifestPath(relativeTo(folder, uri));
  }

  /** An opened file or folder named as the set names its files; the root folder itself is '' (not its absolute path). */
  private openedName(uri: vscode.Uri): string {
    const trim = (path: string): string => path.replace(/\/$/, '');
    return trim(uri.path) === trim(this.root.path) ? '' : this.fileName(uri);
  }

  private fileName(uri: vscode.Uri): string {
    const rootPath = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    return uri.path.startsWith(rootPath) ? uri.path.slice(rootPath.length) : uri.path;
  }

  private fileUri(name: string): vscode.Uri {
    return name.startsWith('/') ? this.root.with({ path: name }) : vscode.Uri.joinPath(this.root, name);
  }
}

/** `file`'s path below `folder`, `/`-separated. */
function relativeTo(folder: vscode.Uri, file: vscode.Uri): string {
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return file.path.startsWith(base) ? file.path.slice(base.length) : file.path;
}

/** The note for a file left out because the files before it reached the folder's limit on bytes or objects. */
function overFolderLimit(used: { bytes: number; objects: number }, limits: IntakeLimits): Omit<IntakeWarning, 'file'> | undefined {
  let message: string | undefined;
  if (used.bytes >= limits.totalBytes) {
    const held = megabytes(limits.totalBytes);
    message = vscode.l10n.t('skipped: the files before it hold {0}, the limit for one view ({1})', held, raiseHint('totalBytes'));
  } else if (used.objects >= limits.objects) {
    const held = vscode.l10n.t('{0} objects', limits.objects);
    message = vscode.l10n.t('skipped: the files before it hold {0}, the limit for one view ({1})', held, raiseHint('objects'));
  }
  return message === undefined ? undefined : { line: 1, severity: 'note', problem: 'limit', message };
}
