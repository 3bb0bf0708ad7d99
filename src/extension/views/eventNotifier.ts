import * as vscode from 'vscode';
import { settings } from '../config.js';
import { DisposableStore } from '../lifetime.js';
import { alertWorthy, RateLimiter } from './eventAlerts.js';
import type { EventRow } from './eventsModel.js';
import type { EventsTree } from './eventsTree.js';

/** Notifications of new Warning Events (kubilitics.events.notifications.*): off unless turned on, rate-limited. */
export class EventNotifier extends DisposableStore {
  private limiter: RateLimiter | undefined;
  private perMinute = 0;

  constructor(tree: EventsTree) {
    super();
    this.register(tree.onDidGrow((rows) => this.onGrow(rows)));
  }

  private onGrow(rows: readonly EventRow[]): void {
    const config = settings.events();
    if (!config.notify) return;
    if (!this.limiter || this.perMinute !== config.notifyPerMinute) {
      this.perMinute = config.notifyPerMinute;
      this.limiter = new RateLimiter(config.notifyPerMinute, 60_000);
    }
    const now = Date.now();
    for (const row of rows) {
      if (!alertWorthy(row, config.notifyFilter, now)) continue;
      const { allowed, heldBack } = this.limiter.take(now);
      if (allowed) void this.show(row, heldBack);
    }
  }

  private async show(row: EventRow, heldBack: number): Promise<void> {
    const o = row.object;
    const more = heldBack > 0 ? ` ${vscode.l10n.t('({0} more held back)', heldBack)}` : '';
    const where = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
    const showEvent = vscode.l10n.t('Show Event');
    const message = vscode.l10n.t('Kubilitics: {0} on {1}: {2}', row.reason, where, row.message);
    const choice = await vscode.window.showWarningMessage(`${message}${more}`, showEvent);
    if (choice === showEvent) await vscode.commands.executeCommand('kubilitics.events.reveal', row);
  }
}
