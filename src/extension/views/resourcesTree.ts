import * as vscode from 'vscode';
import type { GraphDelta } from '../../engine/model/graph.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { connectionWord } from '../cluster/clusterSource.js';
import type { ClusterSession, KindStatus } from '../cluster/session.js';
import { DisposableStore } from '../lifetime.js';
import { statusOf } from '../../engine/graph/status.js';
import { isMeasuredId } from '../../engine/metrics/aggregate.js';
import { shortFigures, treeUsage } from '../../engine/metrics/describe.js';
import type { MetricsState } from '../cluster/metricsPoller.js';
import { CONTEXT_ITEM, itemId, ResourceTreeModel, type KindItem, type ResourceItem } from './resourceTreeModel.js';

const STATUS_ICONS: Readonly<Record<string, [string, string?]>> = {
  Running: ['pass', 'testing.iconPassed'],
  Ready: ['pass', 'testing.iconPassed'],
  Bound: ['pass', 'testing.iconPassed'],
  Succeeded: ['check'],
  Pending: ['clock', 'charts.yellow'],
  Degraded: ['warning', 'charts.yellow'],
  Failed: ['error', 'testing.iconFailed'],
  CrashLoopBackOff: ['error', 'testing.iconFailed'],
  Unbound: ['warning', 'charts.yellow'],
};

/**
 * Context → namespaces (and cluster-scoped, custom resources) → kinds with counts → objects. Fed by the same
 * coalesced deltas as the topology view, it refreshes only the elements a delta touched; the connection state
 * is redrawn on the very event that changed it.
 */
