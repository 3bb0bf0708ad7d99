import * as vscode from 'vscode';
import type { ObjectRecord } from '../../engine/model/object.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { KindStatus } from '../cluster/session.js';
import { DisposableStore } from '../lifetime.js';
import { statusOf } from '../../engine/graph/status.js';

export type ResourceItem =
  | { readonly type: 'context' }
  | { readonly type: 'namespace'; readonly namespace: string }
  | { readonly type: 'cluster-scoped' }
  | { readonly type: 'custom' }
  | { readonly type: 'kind'; readonly scope: string; readonly kind: string; readonly group: string }
  | { readonly type: 'object'; readonly id: string };

const CUSTOM = '\u0000custom';
const CLUSTER = '\u0000cluster';
const BUILTIN_GROUP = /(^|\.)k8s\.io$|^(core|apps|batch|autoscaling|policy|extensions)$/;
const STATUS_ICONS: Readonly<Record<string, [string, string?]>> = {
  Running: ['pass', 'testing.iconPassed'], Ready: ['pass', 'testing.iconPassed'], Bound: ['pass', 'testing.iconPassed'],
  Succeeded: ['check'], Pending: ['clock', 'charts.yellow'], Degraded: ['warning', 'charts.yellow'],
  Failed: ['error', 'testing.iconFailed'], CrashLoopBackOff: ['error', 'testing.iconFailed'], Unbound: ['warning', 'charts.yellow'],
};

/** One collator for every sort: `localeCompare` builds a new one per call, too slow for a kind with 20,000 pods. */
const byName = new Intl.Collator(undefined, { numeric: true });

/** Context → namespaces (and cluster-scoped, custom resources) → kinds with counts → objects. */
export class ResourcesTree extends DisposableStore implements vscode.TreeDataProvider<ResourceItem> {
  private readonly changed = this.register(new vscode.EventEmitter<ResourceItem | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';
  /** Scope → `group/Kind` → objects, built once per refresh: a tree over 100,000 objects must not rescan them per row. */
  private cached: Map<string, Map<string, ObjectRecord[]>> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly view: vscode.TreeView<ResourceItem>;

  constructor(private readonly manager: ClusterManager) {
    super();
    this.view = this.register(vscode.window.createTreeView('kubilitics.resources', { treeDataProvider: this, showCollapseAll: true }));
    this.register(manager.onDidChange(() => this.refreshSoon()));
    this.register(manager.onDidDelta(() => this.refreshSoon()));
    this.onDispose(() => clearTimeout(this.timer));
  }

  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    this.view.description = this.filter ? `filter: ${this.filter}` : '';
    this.cached = undefined;
    void vscode.commands.executeCommand('setContext', 'kubilitics.resourcesFiltered', this.filter.length > 0);
    this.changed.fire(undefined);
  }

  getTreeItem(item: ResourceItem): vscode.TreeItem {
    switch (item.type) {
      case 'context': return this.contextItem();
      case 'namespace': return folder(item.namespace, 'symbol-namespace', `${count(this.index().get(item.namespace))} objects`);
      case 'cluster-scoped': return folder('Cluster-scoped', 'globe');
      case 'custom': return folder('Custom Resources', 'extensions');
      case 'kind': return this.kindItem(item);
      case 'object': return this.objectItem(item.id);
    }
  }

