import * as vscode from 'vscode';
import type { GraphDelta } from '../../engine/model/graph.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { ClusterSession } from '../cluster/session.js';
import type { HistoryService } from '../history/historyService.js';
import { DisposableStore } from '../lifetime.js';
import { eventEntryOf, eventEntryOfRecord, type EventEntry } from './eventEntry.js';
import { ago, EventsModel, type EventChanges, type EventFilter, type EventGrouping, type EventItem, type EventRow } from './eventsModel.js';

/** Events the store holds for a past moment: as long as the API server keeps them by default (`--event-ttl`). */
const HISTORY_WINDOW_MS = 60 * 60 * 1000;

/** A moment in the history the topology shows; undefined: the live cluster. */
export interface EventsMoment {
  readonly at: number;
  readonly label: string;
}

/**
 * The Events of the current connection, newest first, as one row per series. Fed by the same coalesced deltas as the
 * topology and the Resources tree; in history mode, the Events the store recorded up to the shown moment.
 */
/** The user's actions kept per connection for the live Events view; older ones stay in the history database. */
const MAX_USER_ACTIONS = 500;

export class EventsTree extends DisposableStore implements vscode.TreeDataProvider<EventItem> {
  private readonly changed = this.register(new vscode.EventEmitter<EventItem | EventItem[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly grownEmitter = this.register(new vscode.EventEmitter<readonly EventRow[]>());
  /** Rows that appeared or grew in a live update (not the first list of a connection). */
  readonly onDidGrow = this.grownEmitter.event;
  private model = new EventsModel();
  private modelSession: ClusterSession | undefined;
  private moment: EventsMoment | undefined;
  /** The user's own actions on this connection (the live model is rebuilt from the engine, which has none of them). */
  private userActions: EventEntry[] = [];
  private filter: EventFilter = {};
  private grouping: EventGrouping = 'none';
  readonly view: vscode.TreeView<EventItem>;

  constructor(
    private readonly manager: ClusterManager,
    private readonly history: HistoryService,
    private readonly limit: () => number,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView('kubilitics.events', { treeDataProvider: this, showCollapseAll: true }));
    this.register(manager.onDidChange(() => this.manager.session !== this.modelSession && this.rebuild()));
    this.register(manager.onDidDelta((delta) => this.onDelta(delta)));
    this.rebuild();
  }

  get current(): EventsModel {
    return this.model;
  }

  get inHistory(): boolean {
    return this.moment !== undefined;
  }

  setFilter(filter: EventFilter): void {
    this.filter = filter;
    this.model.setFilter(filter);
    const active = Object.values(filter).some((value: unknown) =>
      typeof value === 'string' ? value.trim() !== '' : (value as Set<string>).size > 0,
    );
    void vscode.commands.executeCommand('setContext', 'kubilitics.eventsFiltered', active);
    this.refreshAll();
  }

  setGrouping(grouping: EventGrouping): void {
    this.grouping = grouping;
    this.model.setGrouping(grouping);
    this.refreshAll();
  }

  showMore(): void {
    this.model.limit *= 4;
    this.refreshAll();
  }

  /** An action of the user's own, shown live as an Event row (its source says so). */
  addUserAction(entry: EventEntry): void {
    this.userActions.push(entry);
    if (this.userActions.length > MAX_USER_ACTIONS) this.userActions.shift();
    if (this.moment !== undefined) return;
    this.refresh(this.model.apply([entry], []));
  }

  /** Shows the Events recorded up to a past moment, or the live ones again (undefined). */
  showMoment(moment: EventsMoment | undefined): void {
    if (moment?.at === this.moment?.at) return;
    this.moment = moment;
    this.rebuild();
  }

  getTreeItem(item: EventItem): vscode.TreeItem {
    if (item.type === 'more') {
      const tree = new vscode.TreeItem(vscode.l10n.t('{0} more…', item.hidden.toLocaleString()), vscode.TreeItemCollapsibleState.None);
      tree.tooltip = vscode.l10n.t('Show more rows, or narrow the list with Filter Events');
      tree.command = { command: 'kubilitics.events.showMore', title: vscode.l10n.t('Show More') };
      return tree;
    }
    if (item.type === 'group') {
      const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.Collapsed);
      tree.id = `group:${this.grouping}:${item.key}`;
      const warnings = !item.warnings
        ? ''
        : ` · ${item.warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', item.warnings)}`;
      // "rows" as the view's own description counts them: a bare "1 · 1 warning" read as a number without a noun.
      const rows = item.size === 1 ? vscode.l10n.t('1 row') : vscode.l10n.t('{0} rows', item.size);
      tree.description = `${rows}${warnings} · ${ago(item.lastSeen)}`;
      tree.iconPath = new vscode.ThemeIcon(
        item.warnings ? 'warning' : 'folder',
        item.warnings ? new vscode.ThemeColor('charts.yellow') : undefined,
      );
      tree.contextValue = 'eventGroup';
      return tree;
    }
    return this.rowItem(item);
  }