export class ResourcesTree extends DisposableStore implements vscode.TreeDataProvider<ResourceItem> {
  private readonly changed = this.register(new vscode.EventEmitter<ResourceItem | ResourceItem[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';
  private model: ResourceTreeModel | undefined;
  private modelSession: ClusterSession | undefined;
  /** The session the last status event was about: a new one (or none) starts the tree again, once. */
  private seenSession: ClusterSession | undefined;
  private seenContextName: string | undefined;
  /** What the context row and each kind row last showed, to redraw only the rows whose text changes. */
  private shownContext = '';
  private readonly shownKindStates = new Map<KindItem, string | undefined>();
  /** The metrics text each measured row (Pods, workloads, Namespaces, Nodes) last showed: a poll redraws only those that change. */
  private shownMetrics = new Map<string, string>();
  readonly view: vscode.TreeView<ResourceItem>;

  constructor(private readonly manager: ClusterManager) {
    super();
    this.view = this.register(
      vscode.window.createTreeView('kubilitics.resources', { treeDataProvider: this, showCollapseAll: true, canSelectMany: true }),
    );
    this.register(manager.onDidChange(() => this.onStatus()));
    this.register(manager.onDidDelta((delta) => this.onDelta(delta)));
    this.register(manager.onDidMetrics((state) => this.onMetrics(state)));
  }

  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    void vscode.commands.executeCommand('setContext', 'kubilitics.resourcesFiltered', this.filter.length > 0);
    this.rebuild();
  }

  /** Selects an object's row (expanding its namespace and kind); false when the tree does not hold it (gone, filtered). */
  async revealObject(id: string): Promise<boolean> {
    const item = this.current()?.objectItem(id);
    if (!item) return false;
    try {
      await this.view.reveal(item, { select: true, focus: false });
      return true;
    } catch {
      // The view is not resolved yet (never shown): nothing to select in it.
      return false;
    }
  }

  getTreeItem(item: ResourceItem): vscode.TreeItem {
    const tree = this.treeItemOf(item);
    tree.id = itemId(item);
    return tree;
  }

  getChildren(item?: ResourceItem): ResourceItem[] {
    if (!item) return this.manager.contextName ? [CONTEXT_ITEM] : [];
    return this.current()?.children(item) ?? [];
  }

  getParent(item: ResourceItem): ResourceItem | undefined {
    return this.current()?.parent(item);
  }

  /** The model of the current session, built from its engine the first time it is asked for. */
  private current(): ResourceTreeModel | undefined {
    const session = this.manager.session;
    if (!session) return undefined;
    if (this.model && this.modelSession === session) return this.model;
    this.modelSession = session;
    this.model = new ResourceTreeModel(session.engine, this.filter);
    this.shownKindStates.clear();
    this.shownMetrics = new Map();
    this.describeView();
    return this.model;
  }

  private rebuild(): void {
    this.model = undefined;
    this.modelSession = undefined;
    this.shownContext = this.contextText();
    this.describeView();
    this.changed.fire(undefined);
  }

  private onDelta(delta: GraphDelta): void {
    const model = this.model;
    if (!model || this.modelSession !== this.manager.session) return;
    const changed = model.apply(delta);
    if (changed.size > 0) this.changed.fire([...changed]);
    this.describeView();
  }

  /**
   * Rows whose usage text changed are redrawn: the object's, and for a Namespace its folder too (other kinds show no
   * usage).
   */
  private onMetrics(state: MetricsState): void {
    const model = this.model;
    if (!model || this.modelSession !== this.manager.session) return;
    const figures = state.state === 'live' ? state.figures : {};
    const changed: ResourceItem[] = [];
    const ids = new Set([...this.shownMetrics.keys(), ...Object.keys(figures).filter(isMeasuredId)]);
    for (const id of ids) {
      const figure = figures[id];
      const text = figure ? shortFigures(figure) : '';
      if ((this.shownMetrics.get(id) ?? '') === text) continue;
      const item = model.objectItem(id);
      if (item) changed.push(item);
      const folder = id.startsWith(NAMESPACE_PREFIX) ? model.namespaceItem(id.slice(NAMESPACE_PREFIX.length)) : undefined;
      if (folder) changed.push(folder);
    }
    if (changed.length > 0) this.changed.fire(changed);
  }

  /** A new session or context (or none) rebuilds; otherwise only the context row and kind rows whose state text changed are redrawn. */
  private onStatus(): void {
    if (this.seenSession !== this.manager.session || this.seenContextName !== this.manager.contextName) {
      this.seenSession = this.manager.session;
      this.seenContextName = this.manager.contextName;
      this.rebuild();
      return;
    }
    const changed: ResourceItem[] = [];
    const context = this.contextText();
    if (context !== this.shownContext) changed.push(CONTEXT_ITEM);
    this.shownContext = context;
    for (const item of this.model?.kindItems() ?? []) {
      const state = this.kindState(item);
      if (this.shownKindStates.has(item) && this.shownKindStates.get(item) !== state) changed.push(item);
      this.shownKindStates.set(item, state);
    }
    if (changed.length > 0) this.changed.fire(changed);
  }

  private describeView(): void {
    const size = this.model?.size;
    const parts = [
      size !== undefined ? vscode.l10n.t('{0} objects', size) : '',
      this.filter ? vscode.l10n.t('filter: {0}', this.filter) : '',
    ].filter(Boolean);
    this.view.description = parts.join(' · ');
  }

  private contextText(): string {
    const session = this.manager.session;
    return [this.manager.contextName ?? '', session?.connection ?? 'disconnected', ...(session?.hidden() ?? [])].join('\n');
  }

  private treeItemOf(item: ResourceItem): vscode.TreeItem {
    switch (item.type) {
      case 'context':
        return this.contextItem();
      case 'namespace':
        return this.namespaceItem(item.namespace);
      case 'cluster-scoped':
        return folder(vscode.l10n.t('Cluster-scoped'), 'globe');
      case 'custom':
        return folder(vscode.l10n.t('Custom Resources'), 'extensions');
      case 'kind':
        return this.kindItem(item);
      case 'object':
        return this.objectItem(item.id);
    }
  }

  private contextItem(): vscode.TreeItem {
    const session = this.manager.session;
    const item = new vscode.TreeItem(this.manager.contextName ?? vscode.l10n.t('no context'), vscode.TreeItemCollapsibleState.Expanded);
    item.description = session ? connectionWord(session.connection) : vscode.l10n.t('disconnected');
    item.iconPath = new vscode.ThemeIcon(session?.connection === 'connected' ? 'cloud' : 'debug-disconnect');
    item.contextValue = 'context';
    const hidden = session?.hidden() ?? [];
    item.tooltip = hidden.length ? `${vscode.l10n.t('Hidden by RBAC:')}\n${hidden.join('\n')}` : undefined;
    return item;
  }

  private kindItem(item: KindItem): vscode.TreeItem {
    const size = this.model?.count(item) ?? 0;
    const tree = new vscode.TreeItem(item.kind, vscode.TreeItemCollapsibleState.Collapsed);
    const state = this.kindState(item);
    this.shownKindStates.set(item, state);
    tree.description = `${size}${state ? ` · ${state}` : ''}`;
    tree.iconPath = new vscode.ThemeIcon('symbol-class');
    tree.contextValue = 'kind';
    return tree;
  }

  private objectItem(id: string): vscode.TreeItem {
    const record = this.manager.session?.engine.record(id);
    const tree = new vscode.TreeItem(record?.name ?? id, vscode.TreeItemCollapsibleState.None);
    if (!record) return tree;
    const { status, detail } = statusOf(record);
    const [icon, color] = STATUS_ICONS[status] ?? ['circle-outline'];
    tree.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const metrics = this.metricsOf(id);
    tree.description = [status !== 'Unknown' ? status : '', detail ?? '', metrics?.short ?? ''].filter(Boolean).join(' · ');
    tree.tooltip = [`${record.kind} ${record.namespace ? `${record.namespace}/` : ''}${record.name}`, ...(metrics?.lines ?? [])].join('\n');
    // The kind decides the menu (Scale for Deployments, Drain for Nodes): `object:<Kind>`.
    tree.contextValue = `object:${record.kind}`;
    tree.command = {
      command: 'kubilitics.revealInTopology',
      title: vscode.l10n.t('Reveal in Topology'),
      arguments: [{ type: 'object', id }],
    };
    return tree;
  }

  /** A namespace folder: its Pods' usage summed, as its Namespace object's row shows it. */
  private namespaceItem(namespace: string): vscode.TreeItem {
    const item = folder(namespace, 'symbol-namespace');
    const metrics = this.metricsOf(NAMESPACE_PREFIX + namespace);
    if (metrics) {
      item.description = metrics.short;
      item.tooltip = [vscode.l10n.t('Namespace {0}', namespace), ...metrics.lines].join('\n');
    }
    return item;
  }

  /** A measured object's usage (treeUsage): short for the description, whole for the tooltip; remembered to redraw on change only. */
  private metricsOf(id: string): { short: string; lines: string[] } | undefined {
    if (!isMeasuredId(id)) return undefined;
    const state = this.manager.metrics;
    const figure = state?.state === 'live' ? state.figures[id] : undefined;
    this.shownMetrics.set(id, figure ? shortFigures(figure) : '');
    return figure ? treeUsage(figure, id.split('/')[1] ?? '') : undefined;
  }

  private kindState(item: KindItem): string | undefined {
    const status: KindStatus | undefined = this.manager.session
      ?.kinds()
      .find((k) => k.type.kind === item.kind && (k.type.group || 'core') === item.group);
    const phases = [...(status?.scopes.values() ?? [])].map((state) => state.phase);
    if (phases.includes('failing')) return vscode.l10n.t('failing');
    if (phases.includes('syncing')) return vscode.l10n.t('syncing');
    if (phases.includes('forbidden')) return vscode.l10n.t('partly forbidden');
    return undefined;
  }
}

function folder(label: string, icon: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon(icon);
  return item;
}

const NAMESPACE_PREFIX = 'core/Namespace//';