  getChildren(item?: ResourceItem): ResourceItem[] {
    const session = this.manager.session;
    if (!item) return this.manager.contextName ? [{ type: 'context' }] : [];
    if (!session) return [];
    if (item.type === 'context') return this.topLevel();
    if (item.type === 'namespace') return this.kindsIn(item.namespace);
    if (item.type === 'cluster-scoped') return this.kindsIn(CLUSTER);
    if (item.type === 'custom') return this.kindsIn(CUSTOM);
    if (item.type === 'kind') {
      return [...(this.index().get(item.scope)?.get(`${item.group}/${item.kind}`) ?? [])]
        .sort((a, b) => byName.compare(a.name, b.name)).map((r) => ({ type: 'object', id: r.id }));
    }
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  private topLevel(): ResourceItem[] {
    const scopes = [...this.index().keys()];
    return [
      ...scopes.filter((scope) => scope !== CUSTOM && scope !== CLUSTER).sort().map((namespace): ResourceItem => ({ type: 'namespace', namespace })),
      ...(scopes.includes(CLUSTER) ? [{ type: 'cluster-scoped' } as const] : []),
      ...(scopes.includes(CUSTOM) ? [{ type: 'custom' } as const] : []),
    ];
  }

  private kindsIn(scope: string): ResourceItem[] {
    return [...(this.index().get(scope)?.values() ?? [])]
      .map((records): ResourceItem => ({ type: 'kind', scope, kind: records[0]!.kind, group: records[0]!.group }))
      .sort((a, b) => (a.type === 'kind' && b.type === 'kind' ? byName.compare(a.kind, b.kind) : 0));
  }

  private index(): Map<string, Map<string, ObjectRecord[]>> {
    if (this.cached) return this.cached;
    const index = new Map<string, Map<string, ObjectRecord[]>>();
    for (const record of this.manager.session?.engine.objects() ?? []) {
      if (!this.matches(record)) continue;
      const scope = this.scopeOf(record);
      let kinds = index.get(scope);
      if (!kinds) index.set(scope, (kinds = new Map()));
      const key = `${record.group}/${record.kind}`;
      const list = kinds.get(key);
      if (list) list.push(record);
      else kinds.set(key, [record]);
    }
    this.cached = index;
    return index;
  }

  private contextItem(): vscode.TreeItem {
    const session = this.manager.session;
    const item = new vscode.TreeItem(this.manager.contextName ?? 'no context', vscode.TreeItemCollapsibleState.Expanded);
    item.description = session ? `${session.connection}, ${session.engine.size} objects` : 'disconnected';
    item.iconPath = new vscode.ThemeIcon(session?.connection === 'connected' ? 'cloud' : 'debug-disconnect');
    item.contextValue = 'context';
    const hidden = session?.hidden() ?? [];
    item.tooltip = hidden.length ? `Hidden by RBAC:\n${hidden.join('\n')}` : undefined;
    return item;
  }

  private kindItem(item: Extract<ResourceItem, { type: 'kind' }>): vscode.TreeItem {
    const size = this.index().get(item.scope)?.get(`${item.group}/${item.kind}`)?.length ?? 0;
    const tree = new vscode.TreeItem(item.kind, vscode.TreeItemCollapsibleState.Collapsed);
    const state = this.kindState(item.kind, item.group);
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
    tree.description = [status !== 'Unknown' ? status : '', detail ?? ''].filter(Boolean).join(' · ');
    tree.tooltip = `${record.kind} ${record.namespace ? `${record.namespace}/` : ''}${record.name}`;
    tree.contextValue = 'object';
    tree.id = id;
    tree.command = { command: 'kubilitics.revealInTopology', title: 'Reveal in Topology', arguments: [{ type: 'object', id }] };
    return tree;
  }

  private kindState(kind: string, group: string): string | undefined {
    const status: KindStatus | undefined = this.manager.session?.kinds().find((k) => k.type.kind === kind && (k.type.group || 'core') === group);
    const phases = [...(status?.scopes.values() ?? [])].map((state) => state.phase);
    if (phases.includes('failing')) return 'failing';
    if (phases.includes('syncing')) return 'syncing';
    if (phases.includes('forbidden')) return 'partly forbidden';
    return undefined;
  }

  private scopeOf(record: ObjectRecord): string {
    if (!BUILTIN_GROUP.test(record.group)) return CUSTOM;
    return record.namespace || CLUSTER;
  }

  private matches(record: ObjectRecord): boolean {
    return !this.filter || record.name.toLowerCase().includes(this.filter) || record.kind.toLowerCase() === this.filter;
  }

  private refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.cached = undefined;
      this.changed.fire(undefined);
    }, 500);
  }
}

function folder(label: string, icon: string, description?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon(icon);
  if (description) item.description = description;
  return item;
}

function count(kinds: Map<string, ObjectRecord[]> | undefined): number {
  let total = 0;
  for (const records of kinds?.values() ?? []) total += records.length;
  return total;
}