  getChildren(item?: EventItem): EventItem[] {
    return this.model.children(item);
  }

  getParent(item: EventItem): EventItem | undefined {
    return this.model.parent(item);
  }

  private rowItem(row: EventRow): vscode.TreeItem {
    const o = row.object;
    const tree = new vscode.TreeItem(`${row.reason || row.eventType} · ${o.kind}/${o.name}`, vscode.TreeItemCollapsibleState.None);
    tree.id = `row:${row.key}`;
    tree.description = `${row.count > 1 ? `×${row.count} · ` : ''}${ago(row.lastSeen)} · ${row.message}`;
    const warning = row.eventType === 'Warning';
    tree.iconPath = new vscode.ThemeIcon(warning ? 'warning' : 'info', warning ? new vscode.ThemeColor('charts.yellow') : undefined);
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${row.eventType} ${row.reason}** · ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}\n\n`);
    tip.appendText(`${row.message}\n\n`);
    tip.appendMarkdown(
      [
        row.events > 1 ? vscode.l10n.t('Count: {0} ({1} Event objects)', row.count, row.events) : vscode.l10n.t('Count: {0}', row.count),
        vscode.l10n.t('First seen: {0}', stamp(row.firstSeen)),
        vscode.l10n.t('Last seen: {0}', stamp(row.lastSeen)),
        vscode.l10n.t('Source: {0}', row.source || vscode.l10n.t('unknown')),
      ].join('  \n'),
    );
    tree.tooltip = tip;
    tree.contextValue = 'event';
    tree.command = { command: 'kubilitics.events.reveal', title: vscode.l10n.t('Reveal Object'), arguments: [row] };
    return tree;
  }

  private onDelta(delta: GraphDelta): void {
    const session = this.manager.session;
    if (this.moment !== undefined || !session || session !== this.modelSession) return;
    const upserts: EventEntry[] = [];
    for (const list of [delta.addedNodes, delta.changedNodes]) {
      for (const node of list) {
        if (node.kind !== 'Event') continue;
        const record = session.engine.record(node.id);
        const entry = record && eventEntryOf(node.id, record.object);
        if (entry) upserts.push(entry);
      }
    }
    if (upserts.length === 0 && delta.removedNodes.length === 0) return;
    const changes = this.model.apply(upserts, delta.removedNodes);
    this.refresh(changes);
    // A connection's first list is the cluster as found, not news.
    if (changes.grown.length > 0 && this.live(session)) this.grownEmitter.fire(changes.grown);
  }

  /** Whether every Event informer of the session has listed once: from then on, an Event is news. */
  private live(session: ClusterSession): boolean {
    const events = session.kinds().filter((kind) => kind.type.kind === 'Event');
    return events.length > 0 && events.every((kind) => [...kind.scopes.values()].every((state) => state.phase === 'live'));
  }

  private refresh(changes: EventChanges): void {
    if (changes.root) this.changed.fire(undefined);
    else if (changes.groups.size > 0) this.changed.fire([...changes.groups]);
    this.describe();
  }

  private refreshAll(): void {
    this.changed.fire(undefined);
    this.describe();
  }

  /** A new model from the session's engine (live) or the store (a past moment). */
  private rebuild(): void {
    const session = this.manager.session;
    if (session !== this.modelSession) this.userActions = [];
    this.modelSession = session;
    this.model = new EventsModel(this.limit());
    this.model.setFilter(this.filter);
    this.model.setGrouping(this.grouping);
    this.model.apply(this.moment ? this.recorded(this.moment) : [...this.liveEntries(session), ...this.userActions]);
    this.refreshAll();
  }

  private liveEntries(session: ClusterSession | undefined): EventEntry[] {
    const entries: EventEntry[] = [];
    for (const record of session?.engine.objects() ?? []) {
      if (record.kind !== 'Event') continue;
      const entry = eventEntryOf(record.id, record.object);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  private recorded(moment: EventsMoment): EventEntry[] {
    const stores = this.history.storesNow();
    const clusterId = this.manager.recorder?.cluster;
    if (!stores || clusterId === undefined) return [];
    return stores.events.until(clusterId, moment.at, HISTORY_WINDOW_MS).map(eventEntryOfRecord);
  }

  private describe(): void {
    const model = this.model;
    const counts =
      model.shown === model.size ? vscode.l10n.t('{0} rows', model.size) : vscode.l10n.t('{0} of {1} rows', model.shown, model.size);
    this.view.description = this.moment ? `${counts} · ${vscode.l10n.t('recorded up to {0}', this.moment.label)}` : counts;
    this.view.message =
      this.moment && model.size === 0
        ? vscode.l10n.t('No Events were recorded up to {0} (history records Events while a window is connected).', this.moment.label)
        : '';
  }
}

function stamp(ms: number): string {
  return ms > 0 ? new Date(ms).toLocaleString() : vscode.l10n.t('unknown');
}
